package sampleportals

import (
	"bytes"
	"embed"
	"fmt"
	"html"
	"html/template"
	"net/url"
	"strings"
)

//go:embed templates/*.html templates/*.xml
var templateFS embed.FS

// originToken stands for "scheme://host:port" in pre-rendered pages. The
// port is only known when a listener exists, so the handler substitutes the
// request's own origin when it serves a page.
const originToken = "__SAMPLEPORTAL_ORIGIN__"

// originQueryToken stands for the origin escaped as a query value, for
// share links that carry the page URL in their query string.
const originQueryToken = "__SAMPLEPORTAL_ORIGINQ__"

// Content types of the responses.
const (
	typeHTML     = "text/html; charset=utf-8"
	typeHTMLBare = "text/html" // the windows-1258 page: charset only in <meta>
	typeRSS      = "application/rss+xml; charset=utf-8"
	typeText     = "text/plain; charset=utf-8"
	typeXML      = "application/xml; charset=utf-8"
	typeJSON     = "application/json; charset=UTF-8"
)

// page is one pre-rendered response body.
type page struct {
	body        []byte
	contentType string
	headers     map[string]string // extra response headers (X-WP-TotalPages)
}

// siteBuild is everything one site serves, rendered at start-up.
type siteBuild struct {
	site     Site
	pages    map[string]page       // route key -> page
	route    func(*url.URL) string // request URL -> route key
	lists    []string              // list page paths (+query), in order
	missing  []string              // paths that list pages link to but that answer 404
	private  []string              // paths under a robots.txt-disallowed prefix
	expected []Expected
	clean    map[string]string // expected path -> clean body text (for tests)
	// listDated are expected paths with no date of their own whose lists
	// of other articles show dates: the page's only dates are not its own.
	listDated map[string]bool
}

// add stores a page under a route key; a duplicate key is a bug in a builder.
func (b *siteBuild) add(key, contentType string, body []byte) error {
	if _, dup := b.pages[key]; dup {
		return fmt.Errorf("site %s: two pages at %s", b.site.Name, key)
	}
	b.pages[key] = page{body: body, contentType: contentType}
	return nil
}

// render executes a template and stores the HTML page under key.
func (b *siteBuild) render(t *template.Template, name, key string, data any) error {
	body, err := execute(t, name, data)
	if err != nil {
		return err
	}
	return b.add(key, typeHTML, body)
}

// newBuild returns an empty build for site.
func newBuild(site Site, route func(*url.URL) string) *siteBuild {
	return &siteBuild{site: site, pages: map[string]page{}, route: route, clean: map[string]string{}}
}

// execute renders the named template into bytes.
func execute(t *template.Template, name string, data any) ([]byte, error) {
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, name, data); err != nil {
		return nil, fmt.Errorf("render %s: %w", name, err)
	}
	// html/template writes "+" in attributes as "&#43;"; the CMSes print it
	// literally (datetime="2021-01-25T15:30:00+07:00"), and so do we.
	return bytes.ReplaceAll(buf.Bytes(), []byte("&#43;"), []byte("+")), nil
}

// parseTemplates parses templates/<file> with the shared helper functions.
func parseTemplates(file string) (*template.Template, error) {
	t, err := template.New(file).Funcs(template.FuncMap{
		"origin":  func() string { return originToken },
		"originq": func() string { return originQueryToken },
	}).ParseFS(templateFS, "templates/"+file)
	if err != nil {
		return nil, fmt.Errorf("parse template %s: %w", file, err)
	}
	return t, nil
}

// link is an anchor on a page.
type link struct {
	ID                        int
	URL, Title, Date, DateISO string
	Summary, Image            string
}

// pager describes one list page's position in its pagination.
type pager struct {
	Page, Pages int
	Prev, Next  string // URLs, "" at the ends
	Numbers     []pageNumber
}

// pageNumber is one numbered link of a pagination bar.
type pageNumber struct {
	N       int
	URL     string
	Current bool
}

// paginate splits n items into pages of size per page and returns, for each
// page, the index range and the pager built with urlOf(pageNumber).
func paginate(n, size int, urlOf func(int) string) ([][2]int, []pager) {
	pages := (n + size - 1) / size
	var ranges [][2]int
	var pagers []pager
	for p := 1; p <= pages; p++ {
		lo, hi := (p-1)*size, min(p*size, n)
		ranges = append(ranges, [2]int{lo, hi})
		pg := pager{Page: p, Pages: pages}
		if p > 1 {
			pg.Prev = urlOf(p - 1)
		}
		if p < pages {
			pg.Next = urlOf(p + 1)
		}
		for q := 1; q <= pages; q++ {
			pg.Numbers = append(pg.Numbers, pageNumber{N: q, URL: urlOf(q), Current: q == p})
		}
		pagers = append(pagers, pg)
	}
	return ranges, pagers
}

// renderBlocks writes an article body as HTML: paragraphs through para, photos
// through photo (index counts photos from 1), then the raw HTML payload.
func renderBlocks(a *articleData, para func(text string) string, photo func(index int, caption string) string) template.HTML {
	var b strings.Builder
	n := 0
	for _, bl := range a.blocks() {
		if bl.Image {
			n++
			b.WriteString(photo(n, html.EscapeString(bl.Text)))
		} else {
			b.WriteString(para(html.EscapeString(bl.Text)))
		}
		b.WriteByte('\n')
	}
	b.WriteString(a.RawHTML)
	return template.HTML(b.String()) // escaped text plus the deliberate payload
}

// pickExcludes returns the candidates that a clean body must not contain and
// that the body text really does not contain (so the expectation is fair).
func pickExcludes(clean string, candidates ...string) []string {
	var out []string
	seen := map[string]bool{}
	for _, c := range candidates {
		if c == "" || seen[c] || strings.Contains(clean, c) {
			continue
		}
		seen[c] = true
		out = append(out, c)
	}
	return out
}

// expect records the expectation for an article served at path.
func (b *siteBuild) expect(a *articleData, path string, excludes []string) {
	e := Expected{
		Site:         b.site.Name,
		Path:         path,
		Title:        a.Title,
		BodyContains: append([]string(nil), a.Contains...),
		BodyExcludes: excludes,
	}
	if !a.published.IsZero() {
		e.Published = a.published.Format("2006-01-02")
	}
	for _, bl := range a.blocks() {
		if bl.Image {
			e.Captions = append(e.Captions, bl.Text)
		}
	}
	b.expected = append(b.expected, e)
	b.clean[path] = a.cleanText()
}

// robotsAllowAll is the robots.txt of sites that disallow nothing.
const robotsAllowAll = "User-agent: *\nDisallow:\n"
