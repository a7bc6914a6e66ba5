package extract

import (
	"strings"
	"unicode/utf8"

	"github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// genericBody finds the article body of a page without selectors. Two
// extractors look at the page: this package's block scorer (mainContent),
// which knows Vietnamese table layouts, and go-trafilatura, which is
// better on the many CMSes of the public benchmark. They are combined by
// how much their texts agree (README.md has the figures that chose the
// thresholds):
//
//   - the scorer's block is kept when it is a tighter cut of the same
//     text: it holds most of trafilatura's words and hardly any others
//     (trafilatura tends to add the headline, a standfirst or a caption);
//   - it is also kept when trafilatura found a different, much smaller
//     block (a table-layout page's footer, where trafilatura sees no
//     paragraphs) while the block holds three times as many words;
//   - it is kept when a third or more of what trafilatura adds to it is the
//     page's link text (trafilatura then took menus along);
//   - otherwise trafilatura's body is taken.
//
// Either way the caller cleans the result with the same rules. pics is
// where the photos are: trafilatura's body has none, so they come from the
// scorer's block.
func genericBody(root *html.Node) (body, pics *html.Node) {
	ours := mainContent(root)
	traf := trafilaturaBody(root)
	switch {
	case traf == nil:
		return ours, ours
	case ours == nil:
		return traf, nil
	}
	cover, extra := overlap(textOf(ours), textOf(traf))
	if added := 1 - cover; added > minAdded && linkShare(root, traf) >= addedLinkShare*added {
		return ours, ours
	}
	if cover >= tighterCover && extra <= tighterExtra || cover <= elsewhereCover && extra >= elsewhereExtra {
		return ours, ours
	}
	return traf, ours
}

// Agreement thresholds of genericBody: cover is the share of
// trafilatura's words found in the scorer's block, extra the block's word
// count over trafilatura's.
const (
	tighterCover, tighterExtra     = 0.6, 1.02
	elsewhereCover, elsewhereExtra = 0.4, 2.5
	minAdded, addedLinkShare       = 0.1, 0.35
)

// minBodyRunes is the least text a body must have to make a page an
// article (mainContent's candidates need as much).
const minBodyRunes = 140

// overlap returns the share of b's words (with multiplicity) found in a,
// and a's word count relative to b's.
func overlap(a, b string) (cover, extra float64) {
	wa, wb := wordCounts(a), wordCounts(b)
	var common, na, nb int
	for w, c := range wb {
		nb += c
		common += min(c, wa[w])
	}
	for _, c := range wa {
		na += c
	}
	if nb == 0 {
		return 0, 0
	}
	return float64(common) / float64(nb), float64(na) / float64(nb)
}

func wordCounts(s string) map[string]int {
	out := map[string]int{}
	for _, w := range strings.Fields(strings.ToLower(s)) {
		out[strings.Trim(w, ".,;:!?\"'()[]“”‘’")]++
	}
	return out
}

// trafilaturaOptions: no fallback extractors and no date search (this
// package finds dates itself), which keeps trafilatura at its fastest.
// Images stay out: with them, the library turns figure captions into
// body paragraphs.
var trafilaturaOptions = trafilatura.Options{
	ExcludeComments: true,
	HtmlDateMode:    trafilatura.Disabled,
}

// trafilaturaBody returns go-trafilatura's main content of the page as a
// detached tree of ordinary HTML nodes, or nil when it finds none. A panic
// inside the library becomes "nothing found": one odd page must not stop a
// crawl.
func trafilaturaBody(root *html.Node) (out *html.Node) {
	defer func() {
		if r := recover(); r != nil {
			out = nil
		}
	}()
	res, err := trafilatura.ExtractDocument(root, trafilaturaOptions)
	if err != nil || res == nil || res.ContentNode == nil {
		return nil
	}
	body := res.ContentNode
	if utf8.RuneCountInString(textOf(body)) < minBodyRunes {
		return nil
	}
	body.Parent, body.PrevSibling, body.NextSibling = nil, nil, nil
	body.Data = "div"
	walk(body, func(n *html.Node) bool {
		if n.Type == html.ElementNode {
			// The library builds nodes by name only.
			n.DataAtom = atom.Lookup([]byte(n.Data))
		}
		return true
	})
	return body
}

// linkShare returns the share of body's text that the page shows as link
// text. body is trafilatura's output, which has lost the page's <a>
// elements and often merges their text with its neighbours', so each
// distinct link text of the page is looked up inside body's text.
func linkShare(page, body *html.Node) float64 {
	text := textOf(body)
	if text == "" {
		return 1
	}
	seen := map[string]bool{}
	var links int
	var visit func(n *html.Node, link bool)
	visit = func(n *html.Node, link bool) {
		if n.Type == html.TextNode {
			if !link {
				return
			}
			t := collapse(n.Data)
			if utf8.RuneCountInString(t) >= 4 && !seen[t] {
				seen[t] = true
				if strings.Contains(text, t) {
					links += len(t)
				}
			}
			return
		}
		if n.Type == html.ElementNode {
			if n.DataAtom == atom.A {
				link = true
			}
			if n.DataAtom == atom.Script || n.DataAtom == atom.Style || n.DataAtom == atom.Head {
				return
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			visit(c, link)
		}
	}
	visit(page, false)
	return min(1, float64(links)/float64(len(text)))
}
