package extract

import (
	"net/url"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Page-kind thresholds (chosen on the tuning half of testdata/pagekind and
// checked on its held-out half, the sample portals and the public
// benchmark; docs/BENCHMARKS.md, "List pages refused", has the figures):
//   - a teaser list is minTeasers or more sibling elements of one tag and
//     class, most of them (teaserShare) holding a link of at least
//     minHeadlineRunes to another page;
//     and at most maxTeaserRunes of text;
//   - prose is the non-link text of blocks with at least minProseRunes of
//     it, outside teaser lists, teasers and page furniture;
//   - a page is a list when its teaser lists hold more than listDominance
//     times its prose.
const (
	minTeasers       = 3
	teaserShare      = 0.75
	minHeadlineRunes = 15
	minProseRunes    = 60
	maxTeaserRunes   = 400
	listDominance    = 2.0
)

// isListPage reports whether a page the generic extractor looks at is a
// list (category, home, tag, search or archive page) rather than an
// article: its repeated teaser structure dominates its own prose. A page
// with a long related-news list is still an article when it has prose of
// its own, since that list is measured against the article's text.
//
// The page's own prose is the larger of the prose outside teasers and the
// text of the extracted body: an article with a long related-news list
// keeps its body, while a list page's guessed body is one teaser or a
// short intro.
func isListPage(root *html.Node, page *url.URL, bodyText string) bool {
	// A page that declares itself an article (Open Graph) is one, even
	// when its body is a list of links (a deals roundup, "10 things").
	// The tag may stand anywhere: a broken <head> sends it into <body>.
	if declaredArticle(root) {
		return false
	}
	repeated, prose := pageKindStats(root, page)
	return repeated > 0 && float64(repeated) > listDominance*float64(prose) &&
		float64(repeated) > listDominance*float64(utf8.RuneCountInString(bodyText)-repeated)
}

// pageKindStats returns the runes of the page's text inside teaser lists
// and the runes of its prose.
func pageKindStats(root *html.Node, page *url.URL) (repeated, prose int) {
	inList := map[*html.Node]bool{}
	markTeaserLists(root, page, inList)
	var walk func(n *html.Node, listed bool)
	walk = func(n *html.Node, listed bool) {
		if n.Type == html.ElementNode {
			listed = listed || inList[n]
			if listed {
				repeated += utf8.RuneCountInString(textOf(n))
				return
			}
			if isFurniture(n) || isTeaser(n, page) {
				return
			}
			// A link-dense block's own words are no prose, but teaser
			// lists and prose may still sit inside it.
			if (blockTags[n.DataAtom] || n.DataAtom == atom.Td || n.DataAtom == atom.Body) && !linkDense(n) {
				if r := utf8.RuneCountInString(strings.TrimSpace(ownProse(n))); r >= minProseRunes {
					prose += r
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, listed)
		}
	}
	walk(root, false)
	return repeated, prose
}

// ownProse is n's non-link text up to its nested blocks (they count on
// their own).
func ownProse(n *html.Node) string {
	var b strings.Builder
	var walk func(c *html.Node)
	walk = func(c *html.Node) {
		switch {
		case c.Type == html.TextNode:
			b.WriteString(c.Data)
			b.WriteByte(' ')
			return
		case c.Type != html.ElementNode:
			return
		case c.DataAtom == atom.A || c.DataAtom == atom.Script || c.DataAtom == atom.Style:
			return
		case c != n && (blockTags[c.DataAtom] || c.DataAtom == atom.Td):
			return
		}
		for k := c.FirstChild; k != nil; k = k.NextSibling {
			walk(k)
		}
	}
	walk(n)
	return collapse(b.String())
}

// markTeaserLists marks the items of every teaser list under n.
func markTeaserLists(n *html.Node, page *url.URL, inList map[*html.Node]bool) {
	groups := map[string][]*html.Node{}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		// Empty siblings (separator rows, <hr>) are no items. Items are
		// grouped by tag and, apart, by tag and class: one CMS varies the
		// classes of its items, another mixes items with other blocks of
		// the same tag.
		if c.Type != html.ElementNode || textOf(c) == "" {
			continue
		}
		tag, full := c.Data, c.Data+"."+attr(c, "class")
		groups[tag] = append(groups[tag], c)
		groups[full] = append(groups[full], c)
		// And by shape: the same tags nested the same way tell the teaser
		// rows of a classless table from its title and intro rows.
		if sh := "#" + build(c, 3); sh != "#"+c.Data {
			groups[sh] = append(groups[sh], c)
		}
		// Items also repeat one level down, under sibling wrappers:
		// table cells row after row, or a list split into columns. They
		// are grouped by their path (tag and class) from n.
		for g := c.FirstChild; g != nil; g = g.NextSibling {
			if g.Type == html.ElementNode && textOf(g) != "" {
				k := full + "/" + g.Data + "." + attr(g, "class")
				groups[k] = append(groups[k], g)
			}
		}
	}
	for _, items := range groups {
		if len(items) < minTeasers {
			continue
		}
		headed := 0
		for _, it := range items {
			if r := utf8.RuneCountInString(textOf(it)); r <= maxTeaserRunes && headlineLink(it, page) != nil {
				headed++
			}
		}
		if float64(headed) >= teaserShare*float64(len(items)) {
			for _, it := range items {
				inList[it] = true
			}
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		markTeaserLists(c, page, inList)
	}
}

// headlineLink returns the first link under n long enough to be an
// article's headline and leading to another page.
func headlineLink(n *html.Node, page *url.URL) *html.Node {
	var found *html.Node
	var walk func(c *html.Node)
	walk = func(c *html.Node) {
		for ; c != nil && found == nil; c = c.NextSibling {
			if c.Type == html.ElementNode && c.DataAtom == atom.A {
				if utf8.RuneCountInString(textOf(c)) >= minHeadlineRunes && !selfLink(c, page) {
					found = c
				}
				continue
			}
			walk(c.FirstChild)
		}
	}
	walk(n.FirstChild)
	return found
}

// selfLink reports whether link a leads back to the page itself (some
// CMSes link an article's own headline).
func selfLink(a *html.Node, page *url.URL) bool {
	if page == nil {
		return false
	}
	u, ok := resolve(page, attr(a, "href"))
	return ok && strings.TrimSuffix(u, "/") == strings.TrimSuffix(page.String(), "/")
}

// isTeaser reports whether n is a single teaser: an element whose first
// heading links to another page (a featured story on a list page), so
// its text is a preview, not the page's own prose.
func isTeaser(n *html.Node, page *url.URL) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		switch c.DataAtom {
		case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
			return headlineLink(c, page) != nil
		}
	}
	return false
}

// declaredArticle reports whether a <meta property="og:type"> anywhere in
// the page says "article".
func declaredArticle(n *html.Node) bool {
	if n.Type == html.ElementNode && n.DataAtom == atom.Meta &&
		strings.EqualFold(attr(n, "property"), "og:type") && strings.EqualFold(strings.TrimSpace(attr(n, "content")), "article") {
		return true
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if declaredArticle(c) {
			return true
		}
	}
	return false
}

// linkDense reports whether more than half of n's text is link text: a
// menu, banner or footer of links repeated on every page of a site, whose
// few words between links are no prose of this page.
func linkDense(n *html.Node) bool {
	all := utf8.RuneCountInString(textOf(n))
	if all == 0 {
		return false
	}
	linked := 0
	var walk func(c *html.Node)
	walk = func(c *html.Node) {
		for ; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode && c.DataAtom == atom.A {
				linked += utf8.RuneCountInString(textOf(c))
				continue
			}
			walk(c.FirstChild)
		}
	}
	walk(n.FirstChild)
	return float64(linked) > 0.5*float64(all)
}

// build is n's tag and, down to depth levels, its child elements' shapes:
// a signature of how an item is built, independent of its text.
func build(n *html.Node, depth int) string {
	var b strings.Builder
	b.WriteString(n.Data)
	if depth == 0 {
		return b.String()
	}
	open := false
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		if !open {
			b.WriteByte('(')
			open = true
		} else {
			b.WriteByte(',')
		}
		b.WriteString(build(c, depth-1))
	}
	if open {
		b.WriteByte(')')
	}
	return b.String()
}
