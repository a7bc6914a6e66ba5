package extract

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// scoreTags are the blocks whose own text counts as a paragraph when
// scoring: p-like ones give their score to their parent, div-like ones
// (text split by <br>, table-layout cells) keep it.
var (
	paraTags      = map[atom.Atom]bool{atom.P: true, atom.Pre: true, atom.Blockquote: true, atom.Li: true, atom.Dd: true}
	containerTags = map[atom.Atom]bool{atom.Div: true, atom.Td: true, atom.Section: true, atom.Article: true, atom.Main: true, atom.Center: true}
)

// mainContent finds the main text block of a page, readability style: each
// paragraph scores by length and punctuation, the score flows to its
// container and (halved) to the container's parents, and each container's
// score is discounted by its link density and weighted by its class names.
// It returns nil when nothing looks like article text.
func mainContent(root *html.Node) *html.Node {
	score := map[*html.Node]float64{}
	add := func(n *html.Node, s float64) {
		if n != nil && n.Type == html.ElementNode {
			score[n] += s
		}
	}
	walk(root, func(n *html.Node) bool {
		if n.Type != html.ElementNode {
			return n.Type == html.DocumentNode
		}
		if isFurniture(n) {
			return false
		}
		if !paraTags[n.DataAtom] && !containerTags[n.DataAtom] {
			return true
		}
		own := ownText(n)
		l := utf8.RuneCountInString(own)
		if l < 25 {
			return true
		}
		s := 1 + float64(strings.Count(own, ",")) + 0.5*float64(strings.Count(own, ".")) + min(float64(l)/100, 3)
		if paraTags[n.DataAtom] {
			n = n.Parent
		}
		add(n, s)
		if n.Parent != nil {
			add(n.Parent, s/2)
			if n.Parent.Parent != nil {
				add(n.Parent.Parent, s/4)
			}
		}
		return true
	})
	var best *html.Node
	var bestScore float64
	stats := textStats(root)
	for n, s := range score {
		text, links := stats[n][0], stats[n][1]
		if text < minBodyRunes {
			continue
		}
		f := s * (1 - float64(links)/float64(text))
		ci := classID(n)
		if ci != "" && positiveName.MatchString(ci) {
			f += 10
		}
		if f > bestScore || (f == bestScore && best != nil && before(n, best)) {
			best, bestScore = n, f
		}
	}
	if bestScore < 5 {
		return nil
	}
	return best
}

// before reports whether a comes before b in document order (used only to
// break score ties deterministically).
func before(a, b *html.Node) bool {
	found, res := false, false
	r := a
	for r.Parent != nil {
		r = r.Parent
	}
	walk(r, func(n *html.Node) bool {
		if found {
			return false
		}
		if n == a || n == b {
			found, res = true, n == a
		}
		return !found
	})
	return res
}

// ownText is the inline text of n, not descending into nested blocks.
func ownText(n *html.Node) string {
	var b strings.Builder
	var visit func(*html.Node)
	visit = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			switch {
			case c.Type == html.TextNode:
				b.WriteString(c.Data)
			case c.Type == html.ElementNode && c.DataAtom == atom.Br:
				b.WriteByte(' ')
			case c.Type == html.ElementNode && !blockTags[c.DataAtom] && !isFurniture(c):
				visit(c)
			}
		}
	}
	visit(n)
	return collapse(b.String())
}

// textStats returns, for every element of the tree that is not furniture,
// the rune counts of its visible text and of the part inside links, as
// linkStats does for one node, in one pass over the tree.
func textStats(root *html.Node) map[*html.Node][2]int {
	out := map[*html.Node][2]int{}
	var visit func(n *html.Node, inLink bool) (text, links int)
	visit = func(n *html.Node, inLink bool) (text, links int) {
		switch n.Type {
		case html.TextNode:
			c := utf8.RuneCountInString(strings.TrimSpace(n.Data))
			if inLink {
				return c, c
			}
			return c, 0
		case html.ElementNode:
			if isFurniture(n) {
				return 0, 0
			}
			if n.DataAtom == atom.A {
				inLink = true
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			t, l := visit(c, inLink)
			text += t
			links += l
		}
		if n.Type == html.ElementNode {
			out[n] = [2]int{text, links}
		}
		return text, links
	}
	visit(root, false)
	return out
}

// linkStats returns the rune counts of n's visible text and of the part of
// it inside links, skipping furniture.
func linkStats(n *html.Node) (text, links int) {
	var visit func(*html.Node, bool)
	visit = func(n *html.Node, inLink bool) {
		switch n.Type {
		case html.TextNode:
			c := utf8.RuneCountInString(strings.TrimSpace(n.Data))
			text += c
			if inLink {
				links += c
			}
			return
		case html.ElementNode:
			if isFurniture(n) {
				return
			}
			if n.DataAtom == atom.A {
				inLink = true
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			visit(c, inLink)
		}
	}
	visit(n, false)
	return text, links
}

// metaContent returns the content of the first <meta> whose property,
// name or itemprop is one of keys (in keys' order).
func metaContent(root *html.Node, keys ...string) string {
	found := map[string]string{}
	walk(root, func(n *html.Node) bool {
		if n.Type == html.ElementNode && n.DataAtom == atom.Meta {
			for _, k := range []string{"property", "name", "itemprop"} {
				if v := strings.ToLower(attr(n, k)); v != "" {
					if _, ok := found[v]; !ok {
						found[v] = collapse(attr(n, "content"))
					}
				}
			}
			return false
		}
		return n.Type != html.ElementNode || n.DataAtom != atom.Body
	})
	for _, k := range keys {
		if v := found[strings.ToLower(k)]; v != "" {
			return v
		}
	}
	return ""
}

// genericDate finds the published date: metadata first, then a short date
// line near the title (after it, then before it).
func genericDate(root, title, body *html.Node) string {
	if d := metaContent(root, "article:published_time", "datePublished", "pubdate", "publishdate", "dc.date.issued", "dc.date"); d != "" {
		return d
	}
	var stamped string
	walk(root, func(n *html.Node) bool {
		if stamped != "" || n.Type != html.ElementNode {
			return stamped == ""
		}
		if isFurniture(n) {
			return false
		}
		if attr(n, "itemprop") == "datePublished" || (n.DataAtom == atom.Time && attr(n, "datetime") != "") {
			stamped = firstNonEmpty(attr(n, "content"), attr(n, "datetime"), textOf(n))
		}
		return stamped == ""
	})
	if stamped != "" {
		return stamped
	}
	var texts []*html.Node
	titleAt := -1
	walk(root, func(n *html.Node) bool {
		if n == title {
			titleAt = len(texts)
			texts = append(texts, n)
			return false
		}
		if n.Type == html.TextNode {
			if strings.TrimFunc(n.Data, isSpace) != "" {
				texts = append(texts, n)
			}
			return false
		}
		return !isFurniture(n) || n.Type != html.ElementNode
	})
	try := func(n *html.Node) string {
		if n == title || n.Parent == nil || onLinkLine(n) {
			return ""
		}
		line := textOf(n.Parent)
		if utf8.RuneCountInString(line) > 80 {
			line = collapse(n.Data)
		}
		if utf8.RuneCountInString(line) > 80 {
			return ""
		}
		return findDate(line)
	}
	if titleAt >= 0 {
		for i := titleAt + 1; i < len(texts) && i <= titleAt+15; i++ {
			if d := try(texts[i]); d != "" {
				return d
			}
		}
		for i := titleAt - 1; i >= 0 && i >= titleAt-8; i-- {
			if d := try(texts[i]); d != "" {
				return d
			}
		}
		return ""
	}
	for i, t := range texts {
		if i > 60 || (body != nil && isInside(t, body)) {
			break
		}
		if d := try(t); d != "" {
			return d
		}
	}
	return ""
}

// onLinkLine reports whether the text node n stands on one line with a
// link: in a list of other articles, "Title (12/05/2024)" dates the
// linked article, not this page.
func onLinkLine(n *html.Node) bool {
	x := n
	for x.Parent != nil && x.Parent.Type == html.ElementNode && !blockTags[x.Parent.DataAtom] {
		x = x.Parent
	}
	if hasLink(x) {
		return true
	}
	for s := x.PrevSibling; s != nil && !isBreak(s); s = s.PrevSibling {
		if hasLink(s) {
			return true
		}
	}
	for s := x.NextSibling; s != nil && !isBreak(s); s = s.NextSibling {
		if hasLink(s) {
			return true
		}
	}
	return false
}

// isBreak reports whether n ends a line: a block element or <br>.
func isBreak(n *html.Node) bool { return n.Type == html.ElementNode && blockTags[n.DataAtom] }

// hasLink reports whether n is or holds a link with text.
func hasLink(n *html.Node) bool {
	found := false
	walk(n, func(c *html.Node) bool {
		if found || c.Type != html.ElementNode && c.Type != html.DocumentNode {
			return false
		}
		if c.DataAtom == atom.A && strings.TrimFunc(textOf(c), isSpace) != "" {
			found = true
		}
		return !found
	})
	return found
}

func isInside(n, anc *html.Node) bool {
	for p := n; p != nil; p = p.Parent {
		if p == anc {
			return true
		}
	}
	return false
}

func firstNonEmpty(vs ...string) string {
	for _, v := range vs {
		if v = collapse(v); v != "" {
			return v
		}
	}
	return ""
}

// summaryName matches the class or id of a lead paragraph block.
var summaryName = regexp.MustCompile(`(?i)(sapo|hometext|lead|summary|excerpt|tomtat|tom-tat|mota|mo-ta|intro|chapeau|description)`)

// genericSummary finds a lead block by its class name.
func genericSummary(root *html.Node) *html.Node {
	var out *html.Node
	walk(root, func(n *html.Node) bool {
		if out != nil || n.Type != html.ElementNode {
			return out == nil
		}
		if isFurniture(n) || n.DataAtom == atom.Meta || n.DataAtom == atom.Head {
			return false
		}
		if ci := classID(n); ci != "" && summaryName.MatchString(ci) {
			if t := textOf(n); len(t) >= 30 && len(t) <= 2000 {
				out = n
				return false
			}
		}
		return true
	})
	return out
}
