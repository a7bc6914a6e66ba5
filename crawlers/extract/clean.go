package extract

import (
	"net/url"
	"regexp"
	"strings"

	"github.com/vksnews/vksnews/internal/article"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// cleaned is an article body after cleaning.
type cleaned struct {
	html, text     string
	images         []article.Image
	author, source string
	standfirst     string // a heading under the headline, before the text
}

// relatedMarkers are headings that open a related-news list; the heading and
// everything after it in the body is not the article.
var relatedMarkers = map[string]bool{
	"tin liên quan": true, "tin khác": true, "các tin khác": true, "tin cùng chuyên mục": true,
	"những tin mới hơn": true, "những tin cũ hơn": true, "bài viết liên quan": true,
	"tin đã đưa": true, "các tin đã đưa": true, "xem thêm": true, "tin bài liên quan": true,
	"các bài viết khác": true, "bài viết khác": true, "tin cùng loại": true,
}

// artifactPhrases are CMS widget texts that are never article text.
var artifactPhrases = []string{
	"leftcenterrightdel", "xem với cỡ chữ", "cỡ chữ", "tương phản", "in bài viết", "gửi email",
	"gửi bài viết", "in trang", "bản in", "chia sẻ", "quay lại", "đầu trang", "lưu bài viết",
}

// artifactTokens may remain around artifact phrases (font-size buttons, separators).
var artifactTokens = map[string]bool{"a": true, "a+": true, "a-": true, "aa": true, "+": true, "-": true}

// isArtifact reports whether the text t consists only of widget phrases.
func isArtifact(t string) bool {
	if len(t) > 200 {
		return false
	}
	s := strings.ToLower(collapse(t))
	if s == "" {
		return false
	}
	found := false
	for _, p := range artifactPhrases {
		if strings.Contains(s, p) {
			s = strings.ReplaceAll(s, p, " ")
			found = true
		}
	}
	if !found {
		return false
	}
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return isSpace(r) || strings.ContainsRune(":|/•,.()[]", r) }) {
		if !artifactTokens[f] {
			return false
		}
	}
	return true
}

// startsWithAny reports whether s starts with one of the phrases or keys.
func startsWithAny(s string, phrases []string, keys map[string]bool) bool {
	if s == "" {
		return false
	}
	for _, p := range phrases {
		if strings.HasPrefix(s, p) || strings.HasPrefix(p, s) {
			return true
		}
	}
	for k := range keys {
		if strings.HasPrefix(s, k) || strings.HasPrefix(k, s) {
			return true
		}
	}
	return false
}

// creditLine matches the author and source lines that close an article.
var creditLine = regexp.MustCompile(`(?i)^\(?\s*(tin và hình|tin và ảnh|tin, ảnh|tin ảnh|tin-ảnh|bài và ảnh|bài, ảnh|bài và hình|bài, hình|tác giả bài viết|tác giả|người viết|nguồn tin|nguồn|tin bài|tin)\s*:\s*(.{2,150}?)\s*\)?$`)

// parseCredit splits a credit line into author or source.
func parseCredit(t string) (author, source string, ok bool) {
	m := creditLine.FindStringSubmatch(collapse(t))
	if m == nil {
		return "", "", false
	}
	if strings.HasPrefix(strings.ToLower(m[1]), "nguồn") {
		return "", m[2], true
	}
	return m[2], "", true
}

// blockTags end a paragraph of text.
var blockTags = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
	atom.Ul: true, atom.Ol: true, atom.Li: true, atom.Table: true, atom.Tbody: true, atom.Thead: true, atom.Tfoot: true,
	atom.Tr: true, atom.Td: true, atom.Th: true, atom.Figure: true, atom.Figcaption: true, atom.Blockquote: true,
	atom.Section: true, atom.Article: true, atom.Pre: true, atom.Dl: true, atom.Dt: true, atom.Dd: true, atom.Hr: true,
	atom.Header: true, atom.Footer: true, atom.Center: true, atom.Address: true, atom.Caption: true, atom.Main: true,
	atom.Br: true, atom.Form: true, atom.Nav: true, atom.Aside: true,
}

// clean copies the body node src and cleans the copy: furniture, the
// extractor's remove selectors, related-news lists, widget artifacts, the
// headline and the summary repeated as first paragraphs, photo captions
// (kept in images) and the closing credit lines go.
func (e *Extractor) clean(base *url.URL, src *html.Node, title, summary string) cleaned {
	root := cloneTree(src)
	for _, s := range e.remove {
		for _, n := range s.MatchAll(root) {
			if n != root && n.Parent != nil {
				n.Parent.RemoveChild(n)
			}
		}
	}
	var drop []*html.Node
	walk(root, func(n *html.Node) bool {
		if n == root {
			return true
		}
		switch n.Type {
		case html.CommentNode:
			drop = append(drop, n)
			return false
		case html.TextNode:
			if strings.Contains(strings.ToLower(n.Data), "leftcenterrightdel") {
				n.Data = toolbarText.ReplaceAllString(n.Data, " ")
			}
			return false
		case html.ElementNode:
		default:
			return false
		}
		if isFurniture(n) {
			drop = append(drop, n)
			return false
		}
		if n.DataAtom == atom.Img {
			return false
		}
		if !startsWithAny(firstText(n), artifactPhrases, relatedMarkers) {
			return true
		}
		t := textOf(n)
		if isArtifact(t) && !hasImage(n) {
			drop = append(drop, n)
			return false
		}
		if len(t) < 60 && relatedMarkers[strings.TrimRight(strings.ToLower(t), " :.»>")] {
			drop = append(drop, relatedBlock(root, n)...)
			return false
		}
		return true
	})
	for _, n := range drop {
		if n.Parent != nil {
			n.Parent.RemoveChild(n)
		}
	}
	var c cleaned
	e.dropCredits(root, &c)
	c.standfirst = dropHeadline(root, title)
	if summary != "" {
		dropLeadRepeat(root, summary)
	}
	c.images = images(base, root)
	dropCaptions(root)
	c.html = renderBody(base, root)
	c.text = bodyText(root)
	return c
}

// relatedBlock returns the nodes to drop for a related-news heading n: the
// highest ancestor (below root) that starts with the heading, and every
// sibling after it.
func relatedBlock(root, n *html.Node) []*html.Node {
	top := n
	head := textOf(n)
	for p := n.Parent; p != nil && p != root; p = p.Parent {
		if !strings.HasPrefix(textOf(p), head) {
			break
		}
		top = p
	}
	out := []*html.Node{top}
	for s := top.NextSibling; s != nil; s = s.NextSibling {
		out = append(out, s)
	}
	return out
}

func hasImage(n *html.Node) bool {
	found := false
	walk(n, func(c *html.Node) bool {
		if c.Type == html.ElementNode && c.DataAtom == atom.Img {
			found = true
		}
		return !found
	})
	return found
}

// leafBlocks returns the blocks of root that hold text directly, in order.
func leafBlocks(root *html.Node) []*html.Node {
	var out []*html.Node
	walk(root, func(n *html.Node) bool {
		if n.Type != html.ElementNode || n == root {
			return true
		}
		if blockTags[n.DataAtom] && n.DataAtom != atom.Br && !hasBlockChild(n) {
			out = append(out, n)
			return false
		}
		return true
	})
	return out
}

func hasBlockChild(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && blockTags[c.DataAtom] && c.DataAtom != atom.Br {
			return true
		}
		if c.Type == html.ElementNode && !blockTags[c.DataAtom] && hasBlockChild(c) {
			return true
		}
	}
	return false
}

// dropCredits moves the closing "Tin và hình: …" / "Nguồn: …" lines into c.
func (e *Extractor) dropCredits(root *html.Node, c *cleaned) {
	blocks := leafBlocks(root)
	checked := 0
	for i := len(blocks) - 1; i >= 0 && checked < 3; i-- {
		t := textOf(blocks[i])
		if t == "" {
			continue
		}
		checked++
		a, s, ok := parseCredit(t)
		if !ok {
			return
		}
		if a != "" && c.author == "" {
			c.author = a
		}
		if s != "" && c.source == "" {
			c.source = s
		}
		if blocks[i].Parent != nil {
			blocks[i].Parent.RemoveChild(blocks[i])
		}
	}
}

// dropHeadline removes what stands above the text proper: a first block
// that repeats the title (in a heading, or in bold as Supreme-portal-style
// pages do), then the headings that follow it before the first paragraph
// (a standfirst, returned so it can serve as summary). A heading that
// starts the body and does not repeat the title stays: it is a section title.
func dropHeadline(root *html.Node, title string) (standfirst string) {
	blocks := leafBlocks(root)
	i := 0
	for i < len(blocks) && textOf(blocks[i]) == "" {
		i++
	}
	if i == len(blocks) || title == "" || !sameText(textOf(blocks[i]), title) {
		return ""
	}
	blocks[i].Parent.RemoveChild(blocks[i])
	var heads []string
	for i++; i < len(blocks); i++ {
		t := textOf(blocks[i])
		if t == "" {
			continue
		}
		if !isHeading(blocks[i]) || i == len(blocks)-1 {
			break
		}
		heads = append(heads, t)
		blocks[i].Parent.RemoveChild(blocks[i])
	}
	return strings.Join(heads, " ")
}

// sameText reports whether two texts are the same line, ignoring case and
// closing punctuation.
func sameText(a, b string) bool {
	norm := func(s string) string { return strings.TrimRight(strings.ToLower(collapse(s)), " .:!?") }
	return norm(a) == norm(b)
}

func isHeading(n *html.Node) bool {
	switch n.DataAtom {
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		return true
	}
	return false
}

// dropLeadRepeat removes the first text block when it repeats the summary
// (the vksndtc portal prints its lead twice).
func dropLeadRepeat(root *html.Node, summary string) {
	want := strings.ToLower(collapse(summary))
	for _, b := range leafBlocks(root) {
		t := strings.ToLower(textOf(b))
		if t == "" {
			continue
		}
		if t == want || (len(want) > 40 && (strings.HasPrefix(t, want) && len(t)-len(want) < 10 || strings.HasPrefix(want, t) && len(want)-len(t) < 10)) {
			b.Parent.RemoveChild(b)
		}
		return
	}
}

// dropCaptions removes photo captions from the body once images has
// recorded them: a figure's figcaption, and the text of a small photo table
// (the image stays, in its table).
func dropCaptions(root *html.Node) {
	var drop []*html.Node
	walk(root, func(n *html.Node) bool {
		if n.Type != html.ElementNode || n.DataAtom != atom.Img {
			return true
		}
		drop = append(drop, captionNodes(n)...)
		return false
	})
	for _, n := range drop {
		if n.Parent != nil {
			n.Parent.RemoveChild(n)
		}
	}
}

// images lists the body's pictures with absolute URLs and their captions.
func images(base *url.URL, root *html.Node) []article.Image {
	var out []article.Image
	seen := map[string]bool{}
	walk(root, func(n *html.Node) bool {
		if n.Type != html.ElementNode || isFurniture(n) {
			return n.Type != html.ElementNode
		}
		if n.DataAtom != atom.Img {
			return true
		}
		u, ok := resolve(base, imgSrc(n))
		if !ok || seen[u] {
			return false
		}
		seen[u] = true
		out = append(out, article.Image{URL: u, Caption: caption(n)})
		return false
	})
	return out
}

func imgSrc(n *html.Node) string {
	for _, k := range []string{"data-src", "data-original", "src"} {
		if v := strings.TrimSpace(attr(n, k)); v != "" && !strings.HasPrefix(v, "data:") {
			return v
		}
	}
	return ""
}

// caption finds an image's caption: its figure's figcaption, the text of a
// small photo table around it (vksndtc, NukeViet editors), else its alt text.
func caption(img *html.Node) string {
	var parts []string
	for _, c := range captionNodes(img) {
		if t := textOf(c); t != "" {
			parts = append(parts, t)
		}
	}
	if len(parts) > 0 {
		return strings.Join(parts, " ")
	}
	return collapse(attr(img, "alt"))
}

// captionNodes returns the nodes that hold an image's caption: the
// figcaption of its figure, the text-only rows of a small photo table
// around it (a table whose text is under 400 bytes), the short text that
// shares the image's paragraph (`<p><img><br><i>…</i></p>`), or a short
// italic paragraph right after the image's own empty one.
func captionNodes(img *html.Node) []*html.Node {
	for p := img.Parent; p != nil; p = p.Parent {
		if p.Type != html.ElementNode {
			continue
		}
		switch p.DataAtom {
		case atom.P, atom.Center:
			return paragraphCaption(img, p)
		case atom.Figure:
			var out []*html.Node
			walk(p, func(c *html.Node) bool {
				if c.Type == html.ElementNode && c.DataAtom == atom.Figcaption {
					out = append(out, c)
					return false
				}
				return true
			})
			if len(out) > 0 {
				return out
			}
		case atom.Table:
			if t := textOf(p); t == "" || len(t) >= 400 {
				return nil
			}
			var out []*html.Node
			walk(p, func(c *html.Node) bool {
				if c.Type == html.ElementNode && (c.DataAtom == atom.Tr || c.DataAtom == atom.Caption) && !hasImage(c) {
					if textOf(c) != "" {
						out = append(out, c)
					}
					return false
				}
				return true
			})
			return out
		}
	}
	return nil
}

// maxCaption bounds the text of a caption paragraph (bytes).
const maxCaption = 300

// paragraphCaption finds the caption of an image inside paragraph p.
func paragraphCaption(img, p *html.Node) []*html.Node {
	t := textOf(p)
	if t != "" {
		if len(t) > maxCaption {
			return nil
		}
		var out []*html.Node
		for c := p.FirstChild; c != nil; c = c.NextSibling {
			if !isInside(img, c) && (c.Type == html.TextNode && strings.TrimFunc(c.Data, isSpace) != "" || c.Type == html.ElementNode && textOf(c) != "") {
				out = append(out, c)
			}
		}
		return out
	}
	next := p.NextSibling
	for next != nil && next.Type == html.TextNode && strings.TrimFunc(next.Data, isSpace) == "" {
		next = next.NextSibling
	}
	if next == nil || next.Type != html.ElementNode || next.DataAtom != atom.P || hasImage(next) {
		return nil
	}
	if nt := textOf(next); nt == "" || len(nt) > maxCaption || !allItalic(next) {
		return nil
	}
	return []*html.Node{next}
}

// allItalic reports whether every text inside n is in em or i.
func allItalic(n *html.Node) bool {
	ok := true
	var visit func(c *html.Node, it bool)
	visit = func(c *html.Node, it bool) {
		if c.Type == html.TextNode && strings.TrimFunc(c.Data, isSpace) != "" && !it {
			ok = false
		}
		if c.Type == html.ElementNode && (c.DataAtom == atom.Em || c.DataAtom == atom.I) {
			it = true
		}
		for ch := c.FirstChild; ch != nil && ok; ch = ch.NextSibling {
			visit(ch, it)
		}
	}
	visit(n, false)
	return ok
}

// toolbarText is the photo-table toolbar that leaks into vksndtc's text.
var toolbarText = regexp.MustCompile(`(?i)leftcenterrightdel`)
