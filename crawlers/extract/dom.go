package extract

import (
	"net/url"
	"regexp"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// attr returns the value of n's attribute key, or "".
func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// collapse trims s and collapses runs of white space (including NBSP) to one space.
func collapse(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		if isSpace(r) {
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

// firstText returns the lower-cased first non-blank text inside n, cheaply:
// enough to tell whether n may start with a label or a widget phrase.
func firstText(n *html.Node) string {
	var out string
	walk(n, func(c *html.Node) bool {
		if out != "" {
			return false
		}
		if c.Type == html.TextNode {
			if t := strings.TrimFunc(c.Data, isSpace); t != "" {
				out = strings.ToLower(t)
			}
			return false
		}
		return c.Type != html.ElementNode || (c.DataAtom != atom.Script && c.DataAtom != atom.Style)
	})
	return out
}

func isSpace(r rune) bool {
	switch r {
	case ' ', '\t', '\n', '\r', '\f', '\v', '\u00a0', '\u200b', '\u3000', '\ufeff':
		return true
	}
	return false
}

// textOf returns the collapsed visible text of n.
func textOf(n *html.Node) string {
	var b strings.Builder
	appendText(&b, n)
	return collapse(b.String())
}

func appendText(b *strings.Builder, n *html.Node) {
	switch n.Type {
	case html.TextNode:
		b.WriteString(n.Data)
		return
	case html.ElementNode:
		switch n.DataAtom {
		case atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Iframe:
			return
		case atom.Br, atom.P, atom.Div, atom.Li, atom.Td, atom.Th, atom.Tr:
			b.WriteByte(' ')
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		appendText(b, c)
	}
	if n.Type == html.ElementNode && n.DataAtom != atom.A && n.DataAtom != atom.Span {
		b.WriteByte(' ')
	}
}

// negativeName matches class and id tokens of page furniture: menus,
// sidebars, footers, share and related-news widgets.
var negativeName = regexp.MustCompile(`(?i)(^|[-_ ])(nav|navbar|navigation|menu|mainmenu|submenu|sidebar|side-bar|footer|header|masthead|breadcrumbs?|banner|comments?|related|relatedposts|share|sharing|social|socialicon|addtoany|sharedaddy|widget|advert|ads|tags?|pagination|pager|paging|tin-?khac|tin-?lien-?quan|othernews|other-news|toolbar|print|marquee|copyright)([-_ ]|$)`)

// positiveName matches class and id tokens of a main content block.
var positiveName = regexp.MustCompile(`(?i)(article|content|entry|detail|chitiet|chi-tiet|noidung|noi-dung|bodyhtml|bodytext|post|news|main|story|text|body)`)

// classID returns n's class and id joined.
func classID(n *html.Node) string {
	c, id := dropPortletNames(attr(n, "class")), dropPortletNames(attr(n, "id"))
	if id == "" {
		return c
	}
	return c + " " + id
}

// dropPortletNames removes Liferay's portlet-instance tokens
// ("portlet-boundary_menu_WAR_vienkiemsatportlet_", "p_p_id_menu_WAR_…"):
// they carry the deployed plugin's name, which says nothing about the
// block's role ("menu_WAR_…" is vksdanang.gov.vn's news portlet).
func dropPortletNames(s string) string {
	if !strings.Contains(s, "_WAR_") {
		return s
	}
	f := strings.Fields(s)
	kept := f[:0]
	for _, t := range f {
		if !strings.Contains(t, "_WAR_") {
			kept = append(kept, t)
		}
	}
	return strings.Join(kept, " ")
}

// isFurniture reports whether n is page furniture that never holds article
// content or article links: navigation, header, footer, sidebars, forms,
// scripts.
func isFurniture(n *html.Node) bool {
	if n.Type != html.ElementNode {
		return false
	}
	switch n.DataAtom {
	case atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Nav, atom.Footer,
		atom.Aside, atom.Select, atom.Button, atom.Iframe, atom.Object, atom.Embed, atom.Svg, atom.Menu:
		return true
	case atom.Form:
		// ASP.NET WebForms (SharePoint, DotNetNuke) wrap the whole page in
		// one <form> under <body>: that form is the page, not furniture.
		return n.Parent == nil || n.Parent.DataAtom != atom.Body
	case atom.Header:
		return !inContent(n)
	case atom.Html, atom.Body, atom.H1, atom.H2, atom.H3:
		return false
	}
	if r := attr(n, "role"); r == "navigation" || r == "banner" || r == "contentinfo" || r == "complementary" {
		return true
	}
	if strings.Contains(strings.ToLower(attr(n, "style")), "display:none") {
		return true
	}
	ci := classID(n)
	if ci == "" || !negativeName.MatchString(ci) {
		return false
	}
	lci := strings.ToLower(ci)
	if strings.Contains(lci, "content") || strings.Contains(lci, "title") {
		return false
	}
	// An article's own header (WordPress "entry-header", Liferay
	// "taglib-header") holds its title, not the site's banner.
	if headerName.MatchString(ci) && !negativeName.MatchString(headerName.ReplaceAllString(ci, " ")) {
		return !inContent(n)
	}
	return true
}

// headerName matches the "header" class token.
var headerName = regexp.MustCompile(`(?i)(^|[-_ ])(header|masthead)([-_ ]|$)`)

// inContent reports whether n is inside an article or the main content.
func inContent(n *html.Node) bool {
	for p := n.Parent; p != nil; p = p.Parent {
		if p.Type != html.ElementNode {
			continue
		}
		if p.DataAtom == atom.Article || p.DataAtom == atom.Main || attr(p, "role") == "main" || attr(p, "role") == "article" {
			return true
		}
	}
	return false
}

// inFurniture reports whether n or one of its ancestors is furniture.
func inFurniture(n *html.Node) bool {
	for p := n; p != nil; p = p.Parent {
		if isFurniture(p) {
			return true
		}
	}
	return false
}

// resolve returns ref resolved against base, absolute, without fragment;
// ok is false for javascript:, mailto:, tel:, data: and unparsable links.
func resolve(base *url.URL, ref string) (string, bool) {
	ref = strings.TrimSpace(ref)
	if ref == "" || strings.HasPrefix(ref, "#") {
		return "", false
	}
	u, err := url.Parse(ref)
	if err != nil {
		return "", false
	}
	if base != nil {
		u = base.ResolveReference(u)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return "", false
	}
	u.Fragment, u.RawFragment = "", ""
	return u.String(), true
}

// cloneTree returns a deep copy of n detached from its parent.
func cloneTree(n *html.Node) *html.Node {
	c := &html.Node{Type: n.Type, DataAtom: n.DataAtom, Data: n.Data, Namespace: n.Namespace}
	if len(n.Attr) > 0 {
		c.Attr = append([]html.Attribute(nil), n.Attr...)
	}
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		c.AppendChild(cloneTree(ch))
	}
	return c
}

// walk calls f for n and its descendants in document order; f returning
// false skips the node's children.
func walk(n *html.Node, f func(*html.Node) bool) {
	if !f(n) {
		return
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walk(c, f)
	}
}

// firstMatch returns the first node that one of sels matches, trying the
// selectors in priority order, skipping nodes for which ok is false.
func firstMatch(root *html.Node, sels []selector, ok func(*html.Node) bool) *html.Node {
	for _, s := range sels {
		for _, n := range s.MatchAll(root) {
			if ok == nil || ok(n) {
				return n
			}
		}
	}
	return nil
}
