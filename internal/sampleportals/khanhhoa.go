package sampleportals

import (
	"fmt"
	"html/template"
	"net/url"
	"strings"
	"time"
)

// nvView is the data of every NukeViet page template.
type nvView struct {
	PageTitle, Description, Canonical, Func string
	Sidebar                                 nvSidebar

	Items     []link // list and static pages
	Pager     pager  // list pages
	Layout    string // list pages: "page" (viewcat_page), "grid" (viewcat_grid), "list" (viewcat_list)
	PagerHTML template.HTML

	Title, Slug, Author, Source, Summary, Image string // article pages
	DateText                                    string
	// SchemaDate is the microdata date: NukeViet 4.3+ assigns
	// SCHEMA_DATEPUBLISHED twice and the edit time wins.
	SchemaDate                  string
	PublishedMeta, ModifiedMeta string // article:*_time, PHP's 'Y-m-dTH:i:s'

	Body         template.HTML
	Newer, Older []link
}

// nvSidebar holds the "Tin mới" and "Xem nhiều" blocks shown on every page.
type nvSidebar struct {
	Latest, Popular []link
}

const nvListPath = "/vi/news/hoat-dong/"

// nvSitemapPath is the news module's sitemap.
const nvSitemapPath = "/sitemap-vi.news.xml"

// routeNukeViet maps a request to its page: query strings are ignored (as
// NukeViet ignores unknown parameters) and the rewritten form without the
// language prefix (/news/…) serves the same page as /vi/news/….
func routeNukeViet(u *url.URL) string {
	p := u.Path
	if strings.HasPrefix(p, "/news/") {
		p = "/vi" + p
	}
	return p
}

// nvPath is the canonical path of an article.
func nvPath(a *articleData) string {
	return fmt.Sprintf("/vi/news/%s/%s-%d.html", a.Cat, a.Slug, a.ID)
}

// nvDateText prints the publication time the way NukeViet themes do; the
// two forms alternate so extractors meet both.
func nvDateText(a *articleData) string {
	t := a.published
	if a.ID%2 == 1 {
		return fmt.Sprintf("%s, %s | %s", weekdaysTitle[t.Weekday()], t.Format("02/01/2006"), t.Format("15:04"))
	}
	return fmt.Sprintf("%s - %s", weekdays[t.Weekday()], t.Format("02/01/2006 15:04"))
}

// nvEdited is when an article was last edited: every other article was
// corrected 16 days after it was published, which NukeViet's microdata then
// reports as its publication date.
func nvEdited(a *articleData) time.Time {
	if (a.ID/3)%2 == 0 {
		return a.published.Add(16*24*time.Hour + 2*time.Hour)
	}
	return a.published
}

// phpDateT formats t as PHP's date('Y-m-dTH:i:s') does where the zone has
// no abbreviation: "2021-01-25+0715:30:00".
func phpDateT(t time.Time) string {
	return t.Format("2006-01-02") + t.Format("-07") + t.Format("15:04:05")
}

// nvPagerHTML renders nv_alias_page (includes/functions.php, 4.5) for a
// pager of at most 7 pages: rel="next" on every higher page, rel="prev" on
// every lower one, and the active item written as <li class="active"><a>N</a><li>.
func nvPagerHTML(pg pager) template.HTML {
	var b strings.Builder
	b.WriteString(`<ul class="pagination">`)
	if pg.Prev != "" {
		fmt.Fprintf(&b, `<li><a rel="prev" title="Trang %d" href="%s">&laquo;</a></li>`, pg.Page-1, pg.Prev)
	} else {
		b.WriteString(`<li class="disabled"><a href="javascript:void(0)">&laquo;</a></li>`)
	}
	for _, n := range pg.Numbers {
		switch {
		case n.Current:
			fmt.Fprintf(&b, `<li class="active"><a href="javascript:void(0)">%d</a><li>`, n.N)
		case n.N > pg.Page:
			fmt.Fprintf(&b, `<li><a rel="next" title="Trang %d" href="%s">%d</a></li>`, n.N, n.URL, n.N)
		default:
			fmt.Fprintf(&b, `<li><a rel="prev" title="Trang %d" href="%s">%d</a></li>`, n.N, n.URL, n.N)
		}
	}
	if pg.Next != "" {
		fmt.Fprintf(&b, `<li><a rel="next" title="Trang %d" href="%s">&raquo;</a></li>`, pg.Page+1, pg.Next)
	} else {
		b.WriteString(`<li class="disabled"><a href="javascript:void(0)">&raquo;</a></li>`)
	}
	b.WriteString(`</ul>`)
	return template.HTML(b.String()) // only numbers and our own paths
}

// nvLayouts are the list layouts the three list pages use, in turn.
var nvLayouts = []string{"page", "grid", "list"}

// nvImage is the thumbnail path NukeViet stores for an article.
func nvImage(a *articleData, n int) string {
	return fmt.Sprintf("/uploads/news/%s/%s-%d.jpg", a.published.Format("2006_01"), a.Slug, n)
}

// buildKhanhhoa renders the NukeViet 4.x portal.
func buildKhanhhoa(site Site) (*siteBuild, error) {
	arts, err := loadContent(site.Name)
	if err != nil {
		return nil, err
	}
	t, err := parseTemplates("khanhhoa.html")
	if err != nil {
		return nil, err
	}
	b := newBuild(site, routeNukeViet)

	item := func(a *articleData) link {
		u := nvPath(a)
		if a.has(trapNoVi) {
			u = strings.TrimPrefix(u, "/vi")
		}
		return link{URL: u, Title: a.Title, Date: a.published.Format("02/01/2006 15:04"), Summary: a.Summary, Image: nvImage(a, 0)}
	}
	var side nvSidebar
	for i, a := range arts {
		l := link{URL: nvPath(a), Title: a.Title}
		if a.has(trapTwice) {
			l.URL += "#news-bodyhtml"
			p := l
			p.URL = nvPath(a) + "?utm_source=zalo&utm_medium=social&utm_campaign=tin-moi"
			side.Popular = append(side.Popular, p)
		} else if i%3 == 2 {
			side.Popular = append(side.Popular, l)
		}
		if i < 5 {
			side.Latest = append(side.Latest, l)
		}
	}

	listURL := func(p int) string {
		if p == 1 {
			return nvListPath
		}
		return fmt.Sprintf("%spage-%d/", nvListPath, p)
	}
	ranges, pagers := paginate(len(arts), 4, listURL)
	for i, r := range ranges {
		v := nvView{PageTitle: "Hoạt động", Description: "Tin hoạt động của ngành Kiểm sát Khánh Hòa", Func: "viewcat", Sidebar: side, Pager: pagers[i],
			Layout: nvLayouts[i%len(nvLayouts)], PagerHTML: nvPagerHTML(pagers[i])}
		if i > 0 {
			v.PageTitle = fmt.Sprintf("Hoạt động - Trang %d", i+1)
		}
		for _, a := range arts[r[0]:r[1]] {
			v.Items = append(v.Items, item(a))
		}
		if err := b.render(t, "list", listURL(i+1), v); err != nil {
			return nil, err
		}
		b.lists = append(b.lists, listURL(i+1))
	}

	for i, a := range arts {
		p := nvPath(a)
		v := nvView{
			PageTitle: a.Title, Description: a.Summary, Canonical: p, Func: "detail", Sidebar: side,
			Title: a.Title, Slug: a.Slug, Author: a.Author, Source: a.Source, Summary: a.Summary,
			Image: nvImage(a, 0), DateText: nvDateText(a),
			SchemaDate:    nvEdited(a).Format("2006-01-02T15:04:05-07:00"),
			PublishedMeta: phpDateT(a.published), ModifiedMeta: phpDateT(nvEdited(a)),
			Body: renderBlocks(a,
				func(s string) string { return `<p style="text-align: justify;">` + s + `</p>` },
				func(n int, c string) string {
					return fmt.Sprintf(`<div class="image-center"><figure class="image"><img alt="%s" height="533" src="%s" width="800"><figcaption>%s</figcaption></figure></div>`, c, nvImage(a, n), c)
				}),
		}
		for j := max(0, i-3); j < i; j++ {
			v.Newer = append(v.Newer, link{URL: nvPath(arts[j]), Title: arts[j].Title, Date: arts[j].published.Format("02/01/2006")})
		}
		for j := i + 1; j < min(len(arts), i+4); j++ {
			v.Older = append(v.Older, link{URL: nvPath(arts[j]), Title: arts[j].Title, Date: arts[j].published.Format("02/01/2006")})
		}
		if err := b.render(t, "article", p, v); err != nil {
			return nil, err
		}
		related := ""
		if len(v.Older) > 0 {
			related = v.Older[0].Title
		} else if len(v.Newer) > 0 {
			related = v.Newer[0].Title
		}
		excl := []string{"Tác giả:", "Nguồn tin", "Xem nhiều", "Giới thiệu chung", "Chia sẻ lên Facebook", related}
		if len(v.Older) > 0 {
			excl = append(excl, "Những tin cũ hơn")
		} else {
			excl = append(excl, "Những tin mới hơn")
		}
		b.expect(a, p, pickExcludes(a.cleanText(), excl...))
	}

	home := nvView{PageTitle: "Trang nhất", Func: "main", Sidebar: side, Title: "Trang thông tin tổng hợp Viện Kiểm Sát Khánh Hòa", Summary: "Tin hoạt động mới nhất của ngành Kiểm sát Khánh Hòa."}
	for _, a := range arts[:5] {
		home.Items = append(home.Items, item(a))
	}
	about := nvView{PageTitle: "Giới thiệu chung", Func: "main", Sidebar: side, Title: "Giới thiệu chung",
		Summary: "Viện kiểm sát nhân dân tỉnh Khánh Hòa thực hành quyền công tố và kiểm sát hoạt động tư pháp trên địa bàn tỉnh Khánh Hòa."}
	for path, v := range map[string]nvView{"/": home, "/vi/": home, "/vi/news/": home, "/vi/about/": about} {
		if err := b.render(t, "static", path, v); err != nil {
			return nil, err
		}
	}

	var feed []rssItem
	for _, a := range arts {
		feed = append(feed, rssItem{
			Title: a.Title, Link: nvPath(a), Description: a.Summary, Category: "Hoạt động", GUID: fmt.Sprintf("news_%d", a.ID),
			// NukeViet formats pubDate with "H:m:s", so the month stands where
			// the minutes belong; Go's "01" is the month too, which reproduces it.
			PubDate: a.published.Format("Mon, 02 Jan 2006 15:01:05 -0700"),
		})
	}
	for path, title := range map[string]string{"/vi/news/rss/": "Tin Tức", "/vi/news/rss/hoat-dong/": "Tin Tức - Hoạt động"} {
		body, err := renderRSS(rssChannel{Title: title, Self: path, Link: nvListPath, Description: "Trang thông tin tổng hợp Viện Kiểm Sát Khánh Hòa", Generator: "NukeViet v4.5", Items: feed})
		if err != nil {
			return nil, err
		}
		if err := b.add(path, typeRSS, body); err != nil {
			return nil, err
		}
	}
	// NukeViet's news sitemap (the module's Sitemap function) lists every
	// article, newest first, with its edit time.
	var sm strings.Builder
	sm.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n" + `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
	for _, a := range arts {
		fmt.Fprintf(&sm, "<url><loc>%s%s</loc><lastmod>%s</lastmod></url>\n", originToken, nvPath(a), a.published.Format(time.RFC3339))
	}
	sm.WriteString("</urlset>\n")
	if err := b.add(nvSitemapPath, typeXML, []byte(sm.String())); err != nil {
		return nil, err
	}
	robots := "User-agent: *\nDisallow: /admin/\nDisallow: /includes/\nDisallow: /install/\nDisallow: /vendor/\nDisallow: /data/\n"
	if err := b.add("/robots.txt", typeText, []byte(robots)); err != nil {
		return nil, err
	}
	return b, nil
}
