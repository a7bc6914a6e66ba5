package sampleportals

import (
	"fmt"
	"html/template"
	"net/url"
	"strings"
)

// tcView is the data of every vksndtc page template.
type tcView struct {
	PageTitle, Description, Canonical string
	Focus                             []link

	Items []link
	Pager pager

	Title, Date, Summary, Author string
	Body                         template.HTML
	Related                      []link
}

const tcListPath = "/tin-tuc/tin-hoat-dong-vksnd-dia-phuong-d6.html"

// routeVksndtc maps a request to its page: the list is paged with ?Page=N
// (ASP.NET reads query keys case-insensitively; ?Page=1 is the first page)
// and every other parameter is ignored.
func routeVksndtc(u *url.URL) string {
	for k, v := range u.Query() {
		if strings.EqualFold(k, "page") && len(v) > 0 && v[0] != "1" {
			return u.Path + "?Page=" + v[0]
		}
	}
	return u.Path
}

// tcPath is the canonical path of an article.
func tcPath(a *articleData) string {
	return fmt.Sprintf("/tin-tuc/tin-hoat-dong-vksnd-dia-phuong/%s-d6-t%d.html", a.Slug, a.ID)
}

// tcImage is the path of an article's n-th photo.
func tcImage(a *articleData, n int) string {
	return fmt.Sprintf("/Upload/Images/%s/%d-%d.jpg", a.published.Format("2006/01"), a.ID, n)
}

// buildVksndtc renders the Supreme People's Procuracy style portal.
func buildVksndtc(site Site) (*siteBuild, error) {
	arts, err := loadContent(site.Name)
	if err != nil {
		return nil, err
	}
	t, err := parseTemplates("vksndtc.html")
	if err != nil {
		return nil, err
	}
	b := newBuild(site, routeVksndtc)

	var focus []link
	for _, a := range arts {
		if a.expected() && len(focus) < 4 {
			focus = append(focus, link{URL: tcPath(a), Title: a.Title})
		}
	}
	listURL := func(p int) string {
		if p == 1 {
			return tcListPath
		}
		return fmt.Sprintf("%s?Page=%d", tcListPath, p)
	}
	ranges, pagers := paginate(len(arts), 4, listURL)
	for i, r := range ranges {
		v := tcView{PageTitle: "Tin hoạt động VKSND địa phương", Description: "Tin hoạt động VKSND địa phương", Focus: focus, Pager: pagers[i]}
		for j, a := range arts[r[0]:r[1]] {
			u := tcPath(a)
			if j%2 == 1 {
				u = originToken + u // the real portal mixes absolute and relative links
			}
			v.Items = append(v.Items, link{URL: u, Title: a.Title, Date: a.published.Format("02/01/2006"), Summary: a.Summary, Image: tcImage(a, 0)})
		}
		if err := b.render(t, "list", routeVksndtc(mustURL(listURL(i+1))), v); err != nil {
			return nil, err
		}
		b.lists = append(b.lists, listURL(i+1))
	}

	for i, a := range arts {
		if a.has(trapMissing) {
			b.missing = append(b.missing, tcPath(a))
			continue
		}
		v := tcView{
			PageTitle: a.Title, Description: a.Summary, Canonical: tcPath(a), Focus: focus,
			Title: a.Title, Date: a.published.Format("02/01/2006"), Summary: a.Summary, Author: a.Author,
			Body: renderBlocks(a,
				func(s string) string { return `<p style="text-align: justify;">` + s + `</p>` },
				func(n int, c string) string {
					return fmt.Sprintf(`<table class="image center" align="center"><tbody><tr><td><div class="image-toolbar"><span>left</span><span>center</span><span>right</span><span>del</span></div><img src="%s" alt="" width="640"></td></tr><tr><td class="image_desc"><p style="text-align: center;"><em>%s</em></p></td></tr></tbody></table>`, tcImage(a, n), c)
				}),
		}
		for j := 1; j <= 5; j++ {
			o := arts[(i+j)%len(arts)]
			if o != a && o.expected() {
				v.Related = append(v.Related, link{URL: tcPath(o), Title: o.Title, Date: o.published.Format("02/01/2006")})
			}
		}
		if err := b.render(t, "article", tcPath(a), v); err != nil {
			return nil, err
		}
		excl := []string{"Cỡ chữ", "Tương phản", "Chia sẻ:", "Tin khác", "Tin hoạt động của Ngành", "The Supreme People’s Procuracy of Viet Nam"}
		if strings.Contains(string(v.Body), "image-toolbar") {
			excl = append(excl, "leftcenterrightdel")
		}
		if len(v.Related) > 0 {
			excl = append(excl, v.Related[0].Title)
		}
		b.expect(a, tcPath(a), pickExcludes(a.cleanText(), excl...))
	}

	home := tcView{PageTitle: "Cổng thông tin điện tử VKSND tối cao", Focus: focus, Pager: pager{Page: 1, Pages: 1}}
	for _, a := range arts[:4] {
		home.Items = append(home.Items, link{URL: tcPath(a), Title: a.Title, Date: a.published.Format("02/01/2006"), Summary: a.Summary, Image: tcImage(a, 0)})
	}
	if err := b.render(t, "list", "/", home); err != nil {
		return nil, err
	}
	if err := b.add("/robots.txt", typeText, []byte("User-agent: *\nDisallow: /Admin/\nDisallow: /tim-kiem.html\n")); err != nil {
		return nil, err
	}
	return b, nil
}

// mustURL parses a path this package built itself; such paths always parse,
// and a failure yields an empty URL whose page then simply 404s.
func mustURL(s string) *url.URL {
	u, err := url.Parse(s)
	if err != nil {
		return &url.URL{}
	}
	return u
}
