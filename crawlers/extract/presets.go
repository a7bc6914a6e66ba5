package extract

import (
	"regexp"
	"sort"
)

// quirks are the behaviours of one CMS family that selectors cannot express.
type quirks struct {
	// articleURL, when set, marks a link as an article by its URL alone
	// (vksndtc's "-d<cat>-t<id>.html").
	articleURL *regexp.Regexp
	// paginationActiveNext finds the next page as the link after the active
	// item of a Bootstrap pagination list (NukeViet prints no rel=next on
	// some themes).
	paginationActiveNext bool
}

// preset is one CMS family: selector priority lists (the first that matches
// wins) plus quirks.
type preset struct {
	articleLinks, nextPage, title, published, summary, body, author, remove []string
	quirks
}

// presets is the read-only table of CMS families.
var presets = map[string]preset{
	"generic": {},
	// nukeviet follows the 4.x templates (modules/news/theme.php and the
	// default theme): every list layout's links in one group, because the
	// first selector that matches ends the search; the visible publication
	// time before the microdata, which 4.3+ fills with the edit time; the
	// head's <link rel=next>, because the pager puts rel="next" on every
	// link to a higher page.
	"nukeviet": {
		articleLinks: []string{
			// viewcat_page (featured h2, items h3), viewcat_main_*, viewcat_two_column,
			// viewcat_top/grid (ul.related, .thumbnail .caption h4), viewcat_list (.list-group a.show.h4).
			".news_column h2 a, .news_column h3 a, .news_column ul.related li a, .thumbnail .caption h4 a, .list-group a.show.h4, .news_column a.show.h4",
		},
		nextPage:  []string{"head link[rel=next]"},
		title:     []string{"h1[itemprop=headline]", ".news_column h1.title", ".title h1", "h1.title", "h1"},
		published: []string{"h1 ~ div span.h5", ".news_column .panel-body > .row span.h5", `meta[property="article:published_time"]`, "[itemprop=datePublished]"},
		summary:   []string{".hometext", "#hometext"},
		body:      []string{"#news-bodyhtml", ".bodytext"},
		author:    []string{"[itemprop=author] [itemprop=name]"},
		remove:    []string{".socialicon", ".fb-like", ".zalo-share-button", ".print-button"},
		quirks:    quirks{paginationActiveNext: true},
	},
	"vksndtc": {
		articleLinks: []string{".list-news h3 a", ".news-item .title a", ".list-news .title a"},
		nextPage:     []string{"a[rel=next]", ".pagination a.next"},
		title:        []string{"h1.detail-title", ".detail-title h1", ".news-detail h1", "h1.title", "h1"},
		published:    []string{".detail-date", ".detail-time", ".news-detail .date"},
		summary:      []string{".detail-sapo", ".sapo", ".news-detail .lead"},
		body:         []string{".detail-content", "#content-detail", ".news-detail .content"},
		author:       []string{".detail-author", ".author"},
		remove:       []string{".font-size-tool", ".contrast-tool", ".share-tool", ".detail-tools"},
		quirks:       quirks{articleURL: regexp.MustCompile(`-d\d+-t\d+\.html?$`)},
	},
	"liferay":    liferay,
	"sharepoint": sharepoint,
	"idcat":      idcat,
	"wordpress": {
		// Classic themes (entry-title), block themes (wp-block-*) and news
		// themes such as ColorMag (cm-entry-*).
		articleLinks: []string{"h2.entry-title a, .cm-entry-title a, .wp-block-post-title a", "article .entry-title a"},
		nextPage:     []string{"a.next.page-numbers", "a.wp-block-query-pagination-next", ".nav-links a.next", ".nav-previous a"},
		title:        []string{"h1.entry-title", "h1.wp-block-post-title", "h1.cm-entry-title", "article.post h1", "h1"},
		published:    []string{"time.entry-date.published[datetime]", ".entry-date.published", "time[datetime]", `meta[property="article:published_time"]`},
		body:         []string{"article.post .entry-content", ".entry-content", ".wp-block-post-content", "div.cm-entry-summary"},
		author:       []string{".author .fn", ".wp-block-post-author-name__link", ".wp-block-post-author-name", ".byline a", ".author a"},
		remove:       []string{".sharedaddy", ".sd-sharing", ".addtoany_share_save_container", ".jp-relatedposts", ".related-posts", ".wp-block-jetpack-sharing-buttons"},
	},
}

// Presets returns the preset names, sorted: "generic", "idcat", "liferay",
// "nukeviet", "sharepoint", "vksndtc", "wordpress".
func Presets() []string {
	names := make([]string, 0, len(presets))
	for n := range presets {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}
