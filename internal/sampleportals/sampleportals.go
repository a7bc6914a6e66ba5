// Package sampleportals serves realistic procuracy news portals offline on
// 127.0.0.1, for `vksnews demo` and for tests of the crawlers, the
// normalizer and everything downstream.
//
// Nine portals are bundled, each imitating one CMS family seen on real
// VKSND sites: a NukeViet 4 portal (khanhhoa), the Supreme People's
// Procuracy portal style (vksndtc), a WordPress 6 site (travinh), two messy
// home-made table-layout sites (haugiang, binhphuoc), a Drupal 10 site
// (daklak), a Liferay portal (danang), a SharePoint site (thanhhoa) and the
// "_ID_CAT_2_a.html" CMS (ninhthuan). Their articles are written in the
// style of real VKSND news and kept as data in content/*.yaml; the CMS markup
// lives in templates/ and is rendered once at start-up. Every page is
// embedded, so the package needs no files at run time.
//
// The portals carry the traps real sites have (duplicate links with
// tracking parameters, robots.txt exclusions, a dead link, NFD text, old
// tone placement, a windows-1258 page, a page without a date, script
// payloads); README.md lists them. Expectations tells what a correct crawl
// must yield.
package sampleportals

import "fmt"

// Site describes one bundled portal.
type Site struct {
	Name, Title, Unit, Preset string   // Preset: one of extract.Presets()
	StartPaths                []string // list pages, e.g. "/vi/news/hoat-dong/"
	FeedPaths                 []string // RSS/Atom feeds, may be empty
}

// Expected is one article that a correct crawl of a site yields exactly once.
type Expected struct {
	Site         string
	Path         string   // canonical path (+query) of the article, e.g. "/vi/news/hoat-dong/abc-12.html"
	Title        string   // as a reader sees it, NFC
	Published    string   // "2006-01-02" (in Asia/Ho_Chi_Minh) or "" when the page has no date
	BodyContains []string // 2–3 distinctive phrases (NFC) from the body
	BodyExcludes []string // boilerplate that must NOT be in a clean body (menu items, "leftcenterrightdel", share text, related titles…)
	Captions     []string // photo captions: an image's caption, not body text
}

// siteDef pairs a portal's description with the function that renders it.
type siteDef struct {
	site  Site
	build func(Site) (*siteBuild, error)
}

// siteDefs is the read-only table of bundled portals, in a stable order.
var siteDefs = []siteDef{
	{Site{
		Name: "khanhhoa", Title: "Viện kiểm sát nhân dân tỉnh Khánh Hòa", Unit: "VKSND tỉnh Khánh Hòa", Preset: "nukeviet",
		StartPaths: []string{"/vi/news/hoat-dong/"},
		FeedPaths:  []string{"/vi/news/rss/hoat-dong/"},
	}, buildKhanhhoa},
	{Site{
		Name: "vksndtc", Title: "Cổng thông tin điện tử Viện kiểm sát nhân dân tối cao", Unit: "VKSND tối cao", Preset: "vksndtc",
		StartPaths: []string{"/tin-tuc/tin-hoat-dong-vksnd-dia-phuong-d6.html"},
	}, buildVksndtc},
	{Site{
		Name: "travinh", Title: "Viện kiểm sát nhân dân tỉnh Trà Vinh", Unit: "VKSND tỉnh Trà Vinh", Preset: "wordpress",
		StartPaths: []string{"/category/tin-hoat-dong/"},
		FeedPaths:  []string{"/feed/"},
	}, buildTravinh},
	{Site{
		Name: "haugiang", Title: "Viện kiểm sát nhân dân tỉnh Hậu Giang", Unit: "VKSND tỉnh Hậu Giang", Preset: "generic",
		StartPaths: []string{"/tintuc.asp?cat=2&page=1"},
	}, buildHaugiang},
	{Site{
		Name: "binhphuoc", Title: "Viện kiểm sát nhân dân tỉnh Bình Phước", Unit: "VKSND tỉnh Bình Phước", Preset: "generic",
		StartPaths: []string{"/tin.php?cm=hoatdong&trang=1"},
	}, buildBinhphuoc},
	{Site{
		Name: "daklak", Title: "Viện kiểm sát nhân dân tỉnh Đắk Lắk", Unit: "VKSND tỉnh Đắk Lắk", Preset: "generic",
		StartPaths: []string{"/tin-tuc"},
	}, buildDaklak},
	{Site{
		Name: "danang", Title: "Viện kiểm sát nhân dân thành phố Đà Nẵng", Unit: "VKSND thành phố Đà Nẵng", Preset: "liferay",
		StartPaths: []string{liferayFamily.listPath},
	}, buildDanang},
	{Site{
		Name: "thanhhoa", Title: "Viện kiểm sát nhân dân tỉnh Thanh Hóa", Unit: "VKSND tỉnh Thanh Hóa", Preset: "sharepoint",
		StartPaths: []string{sharepointFamily.listPath},
	}, buildThanhhoa},
	{Site{
		Name: "ninhthuan", Title: "Viện kiểm sát nhân dân tỉnh Ninh Thuận", Unit: "VKSND tỉnh Ninh Thuận", Preset: "idcat",
		StartPaths: []string{idcatFamily.listPath},
	}, buildNinhthuan},
}

// Sites returns every bundled portal.
func Sites() []Site {
	out := make([]Site, len(siteDefs))
	for i, d := range siteDefs {
		out[i] = d.site
		out[i].StartPaths = append([]string(nil), d.site.StartPaths...)
		out[i].FeedPaths = append([]string(nil), d.site.FeedPaths...)
	}
	return out
}

// Expectations returns every article a crawl of all sites must yield, site
// by site in list order. It leaves out the robots-disallowed article and the
// dead link. The bundled content is validated by the package tests, so a
// site that fails to render (which would be a bug) contributes nothing.
func Expectations() []Expected {
	var out []Expected
	for _, d := range siteDefs {
		b, err := d.build(d.site)
		if err != nil {
			continue
		}
		out = append(out, b.expected...)
	}
	return out
}

// buildSite renders the named site.
func buildSite(name string) (*siteBuild, error) {
	for _, d := range siteDefs {
		if d.site.Name == name {
			b, err := d.build(d.site)
			if err != nil {
				return nil, fmt.Errorf("build site %s: %w", name, err)
			}
			return b, nil
		}
	}
	return nil, fmt.Errorf("unknown sample portal %q", name)
}
