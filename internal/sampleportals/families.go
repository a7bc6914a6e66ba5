package sampleportals

import (
	"fmt"
	"html/template"
	"net/url"
	"strconv"
	"strings"
)

// The sample portals of three CMS families the real portals run
// (config/README.md): Liferay (danang, as vksdanang.gov.vn ran it),
// SharePoint (thanhhoa, as vienkiemsat.thanhhoa.gov.vn) and the home-made
// "_ID_CAT_2_a.html" CMS (ninhthuan, as vkskh.gov.vn). They share the
// articles of content/families.yaml; each renders them in its own markup.

// famView is the data of every page of the three family templates.
type famView struct {
	PageTitle, Canonical string
	Latest               []link // the "Tin mới" sidebar

	Items []link // list pages
	Pager pager

	Title, Date, Author string // article pages
	Body                template.HTML
	Related             []link
}

// family describes how one CMS family addresses and dates its pages.
type family struct {
	template string
	listPath string             // the first list page
	pageURL  func(n int) string // the n-th list page
	artPath  func(*articleData) string
	dateText func(*articleData) string
	route    func(*url.URL) string // request URL -> page key
}

// liferayFamily: portlet list pages paged by "_cur", articles at
// …/chi-tiet?id=<id>&_c=<category>.
var liferayFamily = family{
	template: "liferay.html",
	listPath: "/web/guest/tin-tuc/dm-hoat-dong",
	pageURL: func(n int) string {
		if n == 1 {
			return "/web/guest/tin-tuc/dm-hoat-dong"
		}
		return fmt.Sprintf("/web/guest/tin-tuc/dm-hoat-dong?_menu_WAR_vienkiemsatportlet_cur=%d", n)
	},
	artPath: func(a *articleData) string {
		return fmt.Sprintf("/web/guest/tin-tuc/dm-hoat-dong/chi-tiet?id=%d&_c=3", a.ID)
	},
	dateText: func(a *articleData) string { return a.published.Format("02/01/2006 15:04") },
	route: func(u *url.URL) string {
		q := u.Query()
		if strings.HasSuffix(u.Path, "/chi-tiet") {
			return u.Path + "?id=" + q.Get("id")
		}
		if c := q.Get("_menu_WAR_vienkiemsatportlet_cur"); c != "" && c != "1" {
			return u.Path + "?cur=" + c
		}
		return u.Path
	},
}

// sharepointFamily: a publishing site, articles under a dated folder of
// /portal/Pages, lists paged with ?Page=N.
var sharepointFamily = family{
	template: "sharepoint.html",
	listPath: "/portal/Pages/Tin-hoat-dong.aspx",
	pageURL: func(n int) string {
		if n == 1 {
			return "/portal/Pages/Tin-hoat-dong.aspx"
		}
		return fmt.Sprintf("/portal/Pages/Tin-hoat-dong.aspx?Page=%d", n)
	},
	artPath: func(a *articleData) string {
		t := a.published
		return fmt.Sprintf("/portal/Pages/%d-%d-%d/%s-%s.aspx", t.Year(), t.Month(), t.Day(), titleCaseSlug(a.Slug), strconv.FormatInt(int64(a.ID)*7919, 36))
	},
	dateText: func(a *articleData) string { return "Đăng ngày " + a.published.Format("02 - 01 - 2006") },
	route:    routeQueryKey("page"),
}

// idcatFamily: every page is /<slug>_<id>_<cat>_<kind>_a.html, kind 1 a
// category list (paged with ?page=N), kind 2 an article.
var idcatFamily = family{
	template: "idcat.html",
	listPath: "/tin-hoat-dong_206_1_a.html",
	pageURL: func(n int) string {
		if n == 1 {
			return "/tin-hoat-dong_206_1_a.html"
		}
		return fmt.Sprintf("/tin-hoat-dong_206_1_a.html?page=%d", n)
	},
	artPath:  func(a *articleData) string { return fmt.Sprintf("/%s_%d_206_2_a.html", a.Slug, a.ID) },
	dateText: func(a *articleData) string { return "Cập nhật: " + a.published.Format("15:04 02/01/2006") },
	route:    routeQueryKey("page"),
}

// routeQueryKey routes on the path and one paging key (any case; page 1 is
// the bare path), ignoring every other parameter.
func routeQueryKey(key string) func(*url.URL) string {
	return func(u *url.URL) string {
		for k, v := range u.Query() {
			if strings.EqualFold(k, key) && len(v) > 0 && v[0] != "1" {
				return u.Path + "?" + key + "=" + v[0]
			}
		}
		return u.Path
	}
}

// titleCaseSlug writes a slug the way SharePoint page names are written:
// "hoi-nghi-so-ket" -> "Hoi-nghi-so-ket".
func titleCaseSlug(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func buildDanang(site Site) (*siteBuild, error)    { return buildFamily(site, liferayFamily) }
func buildThanhhoa(site Site) (*siteBuild, error)  { return buildFamily(site, sharepointFamily) }
func buildNinhthuan(site Site) (*siteBuild, error) { return buildFamily(site, idcatFamily) }

// buildFamily renders the shared articles in one family's markup: list
// pages of 4, article pages with a "Tin khác" list, a home page.
func buildFamily(site Site, f family) (*siteBuild, error) {
	arts, err := loadContent(site.Name)
	if err != nil {
		return nil, err
	}
	t, err := parseTemplates(f.template)
	if err != nil {
		return nil, err
	}
	b := newBuild(site, f.route)
	key := func(path string) string {
		u, _ := url.Parse(path)
		return f.route(u)
	}
	var latest []link
	for _, a := range arts[:5] {
		latest = append(latest, link{URL: f.artPath(a), Title: a.Title})
	}
	ranges, pagers := paginate(len(arts), 4, f.pageURL)
	for i, r := range ranges {
		v := famView{PageTitle: "Tin hoạt động", Latest: latest, Pager: pagers[i]}
		for _, a := range arts[r[0]:r[1]] {
			v.Items = append(v.Items, link{ID: a.ID, URL: f.artPath(a), Title: a.Title, Date: f.dateText(a), Summary: firstSentence(a)})
		}
		if err := b.render(t, "list", key(f.pageURL(i+1)), v); err != nil {
			return nil, err
		}
		b.lists = append(b.lists, f.pageURL(i+1))
	}
	for i, a := range arts {
		p := f.artPath(a)
		v := famView{
			PageTitle: a.Title, Canonical: p, Latest: latest, Title: a.Title, Date: f.dateText(a), Author: a.Author,
			Body: renderBlocks(a, func(s string) string { return `<p style="text-align:justify">` + s + `</p>` },
				func(n int, c string) string {
					return `<p><img src="/images/` + strconv.Itoa(a.ID) + `.jpg" alt=""><br><em>` + c + `</em></p>`
				}),
		}
		for j := i + 1; j < min(len(arts), i+4); j++ {
			v.Related = append(v.Related, link{URL: f.artPath(arts[j]), Title: arts[j].Title})
		}
		if len(v.Related) == 0 {
			v.Related = append(v.Related, link{URL: f.artPath(arts[0]), Title: arts[0].Title})
		}
		if err := b.render(t, "article", key(p), v); err != nil {
			return nil, err
		}
		b.expect(a, p, pickExcludes(a.cleanText(), "Tin khác", "Liên kết website", v.Related[0].Title))
	}
	home := famView{PageTitle: "Trang chủ", Latest: latest}
	for _, a := range arts[:4] {
		home.Items = append(home.Items, link{URL: f.artPath(a), Title: a.Title, Date: f.dateText(a), Summary: firstSentence(a)})
	}
	if err := b.render(t, "home", "/", home); err != nil {
		return nil, err
	}
	if err := b.add("/robots.txt", typeText, []byte(robotsAllowAll)); err != nil {
		return nil, err
	}
	return b, nil
}

// firstSentence is an article's teaser on list pages: its summary, else the
// start of its first paragraph.
func firstSentence(a *articleData) string {
	if a.Summary != "" {
		return a.Summary
	}
	p := a.blocks()[0].Text
	if i := strings.Index(p, ", "); i > 0 && i < 120 {
		return p[:i] + "…"
	}
	return p
}
