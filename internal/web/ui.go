package web

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"time"

	"github.com/microcosm-cc/bluemonday"
)

// The HTML UI: server-rendered pages in Vietnamese over the same search code
// as the JSON API. Every asset is embedded so that the UI works offline.

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// Mail is one message the demo's mail sink received (a digest email).
type Mail struct {
	To       []string
	Subject  string
	Received time.Time
	Text     string
	HTML     string
}

// ErrNoSubscription is wrapped by a DigestPreview error for a subscription
// number that does not exist; the preview page answers it with a 404.
var ErrNoSubscription = errors.New("no such subscription")

// contentSecurityPolicy allows only our own scripts, styles and frames: no
// inline script can run even if some text escaped the templates.
const contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"frame-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'"

// pageNames are the page templates; each is parsed with layout.html.
var pageNames = []string{"search", "article", "official", "sources", "digests", "preview", "error", "saved", "apidocs", "unit", "compare"}

// ui holds what the HTML pages need, built once by uiRoutes.
type ui struct {
	pages  map[string]*template.Template
	assets map[string]asset // by file name under static/
	// marks lets through the <mark> elements of the index's highlights
	// and nothing else.
	marks *bluemonday.Policy
	// email sanitizes a digest's HTML part before it is shown in a
	// sandboxed frame.
	email *bluemonday.Policy
}

// asset is one embedded static file.
type asset struct {
	body        []byte
	hash        string // hex prefix of its SHA-256, in URLs and the ETag
	contentType string
}

func newUI() (*ui, error) {
	u := &ui{pages: map[string]*template.Template{}, assets: map[string]asset{}}
	u.marks = bluemonday.NewPolicy()
	u.marks.AllowElements("mark")
	u.email = bluemonday.UGCPolicy()
	err := fs.WalkDir(staticFS, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := staticFS.ReadFile(p)
		if err != nil {
			return fmt.Errorf("read %s: %w", p, err)
		}
		sum := sha256.Sum256(b)
		ct := mime.TypeByExtension(path.Ext(p))
		if ct == "" {
			ct = "application/octet-stream"
		}
		u.assets[path.Base(p)] = asset{body: b, hash: hex.EncodeToString(sum[:6]), contentType: ct}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("static assets: %w", err)
	}
	funcs := u.funcs()
	for _, name := range pageNames {
		t, err := template.New(name).Funcs(funcs).ParseFS(templateFS, "templates/layout.html", "templates/charts.html", "templates/"+name+".html")
		if err != nil {
			return nil, fmt.Errorf("parse template %s: %w", name, err)
		}
		u.pages[name] = t
	}
	return u, nil
}

// uiRoutes registers the HTML pages, the exports and the static files.
func (s *Server) uiRoutes(mux *http.ServeMux) {
	u, err := newUI()
	if err != nil {
		// The templates and assets are embedded: this is a build defect
		// that every test catches, not a runtime condition.
		panic(err)
	}
	s.ui = u
	s.route(mux, "GET /{$}", s.handleSearchPage)
	s.route(mux, "GET /articles/{id}", s.handleArticlePage)
	s.route(mux, "GET /officials/{name}", s.handleOfficialPage)
	s.route(mux, "GET /units/{name}", s.handleUnitPage)
	s.route(mux, "GET /compare", s.handleComparePage)
	s.route(mux, "GET /sources", s.handleSourcesPage)
	s.route(mux, "POST /sources/crawl", func(w http.ResponseWriter, r *http.Request) { s.adminForm(s.StartCrawl, "crawl")(w, r) })
	s.route(mux, "POST /sources/renormalize", func(w http.ResponseWriter, r *http.Request) {
		s.adminForm(s.StartRenormalize, "renormalize")(w, r)
	})
	s.route(mux, "GET /digests", s.handleDigestsPage)
	s.route(mux, "GET /digests/preview", s.handleDigestPreview)
	s.route(mux, "GET /api/docs", s.handleAPIDocs)
	s.route(mux, "GET /saved", s.handleSavedPage)
	s.route(mux, "POST /saved", s.handleSavedForm)
	s.route(mux, "POST /saved/{id}/delete", s.handleSavedDeleteForm)
	s.route(mux, "GET /export.csv", s.limitExports(s.handleExportCSV))
	s.route(mux, "GET /export.jsonl", s.limitExports(s.handleExportJSONL))
	s.route(mux, "GET /feed.atom", s.handleFeed)
	s.route(mux, "GET /static/{file}", s.handleStatic)
	s.route(mux, "/", s.fallback(mux, "/", func(w http.ResponseWriter, r *http.Request) {
		s.renderError(w, r, http.StatusNotFound, "Không có trang này: "+r.URL.Path)
	}))
}

// setSecurityHeaders sets the headers every UI answer carries.
func setSecurityHeaders(h http.Header) {
	h.Set("Content-Security-Policy", contentSecurityPolicy)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "same-origin")
	h.Set("X-Frame-Options", "SAMEORIGIN")
}

// page is what the layout needs from every page.
type page struct {
	Title string
	Nav   string // the active navigation entry
	Data  any
}

// render executes a page template into a buffer first, so that a template
// error becomes a clean 500 instead of half a page.
func (s *Server) render(w http.ResponseWriter, status int, name string, p page) {
	var buf bytes.Buffer
	if err := s.ui.pages[name].ExecuteTemplate(&buf, "layout", p); err != nil {
		s.Logger.Error("render page", "page", name, "err", err)
		setSecurityHeaders(w.Header())
		http.Error(w, "Lỗi khi hiển thị trang", http.StatusInternalServerError)
		return
	}
	setSecurityHeaders(w.Header())
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

// errorView is the data of the error page.
type errorView struct{ Heading, Msg string }

// renderError shows msg on the error page with status.
func (s *Server) renderError(w http.ResponseWriter, r *http.Request, status int, msg string) {
	title := "Không thực hiện được"
	switch status {
	case http.StatusNotFound:
		title = "Không tìm thấy"
	case http.StatusBadRequest:
		title = "Yêu cầu không hợp lệ"
	}
	s.render(w, status, "error", page{Title: title, Data: errorView{Heading: title, Msg: msg}})
}

// handleStatic serves an embedded file. Its URL carries its content hash
// (?v=…), so it can be cached for a year; the ETag covers old URLs.
func (s *Server) handleStatic(w http.ResponseWriter, r *http.Request) {
	a, ok := s.ui.assets[r.PathValue("file")]
	if !ok {
		http.NotFound(w, r)
		return
	}
	h := w.Header()
	setSecurityHeaders(h)
	etag := `"` + a.hash + `"`
	h.Set("ETag", etag)
	h.Set("Cache-Control", "public, max-age=31536000, immutable")
	h.Set("Content-Type", a.contentType)
	if r.Header.Get("If-None-Match") == etag {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	w.Write(a.body)
}

// loc is the zone dates are shown in.
func (s *Server) loc() *time.Location {
	if s.Location != nil {
		return s.Location
	}
	return vietnam
}

// vietnam is Asia/Ho_Chi_Minh without the tz database (no DST since 1975).
var vietnam = time.FixedZone("ICT", 7*3600)
