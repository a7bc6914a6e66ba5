package extract

import (
	"net/url"
	"path"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// List finds the article links and next-page links of a list page. Preset
// selectors are tried first; whatever they miss, the generic heuristics find.
func (e *Extractor) List(page *url.URL, doc *goquery.Document) List {
	var out List
	if page == nil || doc == nil || len(doc.Nodes) == 0 {
		return out
	}
	root := doc.Nodes[0]
	next := firstMatching(page, root, e.nextPage)
	if len(next.list) == 0 && e.q.paginationActiveNext {
		next.addLink(page, activeNext(root))
	}
	if len(next.list) == 0 {
		next.add(page, genericNext(page, root))
	}
	arts := firstMatching(page, root, e.articleLinks)
	if len(arts.list) == 0 {
		for _, a := range genericArticleLinks(page, root, e.q.articleURL) {
			arts.add(page, a)
		}
	}
	for _, u := range arts.list {
		if !next.seen[u] {
			out.Articles = append(out.Articles, u)
		}
	}
	out.Next = next.list
	return out
}

// urlSet keeps absolute URLs unique and in order.
type urlSet struct {
	seen map[string]bool
	list []string
}

// firstMatching collects the links of the first selector that matches
// anything: the selectors are alternatives, most specific first.
func firstMatching(page *url.URL, root *html.Node, sels []selector) *urlSet {
	set := newURLSet()
	for _, s := range sels {
		for _, n := range s.MatchAll(root) {
			set.addLink(page, n)
		}
		if len(set.list) > 0 {
			break
		}
	}
	return set
}

func newURLSet() *urlSet { return &urlSet{seen: map[string]bool{}} }

func (s *urlSet) add(base *url.URL, ref string) {
	u, ok := resolve(base, ref)
	if !ok || s.seen[u] {
		return
	}
	s.seen[u] = true
	s.list = append(s.list, u)
}

// addLink adds n's href, or the first link inside n.
func (s *urlSet) addLink(base *url.URL, n *html.Node) {
	if n == nil {
		return
	}
	if n.DataAtom != atom.A && n.DataAtom != atom.Link {
		var a *html.Node
		walk(n, func(c *html.Node) bool {
			if a == nil && c.Type == html.ElementNode && c.DataAtom == atom.A && attr(c, "href") != "" {
				a = c
			}
			return a == nil
		})
		n = a
		if n == nil {
			return
		}
	}
	s.add(base, attr(n, "href"))
}

// activeNext returns the link after the active item of a pagination list.
func activeNext(root *html.Node) *html.Node {
	var out *html.Node
	walk(root, func(n *html.Node) bool {
		if out != nil {
			return false
		}
		if n.Type == html.ElementNode && n.DataAtom == atom.Li && hasClass(n, "active") && isPagination(n.Parent) {
			// NukeViet writes the active item of short pagers as
			// <li class="active"><a>N</a><li>: the parser then closes it and
			// adds an empty item, so the next item with a link is wanted.
			for s := n.NextSibling; s != nil; s = s.NextSibling {
				if s.Type == html.ElementNode && hasHrefLink(s) {
					out = s
					break
				}
			}
		}
		return true
	})
	return out
}

// hasHrefLink reports whether n is or holds a link with a real href (not javascript:).
func hasHrefLink(n *html.Node) bool {
	found := false
	walk(n, func(c *html.Node) bool {
		if c.Type == html.ElementNode && c.DataAtom == atom.A && attr(c, "href") != "" && !strings.HasPrefix(strings.TrimSpace(attr(c, "href")), "javascript:") {
			found = true
		}
		return !found
	})
	return found
}

func hasClass(n *html.Node, c string) bool {
	for _, f := range strings.Fields(attr(n, "class")) {
		if f == c {
			return true
		}
	}
	return false
}

func isPagination(n *html.Node) bool {
	return n != nil && strings.Contains(strings.ToLower(classID(n)), "pag")
}

// nextTexts are link texts that mean "next page", strongest first.
var nextTexts = []string{"trang sau", "trang tiếp", "tiếp theo", "tiếp", "sau", "next", "›", "»", ">", ">>"}

// pageParam matches a paging query key.
var pageParam = regexp.MustCompile(`(?i)^(page|trang|p|pageindex|pagenum|start)$`)

// pagePath matches paging path segments: /page/2, /page-2, /trang-2.
var pagePath = regexp.MustCompile(`(?i)(?:/page/|/page-|/trang-|/p)(\d+)(?:\.html?)?/?$`)

// currentPage is the page number of u (1 when unpaged).
func currentPage(u *url.URL) int {
	for k, v := range u.Query() {
		if pageParam.MatchString(k) && len(v) > 0 {
			if n, err := strconv.Atoi(v[0]); err == nil {
				return n
			}
		}
	}
	if m := pagePath.FindStringSubmatch(u.Path); m != nil {
		if n, err := strconv.Atoi(m[1]); err == nil {
			return n
		}
	}
	return 1
}

// genericNext finds the next list page: rel=next, then a link whose text
// says next, then the link to the following page number.
func genericNext(page *url.URL, root *html.Node) string {
	var relNext string
	var links []*html.Node
	walk(root, func(n *html.Node) bool {
		if n.Type != html.ElementNode {
			return true
		}
		if (n.DataAtom == atom.A || n.DataAtom == atom.Link) && attr(n, "href") != "" {
			if relNext == "" && strings.Contains(" "+strings.ToLower(attr(n, "rel"))+" ", " next ") {
				relNext = attr(n, "href")
			}
			if n.DataAtom == atom.A {
				links = append(links, n)
			}
			return false
		}
		return true
	})
	if relNext != "" {
		return relNext
	}
	for _, want := range nextTexts {
		for _, a := range links {
			t := strings.ToLower(firstNonEmpty(textOf(a), attr(a, "title"), attr(a, "aria-label")))
			if t == want || (utf8.RuneCountInString(want) > 3 && strings.HasPrefix(t, want) && utf8.RuneCountInString(t) < 20) {
				if u, ok := resolve(page, attr(a, "href")); ok && u != page.String() {
					return attr(a, "href")
				}
			}
		}
	}
	cur := currentPage(page)
	want := strconv.Itoa(cur + 1)
	for _, a := range links {
		u, ok := resolve(page, attr(a, "href"))
		if !ok {
			continue
		}
		pu, err := url.Parse(u)
		if err != nil || !sameHost(pu.Hostname(), page.Hostname()) {
			continue
		}
		if textOf(a) == want && currentPage(pu) == cur+1 {
			return attr(a, "href")
		}
	}
	for _, a := range links {
		u, _ := resolve(page, attr(a, "href"))
		if pu, err := url.Parse(u); err == nil && u != "" && pu.Path == page.Path && currentPage(pu) == cur+1 {
			return attr(a, "href")
		}
	}
	return ""
}

// fileExt are links to files, not pages.
var fileExt = map[string]bool{
	".pdf": true, ".doc": true, ".docx": true, ".xls": true, ".xlsx": true, ".ppt": true, ".pptx": true,
	".zip": true, ".rar": true, ".7z": true, ".jpg": true, ".jpeg": true, ".png": true, ".gif": true,
	".mp3": true, ".mp4": true, ".avi": true, ".txt": true, ".xml": true, ".rss": true,
}

// notArticlePath matches category, tag, search, paging and static pages.
var notArticlePath = regexp.MustCompile(`(?i)/(tag|tags|category|categories|chuyen-muc|danh-muc|search|tim-kiem|lien-he|contact|gioi-thieu|sitemap|rss|feed|login|dang-nhap|author|page)(/|$)|/page-\d+|[?&](page|trang|cat|catid|category|cid|menuid|mid)=`)

// articleURL matches URLs that look like one article: an id, a long slug,
// a .html page or an id query.
var articleURL = regexp.MustCompile(`(?i)(\d{3,}|[a-z0-9]+(-[a-z0-9]+){3,}|\.html?$|\.aspx\?.*id=|[?&](id|newsid|itemid|articleid|nid|tid)=\d+)`)

// sectionPath matches a site section: one or two plain path segments.
var sectionPath = regexp.MustCompile(`^/?([^/.]+/?){0,2}$`)

// genericArticleLinks finds headline links in the main content: links whose
// text reads like a headline (several words), outside menus, headers,
// footers and sidebars, whose URL looks like an article page or that stand
// in a run of at least three sibling blocks of the same shape.
func genericArticleLinks(page *url.URL, root *html.Node, urlHint *regexp.Regexp) []string {
	type cand struct {
		href  string
		shape string
		looks bool
	}
	var cands []cand
	shapes := map[string]int{}
	walk(root, func(n *html.Node) bool {
		if n.Type != html.ElementNode {
			return true
		}
		if isFurniture(n) {
			return false
		}
		if n.DataAtom != atom.A {
			return true
		}
		u, ok := resolve(page, attr(n, "href"))
		if !ok || u == page.String() {
			return false
		}
		pu, err := url.Parse(u)
		if err != nil || fileExt[strings.ToLower(path.Ext(pu.Path))] {
			return false
		}
		if urlHint != nil && urlHint.MatchString(pu.Path) {
			cands = append(cands, cand{href: u, looks: true})
			return false
		}
		if pu.Path == "" || pu.Path == "/" && pu.RawQuery == "" || notArticlePath.MatchString(pu.RequestURI()) {
			return false
		}
		t := firstNonEmpty(textOf(n), attr(n, "title"))
		words := len(strings.Fields(t))
		if words < 4 || utf8.RuneCountInString(t) > 300 {
			return false
		}
		looks := articleURL.MatchString(pu.RequestURI())
		if !looks && (words < 6 || sectionPath.MatchString(pu.Path) && pu.RawQuery == "") {
			// Menu labels are short and point at sections; headlines
			// without an article-like URL must read like sentences.
			return false
		}
		sh := shape(n)
		shapes[sh]++
		cands = append(cands, cand{href: u, shape: sh, looks: looks})
		return false
	})
	var out []string
	for _, c := range cands {
		if c.looks || shapes[c.shape] >= 3 {
			out = append(out, c.href)
		}
	}
	return out
}

// shape names a link's position: the tags and classes of its ancestors up
// to the repeated block (three levels), so headlines in one list share it.
func shape(n *html.Node) string {
	var b strings.Builder
	p := n.Parent
	for i := 0; i < 4 && p != nil && p.Type == html.ElementNode; i++ {
		b.WriteString(p.Data)
		b.WriteByte('.')
		b.WriteString(attr(p, "class"))
		b.WriteByte('/')
		p = p.Parent
	}
	return b.String()
}
