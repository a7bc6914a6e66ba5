package extract

import (
	"regexp"
	"sort"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// titleSeparators split a <title> into the article title and the site name.
var titleSeparators = regexp.MustCompile(`\s+[-|–—:»]{1,2}\s+`)

// siteNameHint matches the way portals name themselves.
var siteNameHint = regexp.MustCompile(`(?i)^(cổng thông tin|trang thông tin|website|trang chủ|portal)`)

// genericTitle finds the title: a heading that agrees with og:title or
// <title>, else og:title, else the main h1, else the emphasized line nearest
// above the main text (body) that starts like the <title>, else any
// emphasized line right above the main text, else the <title> part that is
// not the site name. Link text is never a title. It returns the heading node
// when there is one, to find the date near it.
func genericTitle(root, body *html.Node) (string, *html.Node) {
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
	// Of the headings that agree, the one nearest above the main text: a
	// sidebar may repeat the page's own title among its links.
	var agreeing []*html.Node
	for _, h := range headings {
		if t := textOf(h); len(t) >= 10 && agrees(t) {
			agreeing = append(agreeing, h)
		}
	}
	if h := nearestAbove(agreeing, body); h != nil {
		return textOf(h), h
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
		// Of several such lines, the one nearest above the main text wins
		// (a related-news list repeats titles that start alike). Only the
		// whole <title> and its cuts count, not a lone part: that may be
		// the site name, which related-news titles start with.
		cuts := titleCuts(titleTag)
		for _, c := range cuts[:min(3, len(cuts))] {
			if n := nearestAbove(emphasisStartingWith(root, c), body); n != nil {
				return textOf(n), n
			}
		}
		// A <title> that is only the site name: the emphasized line
		// nearest above the main text.
		if len(parts) == 1 {
			if n := emphasisAbove(root, body); n != nil {
				return textOf(n), n
			}
		}
		return pickTitlePart(parts, siteName), nil
	}
	return "", nil
}

// emphasisStartingWith returns the b, strong, font and span elements
// outside furniture and link lists whose text starts with prefix.
func emphasisStartingWith(root *html.Node, prefix string) []*html.Node {
	if len(prefix) < 10 {
		return nil
	}
	lp := strings.ToLower(prefix)
	var out []*html.Node
	walk(root, func(n *html.Node) bool {
		if n.Type != html.ElementNode {
			return true
		}
		if isFurniture(n) || n.DataAtom == atom.Head || n.DataAtom == atom.A {
			return false
		}
		if isEmphasis(n) {
			if t := textOf(n); len(t) < 400 && strings.HasPrefix(strings.ToLower(t), lp) && !isLinkText(n) {
				out = append(out, n)
				return false
			}
		}
		return true
	})
	return out
}

// isEmphasis reports whether n sets its text apart: b, strong, font,
// span, or any element styled bold.
func isEmphasis(n *html.Node) bool {
	switch n.DataAtom {
	case atom.B, atom.Strong, atom.Font, atom.Span:
		return true
	}
	return strings.Contains(strings.ToLower(attr(n, "style")), "bold")
}

// isLinkText reports whether n is, or mostly is, the text of a link: a
// line of a related-news list, never a title or a date.
func isLinkText(n *html.Node) bool {
	for p := n.Parent; p != nil; p = p.Parent {
		if p.Type == html.ElementNode && p.DataAtom == atom.A {
			return true
		}
	}
	text, links := linkStats(n)
	return text > 0 && 2*links > text
}

// nearestAbove returns the candidate that stands last before body's
// start (or inside it), else the first candidate; with no body in the
// page, the first candidate.
func nearestAbove(cands []*html.Node, body *html.Node) *html.Node {
	if len(cands) == 0 {
		return nil
	}
	if body == nil || body.Parent == nil {
		return cands[0]
	}
	var best *html.Node
	for _, c := range cands {
		if isInside(c, body) {
			if best == nil {
				best = c
			}
			break
		}
		if before(c, body) {
			best = c
		}
	}
	if best == nil {
		return cands[0]
	}
	return best
}

// emphasisAbove returns the emphasized line or heading that stands
// nearest above the first paragraph of body's text: 3 to 40 words, not a
// link, not a date line. nil without a body in the page.
func emphasisAbove(root, body *html.Node) *html.Node {
	if body == nil || body.Parent == nil {
		return nil
	}
	var best *html.Node
	stop := false
	walk(root, func(n *html.Node) bool {
		if stop {
			return false
		}
		switch n.Type {
		case html.TextNode:
			if len(strings.TrimFunc(n.Data, isSpace)) > 80 && isInside(n, body) {
				stop = true // the main text starts here; the title is above
			}
			return false
		case html.ElementNode:
		default:
			return true
		}
		if isFurniture(n) || n.DataAtom == atom.A || n.DataAtom == atom.Head {
			return false
		}
		if isEmphasis(n) || isHeading(n) {
			t := textOf(n)
			if w := len(strings.Fields(t)); w >= 3 && w <= 40 && findDate(t) == "" && !isLinkText(n) {
				best = n
				return false
			}
		}
		return true
	})
	return best
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
