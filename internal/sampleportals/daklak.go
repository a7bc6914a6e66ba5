package sampleportals

import (
	"fmt"
	"html/template"
	"net/url"
)

// dlView is the data of every page template of the Drupal site.
type dlView struct {
	PageTitle, Canonical string

	Items []link
	Pager pager

	ID          int
	Title, Date string
	Summary     string
	Body        template.HTML
	Related     []link
}

// routeDaklak maps a request to its page as Drupal does: the list reads
// page (counted from 0, absent on the first page), node aliases are exact.
func routeDaklak(u *url.URL) string {
	if u.Path == "/tin-tuc" {
		if p := u.Query().Get("page"); p != "" && p != "0" {
			return "/tin-tuc?page=" + p
		}
	}
	return u.Path
}

func dlPath(a *articleData) string { return "/tin-tuc/" + a.Slug }

// dlDate prints the created date in the two forms the site's theme used.
func dlDate(a *articleData) string {
	if a.ID%2 == 0 {
		return weekdaysTitle[a.published.Weekday()] + a.published.Format(", 02/01/2006 - 15:04")
	}
	return fmt.Sprintf("ngày %02d tháng %02d năm %d - %s", a.published.Day(), int(a.published.Month()), a.published.Year(), a.published.Format("15:04"))
}

// buildDaklak renders the Drupal portal.
func buildDaklak(site Site) (*siteBuild, error) {
	arts, err := loadContent(site.Name)
	if err != nil {
		return nil, err
	}
	t, err := parseTemplates("daklak.html")
	if err != nil {
		return nil, err
	}
	b := newBuild(site, routeDaklak)
	toLink := func(a *articleData) link {
		return link{URL: dlPath(a), Title: a.Title, Date: a.published.Format("02/01/2006"), Summary: hgSummary(a)}
	}
	listURL := func(p int) string {
		if p == 1 {
			return "/tin-tuc"
		}
		return fmt.Sprintf("/tin-tuc?page=%d", p-1)
	}
	ranges, pagers := paginate(len(arts), 3, listURL)
	for i, r := range ranges {
		v := dlView{PageTitle: "Tin tức – Sự kiện", Pager: pagers[i]}
		for _, a := range arts[r[0]:r[1]] {
			v.Items = append(v.Items, toLink(a))
		}
		if err := b.render(t, "list", listURL(i+1), v); err != nil {
			return nil, err
		}
		b.lists = append(b.lists, listURL(i+1))
	}
	for i, a := range arts {
		body := renderBlocks(a,
			func(s string) string { return "<p>" + s + "</p>" },
			func(n int, c string) string {
				return fmt.Sprintf(`<figure role="group" class="caption caption-img align-center"><img src="/sites/default/files/inline-images/%d-%d.jpg" alt="" width="800" height="533" loading="lazy"><figcaption>%s</figcaption></figure>`, a.ID, n, c)
			})
		if a.has(trapBoldTitle) {
			body = template.HTML(`<p><strong>`+template.HTMLEscapeString(a.Title)+`</strong></p>`) + body
		}
		v := dlView{PageTitle: a.Title, Canonical: dlPath(a), ID: a.ID, Title: a.Title, Date: dlDate(a), Body: body}
		for j := 1; j <= 4; j++ {
			v.Related = append(v.Related, toLink(arts[(i+j)%len(arts)]))
		}
		if err := b.render(t, "article", dlPath(a), v); err != nil {
			return nil, err
		}
		b.expect(a, dlPath(a), pickExcludes(a.cleanText(), "Tin mới", "Ý kiến bạn đọc", "Từ khóa", "Chuyển tới nội dung chính", "Số 16 Lê Duẩn", v.Related[0].Title))
	}
	home := dlView{PageTitle: "Trang chủ", Title: "Trang chủ", Summary: "Cổng thông tin của Viện kiểm sát nhân dân tỉnh Đắk Lắk."}
	for path, v := range map[string]dlView{
		"/":        home,
		"/van-ban": {PageTitle: "Văn bản", Title: "Văn bản", Summary: "Chuyên mục đang được cập nhật."},
	} {
		if err := b.render(t, "static", path, v); err != nil {
			return nil, err
		}
	}
	if err := b.add("/robots.txt", typeText, []byte("User-agent: *\nDisallow: /user/\nDisallow: /comment/reply/\n")); err != nil {
		return nil, err
	}
	return b, nil
}
