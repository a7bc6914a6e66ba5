package extract

import (
	"fmt"
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/PuerkitoBio/goquery"
	"github.com/vksnews/vksnews/internal/article"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Article extracts one article page. It fills URL (page), CanonicalURL (the
// page's <link rel=canonical> or og:url when on the same host, else the page
// URL), Title, Published (the date string exactly as found), Summary,
// BodyHTML, BodyText, Author, Source and Images. It leaves Portal, FetchedAt,
// Status, ETag and LastModified to the crawler. It returns an error wrapping
// ErrNotArticle when the page has no recognisable title or body. The document
// is not modified.
func (e *Extractor) Article(page *url.URL, doc *goquery.Document) (article.Raw, error) {
	if page == nil || doc == nil || len(doc.Nodes) == 0 {
		return article.Raw{}, fmt.Errorf("extract article: no page: %w", ErrNotArticle)
	}
	root := doc.Nodes[0]
	pageURL := *page
	pageURL.Fragment, pageURL.RawFragment = "", ""
	raw := article.Raw{URL: pageURL.String(), CanonicalURL: canonical(&pageURL, root)}

	// The body comes first: a title and a date are looked for around it.
	bodyNode := firstMatch(root, e.body, func(n *html.Node) bool { return textOf(n) != "" || hasImage(n) })
	picsNode := bodyNode
	guessed := bodyNode == nil
	if guessed {
		bodyNode, picsNode = genericBody(root)
	}
	// anchor is the body's place in the page (trafilatura's body is a
	// detached copy; the scorer's block stands for it).
	anchor := bodyNode
	if anchor != nil && anchor.Parent == nil {
		anchor = picsNode
	}

	titleNode := firstMatch(root, e.title, func(n *html.Node) bool { return textOf(n) != "" && !inFurniture(n) })
	if titleNode != nil {
		raw.Title = textOf(titleNode)
	} else {
		raw.Title, titleNode = genericTitle(root, anchor)
	}
	if raw.Title == "" {
		return raw, fmt.Errorf("extract %s: no title: %w", raw.URL, ErrNotArticle)
	}
	if bodyNode == nil {
		return raw, fmt.Errorf("extract %s: no body: %w", raw.URL, ErrNotArticle)
	}
	if n := firstMatch(root, e.published, nil); n != nil {
		raw.Published = dateOfNode(n)
	}
	if raw.Published == "" {
		raw.Published = genericDate(root, titleNode, anchor)
	}
	sumNode := firstMatch(root, e.summary, func(n *html.Node) bool { return textOf(n) != "" })
	if sumNode == nil && len(e.summary) == 0 {
		sumNode = genericSummary(root)
	}
	// A summary block that holds the body is a wrapper, not a lead.
	if sumNode != nil && !isInside(bodyNode, sumNode) {
		raw.Summary = textOf(sumNode)
	}

	c := e.clean(page, bodyNode, raw.Title, raw.Summary)
	if c.text == "" && len(c.images) == 0 {
		return raw, fmt.Errorf("extract %s: empty body: %w", raw.URL, ErrNotArticle)
	}
	// A guessed body may be one teaser of a list page: only a page whose
	// selectors found the body is taken on trust.
	if guessed && isListPage(root, &pageURL, c.text) {
		return raw, fmt.Errorf("extract %s: teaser list dominates the page: %w", raw.URL, ErrNotArticle)
	}
	raw.BodyHTML, raw.BodyText, raw.Images = c.html, c.text, c.images
	if picsNode != nil && picsNode != bodyNode {
		// Read in place: images only reads the tree.
		raw.Images = images(page, picsNode)
	}
	if raw.Summary == "" {
		raw.Summary = c.standfirst
	}
	raw.Author, raw.Source = c.author, c.source
	if n := firstMatch(root, e.author, func(n *html.Node) bool { return textOf(n) != "" }); n != nil {
		if a, _, ok := parseCredit(textOf(n)); ok && a != "" {
			raw.Author = a
		} else {
			raw.Author = textOf(n)
		}
	}
	if raw.Author == "" || raw.Source == "" {
		a, s := creditLines(root, bodyNode)
		if raw.Author == "" {
			raw.Author = a
		}
		if raw.Source == "" {
			raw.Source = s
		}
	}
	return raw, nil
}

// dateOfNode reads a date element: its datetime or content attribute, else
// its text (the whole line when short, else the date inside it).
func dateOfNode(n *html.Node) string {
	if v := firstNonEmpty(attr(n, "datetime"), attr(n, "content")); v != "" {
		return v
	}
	t := textOf(n)
	if utf8.RuneCountInString(t) <= 80 {
		return strings.TrimRight(t, " |,-–")
	}
	return findDate(t)
}

// canonical returns the page's canonical URL when it is on the page's host.
func canonical(page *url.URL, root *html.Node) string {
	var ref string
	walk(root, func(n *html.Node) bool {
		if ref != "" || n.Type != html.ElementNode {
			return ref == ""
		}
		if n.DataAtom == atom.Body {
			return false
		}
		if n.DataAtom == atom.Link && strings.EqualFold(attr(n, "rel"), "canonical") {
			ref = attr(n, "href")
		}
		return true
	})
	if ref == "" {
		ref = metaContent(root, "og:url")
	}
	if u, ok := resolve(page, ref); ok {
		if cu, err := url.Parse(u); err == nil && sameHost(cu.Hostname(), page.Hostname()) {
			return u
		}
	}
	return page.String()
}

func sameHost(a, b string) bool {
	a, b = strings.TrimPrefix(strings.ToLower(a), "www."), strings.TrimPrefix(strings.ToLower(b), "www.")
	return a == b
}

// creditLines finds the labelled author and source lines that NukeViet
// prints after the body ("Tác giả bài viết: …", "Nguồn tin: …").
func creditLines(root, body *html.Node) (author, source string) {
	walk(root, func(n *html.Node) bool {
		if n.Type != html.ElementNode {
			return true
		}
		if n == body || isFurniture(n) {
			return false
		}
		if n.DataAtom != atom.P && n.DataAtom != atom.Div && n.DataAtom != atom.Span && n.DataAtom != atom.Li {
			return true
		}
		ft := firstText(n)
		if !strings.HasPrefix(ft, "tác giả") && !strings.HasPrefix(ft, "nguồn") {
			return true
		}
		t := textOf(n)
		if len(t) > 200 || hasBlockChild(n) {
			return true
		}
		if a, s, ok := parseCredit(t); ok {
			if a != "" && author == "" {
				author = a
			}
			if s != "" && source == "" {
				source = s
			}
			return false
		}
		return true
	})
	return author, source
}
