package extract

import (
	"regexp"
	"sort"
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
	for n, s := range score {
		text, links := linkStats(n)
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

// titleSeparators split a <title> into the article title and the site name.
var titleSeparators = regexp.MustCompile(`\s+[-|–—:»]{1,2}\s+`)

// siteNameHint matches the way portals name themselves.
var siteNameHint = regexp.MustCompile(`(?i)^(cổng thông tin|trang thông tin|website|trang chủ|portal)`)

// genericTitle finds the title: a heading that agrees with og:title or
// <title>, else og:title, else the main h1, else the <title> part that is not
// the site name. It returns the heading node when there is one, to find the
// date near it.
func genericTitle(root *html.Node) (string, *html.Node) {
	og := metaContent(root, "og:title", "twitter:title")
	var titleTag, siteName string
	siteName = metaContent(root, "og:site_name", "application-name")
	var headings []*html.Node
	walk(root, func(n *html.Node) bool {
		if n.Type != html.ElementNode {
			return true
		}
		switch n.DataAtom {
		case atom.Title:
			if titleTag == "" {
				titleTag = textOf(n)
			}
			return false
		case atom.H1, atom.H2, atom.H3:
			if !inFurniture(n) {
				headings = append(headings, n)
			}
			return false
		}
		if isFurniture(n) {
			return false
		}
		if ci := strings.ToLower(classID(n)); ci != "" && (strings.Contains(ci, "title") || strings.Contains(ci, "tieude") || strings.Contains(ci, "tieu-de")) && len(textOf(n)) < 400 && !hasBlockChild(n) {
			headings = append(headings, n)
			return false
		}
		return true
	})
	parts := titleSeparators.Split(titleTag, -1)
	agrees := func(h string) bool {
		hl := strings.ToLower(h)
		if og != "" && (hl == strings.ToLower(og) || strings.HasPrefix(strings.ToLower(og), hl) && len(hl) > 20) {
			return true
		}
		for _, p := range parts {
			if hl == strings.ToLower(p) {
				return true
			}
		}
		return len(hl) > 20 && strings.Contains(strings.ToLower(titleTag), hl)
	}
	for _, h := range headings {
		if t := textOf(h); len(t) >= 10 && agrees(t) {
			return t, h
		}
	}
	if og != "" {
		// og:title is the bare title on most CMSes; some append the site name.
		op := titleSeparators.Split(og, -1)
		if last := op[len(op)-1]; len(op) > 1 && (strings.EqualFold(last, siteName) || siteNameHint.MatchString(last)) {
			og = strings.TrimSpace(og[:strings.LastIndex(og, last)])
			og = strings.TrimRight(og, " -|–—:»")
		}
		return og, findTextNode(headings, og)
	}
	for _, h := range headings {
		if h.DataAtom == atom.H1 {
			if t := textOf(h); len(strings.Fields(t)) >= 3 {
				return t, h
			}
		}
	}
	if titleTag != "" {
		// Table-layout sites show the title in <b> or <font>: the <title>
		// cut that starts a visible line is the title, whichever end the
		// site name was on and whatever separators the title itself holds.
		for _, c := range titleCuts(titleTag) {
			if n := emphasisStartingWith(root, c); n != nil {
				return textOf(n), n
			}
		}
		return pickTitlePart(parts, siteName), nil
	}
	return "", nil
}

// emphasisStartingWith returns the first b, strong or font element outside
// furniture whose text starts with prefix.
func emphasisStartingWith(root *html.Node, prefix string) *html.Node {
	if len(prefix) < 10 {
		return nil
	}
	lp := strings.ToLower(prefix)
	var out *html.Node
	walk(root, func(n *html.Node) bool {
		if out != nil || n.Type != html.ElementNode {
			return out == nil
		}
		if isFurniture(n) || n.DataAtom == atom.Head {
			return false
		}
		switch n.DataAtom {
		case atom.B, atom.Strong, atom.Font, atom.Span, atom.Div, atom.Td, atom.P:
			t := textOf(n)
			if len(t) < 400 && strings.HasPrefix(strings.ToLower(t), lp) {
				if n.DataAtom == atom.B || n.DataAtom == atom.Strong || n.DataAtom == atom.Font || n.DataAtom == atom.Span {
					out = n
					return false
				}
			}
		}
		return true
	})
	return out
}

// titleCuts returns the ways to cut the site name off a <title>: without
// its first part, without its last part, then each part, longest first.
func titleCuts(t string) []string {
	locs := titleSeparators.FindAllStringIndex(t, -1)
	if len(locs) == 0 {
		return []string{t}
	}
	cuts := []string{t[locs[0][1]:], t[:locs[len(locs)-1][0]]}
	parts := titleSeparators.Split(t, -1)
	sort.Slice(parts, func(i, j int) bool { return len(parts[i]) > len(parts[j]) })
	return append(cuts, parts...)
}

// pickTitlePart keeps the <title> part that is not the site name.
func pickTitlePart(parts []string, siteName string) string {
	var longest string
	for _, p := range parts {
		p = collapse(p)
		if p == "" || strings.EqualFold(p, siteName) {
			continue
		}
		if siteNameHint.MatchString(p) && len(parts) > 1 {
			continue
		}
		if len(p) > len(longest) {
			longest = p
		}
	}
	if longest == "" && len(parts) > 0 {
		return collapse(parts[0])
	}
	return longest
}

func findTextNode(nodes []*html.Node, text string) *html.Node {
	for _, n := range nodes {
		if strings.EqualFold(textOf(n), collapse(text)) {
			return n
		}
	}
	return nil
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
		if n == title || n.Parent == nil {
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
