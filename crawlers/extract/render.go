package extract

import (
	"net/url"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// keptTags are rendered as themselves in BodyHTML; every other element is
// unwrapped (or, for a block holding only inline content, written as <p>).
var keptTags = map[atom.Atom]bool{
	atom.P: true, atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
	atom.Ul: true, atom.Ol: true, atom.Li: true, atom.Table: true, atom.Thead: true, atom.Tbody: true, atom.Tfoot: true,
	atom.Tr: true, atom.Td: true, atom.Th: true, atom.Caption: true, atom.Img: true, atom.Figure: true,
	atom.Figcaption: true, atom.A: true, atom.Strong: true, atom.Em: true, atom.B: true, atom.I: true, atom.U: true,
	atom.Br: true, atom.Blockquote: true, atom.Pre: true, atom.Sub: true, atom.Sup: true, atom.Hr: true,
}

// mustHaveContent are dropped when they render empty.
var mustHaveContent = map[atom.Atom]bool{
	atom.P: true, atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
	atom.Li: true, atom.Ul: true, atom.Ol: true, atom.Figure: true, atom.Figcaption: true, atom.A: true,
	atom.Strong: true, atom.Em: true, atom.B: true, atom.I: true, atom.U: true, atom.Blockquote: true, atom.Table: true,
}

// renderBody writes the children of root as clean HTML: whitelisted tags,
// only href/src/alt/colspan/rowspan attributes, URLs made absolute.
func renderBody(base *url.URL, root *html.Node) string {
	var b strings.Builder
	for c := root.FirstChild; c != nil; c = c.NextSibling {
		renderNode(&b, base, c)
	}
	return strings.TrimSpace(b.String())
}

func renderNode(b *strings.Builder, base *url.URL, n *html.Node) {
	switch n.Type {
	case html.TextNode:
		t := n.Data
		if strings.TrimFunc(t, isSpace) == "" {
			if t != "" {
				b.WriteByte(' ')
			}
			return
		}
		lead, trail := isSpace(firstRune(t)), isSpace(lastRune(t))
		t = collapse(t)
		if lead {
			b.WriteByte(' ')
		}
		b.WriteString(html.EscapeString(t))
		if trail {
			b.WriteByte(' ')
		}
		return
	case html.ElementNode:
	default:
		return
	}
	a := n.DataAtom
	if !keptTags[a] {
		if blockTags[a] && !hasBlockChild(n) {
			a = atom.P // a div of text is a paragraph
		} else {
			renderChildren(b, base, n)
			return
		}
	}
	var attrs string
	switch a {
	case atom.Img:
		src, ok := resolve(base, imgSrc(n))
		if !ok {
			return
		}
		attrs = ` src="` + html.EscapeString(src) + `"`
		if alt := collapse(attr(n, "alt")); alt != "" {
			attrs += ` alt="` + html.EscapeString(alt) + `"`
		}
		b.WriteString("<img" + attrs + ">")
		return
	case atom.Br, atom.Hr:
		b.WriteString("<" + a.String() + ">")
		return
	case atom.A:
		href, ok := resolve(base, attr(n, "href"))
		if !ok {
			renderChildren(b, base, n)
			return
		}
		attrs = ` href="` + html.EscapeString(href) + `"`
	case atom.Td, atom.Th:
		for _, k := range []string{"colspan", "rowspan"} {
			if v := attr(n, k); v != "" {
				attrs += " " + k + `="` + html.EscapeString(v) + `"`
			}
		}
	}
	var inner strings.Builder
	renderChildren(&inner, base, n)
	in := strings.TrimSpace(inner.String())
	if mustHaveContent[a] && (in == "" || strings.Trim(in, "<br>") == "") {
		return
	}
	tag := a.String()
	b.WriteString("<" + tag + attrs + ">" + in + "</" + tag + ">")
	if blockTags[a] {
		b.WriteByte('\n')
	}
}

func renderChildren(b *strings.Builder, base *url.URL, n *html.Node) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		renderNode(b, base, c)
	}
}

func firstRune(s string) rune {
	for _, r := range s {
		return r
	}
	return 0
}

func lastRune(s string) rune {
	r := []rune(s[max(0, len(s)-4):])
	if len(r) == 0 {
		return 0
	}
	return r[len(r)-1]
}

// bodyText returns root's visible text, one paragraph per block or line
// break, paragraphs separated by one blank line, artifacts dropped.
func bodyText(root *html.Node) string {
	var paras []string
	var cur strings.Builder
	flush := func() {
		if t := collapse(cur.String()); t != "" && !isArtifact(t) {
			paras = append(paras, t)
		}
		cur.Reset()
	}
	var visit func(n *html.Node)
	visit = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			cur.WriteString(n.Data)
			return
		case html.ElementNode:
		default:
			return
		}
		switch n.DataAtom {
		case atom.Script, atom.Style, atom.Noscript, atom.Template:
			return
		}
		block := blockTags[n.DataAtom]
		if block {
			flush()
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			visit(c)
		}
		if block {
			flush()
		}
	}
	visit(root)
	flush()
	return strings.Join(paras, "\n\n")
}
