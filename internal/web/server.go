// Package web serves the JSON API of DESIGN.md ("The HTTP API") and the
// operational endpoints (/healthz, /metrics). It declares the small
// interfaces it needs (a searcher, an article lookup, the sources' health,
// a crawl trigger); cmd/vksnews wires the real store, index and pipeline.
package web

import (
	"context"
	"crypto/subtle"
	_ "embed"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/vksnews/vksnews/index"
	"github.com/vksnews/vksnews/internal/article"
	"github.com/vksnews/vksnews/internal/filter"
	"github.com/vksnews/vksnews/internal/health"
)

// Searcher runs searches; *index.Index satisfies it.
type Searcher interface {
	Search(ctx context.Context, req index.Request) (index.Result, error)
	// ForEachMatch calls fn with every match, however many (exports).
	ForEachMatch(ctx context.Context, q string, f filter.Filters, loc *time.Location, fn func(article.Article) error) error
}

// ErrCrawlRunning is returned by a crawl trigger when a crawl is under way.
var ErrCrawlRunning = errors.New("a crawl is already running")

// Server is the HTTP API. Every field but Logger and Registry is required;
// a nil StartCrawl or an empty AdminToken disables POST /api/crawl.
type Server struct {
	Search   Searcher
	Article  func(ctx context.Context, id string) (article.Article, bool, error)
	Sources  func(ctx context.Context) ([]Source, error)
	Location *time.Location
	// StartCrawl starts a crawl in the background and returns at once.
	StartCrawl func() error
	AdminToken string
	Registry   *prometheus.Registry
	Logger     *slog.Logger
	// Mails lists the digest emails the demo's in-process mail sink
	// received, oldest first, for the /digests page; nil shows that no
	// sink is configured.
	Mails func(ctx context.Context) ([]Mail, error)
	// DigestPreview builds, without sending, the digest of subscription
	// number sub (0-based, in config order) for /digests/preview; an
	// unknown number wraps ErrNoSubscription. Nil disables the preview.
	DigestPreview func(ctx context.Context, sub int) (subject, text, html string, err error)
	// MaxExports bounds the exports (/export.csv, /export.jsonl) served at
	// once; more get a 429. Zero means DefaultMaxExports.
	MaxExports int
	// DigestLast returns the last digest subscription sub sent (when, and
	// its parts), ok false when none was; nil shows none.
	DigestLast func(ctx context.Context, sub int) (when time.Time, subject, text, html string, ok bool, err error)
	// SubscriptionNames names the config's subscriptions, in order, for
	// the preview's picker; nil numbers them instead.
	SubscriptionNames func() []string
	// StartRenormalize reapplies the normalization rules to the archive in
	// the background (the sources page's admin button); nil hides it. It
	// returns ErrCrawlRunning while one runs.
	StartRenormalize func() error
	// Saved holds the saved searches of /api/saved-searches and /saved;
	// nil disables them.
	Saved SavedSearches

	build   sync.Once // builds handler, once
	handler http.Handler
	metrics *httpMetrics
	exports chan struct{} // one token per export in flight
	ui      *ui
}

// Source is one row of GET /api/sources.
type Source struct {
	Portal      string     `json:"portal"`
	Title       string     `json:"title"`
	URL         string     `json:"url"`
	LastRun     *time.Time `json:"last_crawl"`
	LastSuccess *time.Time `json:"last_success"`
	NextRun     *time.Time `json:"next_crawl"`
	Status      string     `json:"status"`
	LastError   string     `json:"last_error"`
	Articles    int        `json:"articles"`
	Errors      int        `json:"errors"`  // failed pages in the last crawl
	Refused     int        `json:"refused"` // among them, pages extraction refused as not an article
	Health      Health     `json:"extraction_health"`
	Backoff     Backoff    `json:"backoff"`
}

// Backoff counts the URLs a portal's crawls hold back: pages that answered
// 404/410 or were not articles (waiting for a later try, or dropped after
// several), and pages whose server asked to wait (429/503 Retry-After).
type Backoff struct {
	Waiting   int `json:"waiting"`
	Dropped   int `json:"dropped"`
	Throttled int `json:"throttled"`
}

// Health is the share of a portal's articles in which extraction found
// each fact; a template change on a portal shows up as a drop.
type Health struct {
	Articles      int     `json:"articles"`
	WithDate      float64 `json:"with_date"`
	WithUnit      float64 `json:"with_unit"`
	WithEventType float64 `json:"with_event_type"`
	WithBody      float64 `json:"with_body"`
	// Warnings name the shares that dropped sharply in the portal's newest
	// articles against its own history (internal/health): a template change.
	Warnings []string `json:"warnings,omitempty"`
	// Drops are the Warnings as data, which the sources page words in
	// Vietnamese.
	Drops []health.Drop `json:"-"`
}

//go:embed openapi.json
var openAPI []byte

// Handler returns the routes of the API and the UI. The handler is built on
// the first call, which also fills in a nil Logger and Registry; later calls
// return the same handler, since its metrics can be registered only once.
func (s *Server) Handler() http.Handler {
	s.build.Do(func() { s.handler = s.newHandler() })
	return s.handler
}

// newHandler builds the handler that Handler returns.
func (s *Server) newHandler() http.Handler {
	if s.Logger == nil {
		s.Logger = slog.New(slog.DiscardHandler)
	}
	if s.Registry == nil {
		s.Registry = prometheus.NewRegistry()
	}
	s.metrics = newHTTPMetrics(s.Registry)
	mux := http.NewServeMux()
	s.route(mux, "GET /api/search", s.handleSearch)
	s.route(mux, "GET /api/articles/{id}", s.handleArticle)
	s.route(mux, "GET /api/sources", s.handleSources)
	s.route(mux, "POST /api/crawl", s.handleCrawl)
	s.route(mux, "GET /api/codes", s.handleCodes)
	s.route(mux, "GET /api/saved-searches", s.handleSavedList)
	s.route(mux, "POST /api/saved-searches", s.handleSavedPost)
	s.route(mux, "GET /api/saved-searches/{id}", s.handleSavedGet)
	s.route(mux, "DELETE /api/saved-searches/{id}", s.handleSavedDelete)
	s.route(mux, "GET /api/openapi.json", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Write(openAPI)
	})
	s.route(mux, "GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
	})
	mux.Handle("GET /metrics", promhttp.HandlerFor(s.Registry, promhttp.HandlerOpts{}))
	s.route(mux, "/api/", s.fallback(mux, "/api/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, "no such API route: "+quoteInput(r.Method)+" "+quoteInput(r.URL.Path))
	}))
	s.uiRoutes(mux)
	return s.harden(mux)
}

// route registers h under pattern with metrics and panic recovery.
func (s *Server) route(mux *http.ServeMux, pattern string, h http.HandlerFunc) {
	name := pattern
	if _, p, ok := strings.Cut(pattern, " "); ok {
		name = p
	}
	mux.Handle(pattern, s.metrics.wrap(name, s.recoverer(h)))
}

// recoverer turns a panic into a 500 with a JSON error and a log line, so
// one bad request cannot take the server down.
func (s *Server) recoverer(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				s.Logger.Error("panic in handler", "path", r.URL.Path, "panic", v)
				writeError(w, http.StatusInternalServerError, "internal error")
			}
		}()
		h(w, r)
	}
}

func (s *Server) handleCrawl(w http.ResponseWriter, r *http.Request) {
	if s.StartCrawl == nil || s.AdminToken == "" {
		writeError(w, http.StatusForbidden, "crawling through the API is disabled (set VKSNEWS_ADMIN_TOKEN)")
		return
	}
	token, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	if !ok || subtle.ConstantTimeCompare([]byte(token), []byte(s.AdminToken)) != 1 {
		w.Header().Set("WWW-Authenticate", `Bearer realm="vksnews"`)
		writeError(w, http.StatusUnauthorized, "missing or wrong bearer token")
		return
	}
	if err := s.StartCrawl(); err != nil {
		if errors.Is(err, ErrCrawlRunning) {
			writeError(w, http.StatusConflict, err.Error())
			return
		}
		s.Logger.Error("start crawl", "err", err)
		writeError(w, http.StatusInternalServerError, "could not start the crawl")
		return
	}
	writeJSON(w, http.StatusAccepted, map[string]string{"status": "started"})
}

func writeJSON(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(code)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.Encode(v)
}

// apiError is the body of every error answer.
type apiError struct {
	Error string `json:"error"`
}
