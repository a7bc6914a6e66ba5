package extract

import "regexp"

// The CMS families found on the real portals besides NukeViet, the Supreme
// portal and WordPress (config/README.md says which portal runs which). For
// each, the generic heuristics already read title, date and body well; what
// a preset adds is which links are articles and which link is the next page,
// the part that the URL shapes decide.

// liferay is Liferay Portal (6.x and 7.x) with a custom news portlet, as
// vksdanang.gov.vn ran it: list pages under /web/guest/tin-tuc/<section>,
// articles at …/chi-tiet?id=<n>&_c=<section>, paging by the portlet's
// "_cur" parameter, a search-container paginator.
var liferay = preset{
	articleLinks: []string{`a[href*="/chi-tiet?id="], a[href*="/chi-tiet?"][href*="id="], .asset-title a, .asset-abstract h3 a`},
	nextPage:     []string{`.lfr-pagination-buttons li:not(.disabled) a[href*="_cur="]:contains("Tiếp")`, `.taglib-page-iterator a.next`, `ul.pagination li.next:not(.disabled) a`},
	title:        []string{".news-detail h1", ".asset-full-content h1", ".journal-content-article h1", "h1.header-title", "h1"},
	published:    []string{".news-detail .date", ".asset-metadata .metadata-publish-date", ".metadata-entry.metadata-publish-date"},
	body:         []string{".news-detail .news-content", ".asset-full-content .journal-content-article", ".journal-content-article"},
	author:       []string{".news-detail .author", ".metadata-author"},
	remove:       []string{".taglib-social-bookmarks", ".lfr-icon-menu", ".portlet-topper", ".taglib-ratings", ".print-action"},
}

// sharepoint is a SharePoint publishing site, as vienkiemsat.thanhhoa.gov.vn
// and the Supreme portal's pre-2020 archive run: articles at
// /portal/Pages/<yyyy-m-d>/<slug>-<code>.aspx, lists at
// /portal/Pages/<section>.aspx with "?Page=n" (or "PageIndex"), the date as
// "Đăng ngày 09 - 07 - 2024".
var sharepoint = preset{
	articleLinks: []string{`a[href*="/Pages/19"][href$=".aspx"], a[href*="/Pages/20"][href$=".aspx"]`},
	nextPage:     []string{`.pager a.next, .paging a.next, a[id$="_lnkNext"], a[title="Trang sau"]`},
	title:        []string{".article-title h1", ".news-detail-title", ".ms-rtestate-field h1", "h1"},
	published:    []string{".article-date", ".news-date", ".date-public"},
	body:         []string{".article-content", ".news-detail-content", "#ctl00_PlaceHolderMain_ctl01__ControlWrapper_RichHtmlField", ".ms-rtestate-field"},
	author:       []string{".article-author", ".news-author"},
	remove:       []string{".s4-notdlg", ".ms-webpart-chrome-title", ".article-tools", ".font-size"},
	quirks: quirks{
		// A dated page under /Pages/ is an article; /Pages/default.aspx
		// and the section pages are not.
		articleURL: regexp.MustCompile(`(?i)/Pages/\d{4}-\d{1,2}-\d{1,2}/[^/]+\.aspx$`),
	},
}

// idcat is the home-made CMS behind vkskh.gov.vn: every page is
// /<slug>_<id>_<cat>_<kind>_a.html, kind 2 an article, kind 1 a category
// list (cat 206 is "Tin hoạt động"), with "?page=n" paging.
var idcat = preset{
	articleLinks: []string{`a[href$="_2_a.html"], a[href*="_2_a.html?"]`},
	nextPage:     []string{`.paging a.next, .pagination a.next, a[title="Trang sau"]`},
	title:        []string{".news-detail .title", ".detail-title", "h1"},
	published:    []string{".news-detail .date", ".detail-date"},
	body:         []string{".news-detail .content", ".detail-content"},
	author:       []string{".news-detail .author", ".detail-author"},
	remove:       []string{".tool-bar", ".share"},
	quirks:       quirks{articleURL: regexp.MustCompile(`_\d+_\d+_2_a\.html$`)},
}
