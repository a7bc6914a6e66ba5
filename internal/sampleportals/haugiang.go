package sampleportals

import (
	"fmt"
	"html/template"
	"net/url"
	"strings"
)

// hgView is the data of every page template of the home-made site.
type hgView struct {
	Charset, PageTitle string

	Items []link
	Pager pager

	ID          int
	Title, Date string
	BigTitle    bool
	Summary     string
	Body        template.HTML
	Related     []link
}

const hgListPath = "/tintuc.asp"

// routeHaugiang maps a request to its page the way the IIS/ASP site does:
// paths are case-insensitive, the list reads cat and page (page defaults to
// 1), the article page reads id, and everything else is ignored.
func routeHaugiang(u *url.URL) string {
	p := strings.ToLower(u.Path)
	q := u.Query()
	switch p {
	case hgListPath:
		page := q.Get("page")
		if page == "" {
			page = "1"
		}
		return fmt.Sprintf("%s?cat=%s&page=%s", p, q.Get("cat"), page)
	case "/chitiet.asp":
		return p + "?id=" + q.Get("id")
	case "/", "/default.asp":
		return "/default.asp"
	}
	return p
}

// hgLink is the relative link the site prints; hgPath is its canonical form.
func hgLink(a *articleData) string { return fmt.Sprintf("chitiet.asp?id=%d", a.ID) }
func hgPath(a *articleData) string { return "/" + hgLink(a) }

// hgDate prints the date line near the title in one of the two forms the
// site uses, or "" for an article without a date.
func hgDate(a *articleData) string {
	if a.published.IsZero() {
		return ""
	}
	if a.ID%2 == 0 {
		return a.published.Format("Đăng ngày 02 - 01 - 2006")
	}
	return weekdays[a.published.Weekday()] + " - " + a.published.Format("02/01/2006 15:04")
}

// hgShortDate is the date shown next to titles in lists, "" when absent.
func hgShortDate(a *articleData) string {
	if a.published.IsZero() {
		return ""
	}
	return a.published.Format("02/01/2006")
}

// hgSummary is the teaser of the list page: the start of the first paragraph.
func hgSummary(a *articleData) string {
	words := strings.Fields(a.blocks()[0].Text)
	if len(words) > 28 {
		return strings.Join(words[:28], " ") + "..."
	}
	return strings.Join(words, " ")
}

// buildHaugiang renders the messy home-made portal.
func buildHaugiang(site Site) (*siteBuild, error) {
	arts, err := loadContent(site.Name)
	if err != nil {
		return nil, err
	}
	t, err := parseTemplates("haugiang.html")
	if err != nil {
		return nil, err
	}
	b := newBuild(site, routeHaugiang)
	toLink := func(a *articleData) link {
		return link{URL: hgLink(a), Title: a.Title, Date: hgShortDate(a), Summary: hgSummary(a), Image: fmt.Sprintf("images/news/%d_0.jpg", a.ID)}
	}

	listURL := func(p int) string { return fmt.Sprintf("%s?cat=2&page=%d", hgListPath, p) }
	ranges, pagers := paginate(len(arts), 4, func(p int) string { return strings.TrimPrefix(listURL(p), "/") })
	for i, r := range ranges {
		v := hgView{Charset: "utf-8", PageTitle: "Tin hoạt động", Pager: pagers[i]}
		for _, a := range arts[r[0]:r[1]] {
			v.Items = append(v.Items, toLink(a))
		}
		if err := b.render(t, "list", listURL(i+1), v); err != nil {
			return nil, err
		}
		b.lists = append(b.lists, listURL(i+1))
	}

	for i, a := range arts {
		v := hgView{
			Charset: "utf-8", PageTitle: a.Title, ID: a.ID, Title: a.Title, Date: hgDate(a), BigTitle: a.ID%2 == 0,
			Body: renderBlocks(a,
				func(s string) string {
					if a.ID%3 == 0 {
						return s + "<br><br>" // some editors only knew line breaks
					}
					return `<p align="justify">` + s + `</p>`
				},
				func(n int, c string) string {
					return fmt.Sprintf(`<p align="center"><img src="images/news/%d_%d.jpg" width="450" border="0"><br><i>%s</i></p>`, a.ID, n, c)
				}),
		}
		for j := 1; j <= 5; j++ {
			l := toLink(arts[(i+j)%len(arts)])
			if a.has(trapNoDate) {
				l.Date = "" // the page must show no date at all
			}
			v.Related = append(v.Related, l)
		}
		contentType := typeHTML
		if a.has(trapCP1258) {
			v.Charset, contentType = "windows-1258", typeHTMLBare
		}
		body, err := execute(t, "article", v)
		if err != nil {
			return nil, err
		}
		if a.has(trapCP1258) {
			if body, err = EncodeWindows1258(body); err != nil {
				return nil, fmt.Errorf("article %d: %w", a.ID, err)
			}
		}
		if err := b.add(hgPath(a), contentType, body); err != nil {
			return nil, err
		}
		b.expect(a, hgPath(a), pickExcludes(a.cleanText(), "TRANG CHỦ", "Các tin khác", "Bản quyền thuộc Viện kiểm sát nhân dân tỉnh Hậu Giang", "[Trở về]", "Lượt truy cập", v.Related[0].Title))
	}

	home := hgView{Charset: "utf-8", PageTitle: "Trang chủ", Title: "Tin mới", Summary: "Tin hoạt động mới nhất của ngành Kiểm sát Hậu Giang."}
	for _, a := range arts[:5] {
		home.Items = append(home.Items, toLink(a))
	}
	for path, v := range map[string]hgView{
		"/default.asp":   home,
		"/gioithieu.asp": {Charset: "utf-8", PageTitle: "Giới thiệu", Title: "Giới thiệu", Summary: "Viện kiểm sát nhân dân tỉnh Hậu Giang được thành lập năm 2004, khi tỉnh Hậu Giang được chia tách từ tỉnh Cần Thơ."},
		"/vanban.asp":    {Charset: "utf-8", PageTitle: "Văn bản", Title: "Văn bản chỉ đạo", Summary: "Chuyên mục đang được cập nhật."},
		"/lienhe.asp":    {Charset: "utf-8", PageTitle: "Liên hệ", Title: "Liên hệ", Summary: "Mọi ý kiến đóng góp xin gửi về hộp thư vks@haugiang.gov.vn."},
	} {
		if err := b.render(t, "static", path, v); err != nil {
			return nil, err
		}
	}
	if err := b.add("/robots.txt", typeText, []byte(robotsAllowAll)); err != nil {
		return nil, err
	}
	return b, nil
}
