package sampleportals

import (
	"fmt"
	"html/template"
	"net/url"
	"strings"
)

// trapBoldTitle: the body opens with the title again, in bold, as
// Supreme-portal-style editors do. A clean body does not repeat it.
const trapBoldTitle = "boldtitle"

// bpView is the data of every page template of the second home-made site.
type bpView struct {
	PageTitle string
	Popular   []link // the "Tin xem nhiều" column, before the content

	Items []link
	Pager pager

	Title, Date, Summary string
	Body                 template.HTML
	Related              []link
}

// bpSiteName is the site's name, which starts every article title and is
// the whole <title> of an article page.
const bpSiteName = "VKSND tỉnh Bình Phước"

// routeBinhphuoc maps a request to its page as the PHP site does: the list
// reads cm and trang (default 1), the article reads id, the rest is ignored.
func routeBinhphuoc(u *url.URL) string {
	p := strings.ToLower(u.Path)
	q := u.Query()
	switch p {
	case "/tin.php":
		page := q.Get("trang")
		if page == "" {
			page = "1"
		}
		return fmt.Sprintf("%s?cm=%s&trang=%s", p, q.Get("cm"), page)
	case "/xemtin.php":
		return p + "?id=" + q.Get("id")
	case "/", "/index.php":
		return "/index.php"
	}
	return p
}

func bpLink(a *articleData) string { return fmt.Sprintf("xemtin.php?id=%d", a.ID) }
func bpPath(a *articleData) string { return "/" + bpLink(a) }

// bpListDate is the date printed beside a title in the lists. An article
// without a date of its own is listed with the day it was put online,
// which its page does not show: the one date near its title on its page
// is then another article's.
func bpListDate(a *articleData, i int) string {
	if a.published.IsZero() {
		return fmt.Sprintf("%02d/%02d/2024", 3+i, 5+i)
	}
	return a.published.Format("02/01/2006")
}

// buildBinhphuoc renders the second home-made portal.
func buildBinhphuoc(site Site) (*siteBuild, error) {
	arts, err := loadContent(site.Name)
	if err != nil {
		return nil, err
	}
	t, err := parseTemplates("binhphuoc.html")
	if err != nil {
		return nil, err
	}
	b := newBuild(site, routeBinhphuoc)
	toLink := func(i int) link {
		a := arts[i]
		return link{URL: bpLink(a), Title: a.Title, Date: bpListDate(a, i), Summary: hgSummary(a)}
	}
	var popular []link
	for _, i := range []int{4, 2, 0, 5} {
		popular = append(popular, toLink(i))
	}

	listURL := func(p int) string { return fmt.Sprintf("/tin.php?cm=hoatdong&trang=%d", p) }
	ranges, pagers := paginate(len(arts), 3, func(p int) string { return strings.TrimPrefix(listURL(p), "/") })
	for i, r := range ranges {
		v := bpView{PageTitle: bpSiteName + " - Hoạt động ngành", Popular: popular, Pager: pagers[i]}
		for j := r[0]; j < r[1]; j++ {
			v.Items = append(v.Items, toLink(j))
		}
		if err := b.render(t, "list", listURL(i+1), v); err != nil {
			return nil, err
		}
		b.lists = append(b.lists, listURL(i+1))
	}

	for i, a := range arts {
		v := bpView{PageTitle: bpSiteName, Popular: popular, Title: a.Title}
		if !a.published.IsZero() {
			v.Date = a.published.Format("15:04 ngày 02/01/2006")
		}
		body := renderBlocks(a,
			func(s string) string { return s + "<br><br>" },
			func(n int, c string) string {
				return fmt.Sprintf(`<table align="center" border="0" cellpadding="3"><tr><td><img src="upload/tin/%d_%d.jpg" width="500"></td></tr><tr><td align="center"><font size="1"><i>%s</i></font></td></tr></table>`, a.ID, n, c)
			})
		if a.has(trapBoldTitle) {
			body = template.HTML(`<p align="center"><b>`+template.HTMLEscapeString(a.Title)+`</b></p>`) + body
		}
		v.Body = body
		for j := 1; j <= 3; j++ {
			v.Related = append(v.Related, toLink((i+j)%len(arts)))
		}
		if err := b.render(t, "article", bpPath(a), v); err != nil {
			return nil, err
		}
		excludes := pickExcludes(a.cleanText(), "TIN XEM NHIỀU", "Các tin khác", "Số lượt truy cập", "Cơ quan chủ quản", popular[0].Title, v.Related[0].Title)
		b.expect(a, bpPath(a), excludes)
		if a.published.IsZero() {
			if b.listDated == nil {
				b.listDated = map[string]bool{}
			}
			b.listDated[bpPath(a)] = true
		}
	}

	home := bpView{PageTitle: bpSiteName, Popular: popular, Title: "Tin mới", Summary: "Tin hoạt động mới nhất của ngành Kiểm sát Bình Phước."}
	for path, v := range map[string]bpView{
		"/index.php":     home,
		"/gioithieu.php": {PageTitle: bpSiteName, Popular: popular, Title: "Giới thiệu", Summary: "Viện kiểm sát nhân dân tỉnh Bình Phước được thành lập năm 1997."},
		"/lienhe.php":    {PageTitle: bpSiteName, Popular: popular, Title: "Liên hệ", Summary: "Thư góp ý xin gửi về hộp thư của Văn phòng."},
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
