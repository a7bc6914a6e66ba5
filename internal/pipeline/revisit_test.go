package pipeline

import (
	"context"
	"crypto/sha256"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/vksnews/vksnews/config"
	"github.com/vksnews/vksnews/internal/article"
	"github.com/vksnews/vksnews/internal/store"
)

// site is a small portal whose pages a test changes between crawls: a list
// page, articles, a menu link that answers 404 and a page that answers
// 429 (Retry-After: 1) to its first request. It answers conditional GETs
// and records every request.
type site struct {
	mu     sync.Mutex
	pages  map[string]string // path → title; the list links to each
	order  []string          // list order, newest first
	busy   bool              // /busy.html answered 429 once already
	reqs   map[string][]time.Time
	server *httptest.Server
}

func newSite(t *testing.T) *site {
	s := &site{pages: map[string]string{}, reqs: map[string][]time.Time{}}
	s.server = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.server.Close)
	return s
}

func (s *site) add(path, title string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.pages[path]; !ok {
		s.order = append([]string{path}, s.order...)
	}
	s.pages[path] = title
}

func (s *site) requests(path string) []time.Time {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.reqs[path]
}

func (s *site) total() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, r := range s.reqs {
		n += len(r)
	}
	return n
}

func (s *site) serve(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.reqs[r.URL.Path] = append(s.reqs[r.URL.Path], time.Now())
	var body string
	switch p := r.URL.Path; {
	case p == "/tin-tuc/":
		body = "<html><body><h1>Tin tức</h1>"
		for _, a := range s.order {
			body += fmt.Sprintf(`<div><a class="art" href="%s">%s</a></div>`, a, s.pages[a])
		}
		body += `<a class="art" href="/gioi-thieu.html">Giới thiệu</a></body></html>`
	case p == "/gioi-thieu.html":
		http.NotFound(w, r)
		return
	case p == "/busy.html" && !s.busy:
		s.busy = true
		w.Header().Set("Retry-After", "1")
		http.Error(w, "slow down", http.StatusTooManyRequests)
		return
	case s.pages[p] != "":
		body = fmt.Sprintf(`<html><body><h1>%s</h1><p class="date">04/02/2026</p>`+
			`<div class="body"><p>Ngày 04 tháng 02 năm 2026, Viện kiểm sát nhân dân tỉnh Khánh Hòa tổ chức hội nghị: %s.</p></div></body></html>`, s.pages[p], s.pages[p])
	default:
		http.NotFound(w, r)
		return
	}
	etag := fmt.Sprintf(`"%x"`, sha256.Sum256([]byte(body)))
	if r.Header.Get("If-None-Match") == etag {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	w.Header().Set("ETag", etag)
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	fmt.Fprint(w, body)
}

// TestRevisitAndBackoff crawls a changing portal at simulated times: a
// 404 link is not fetched on the next crawl, a 429 with Retry-After: 1 is
// fetched again a second later, a changed article is picked up when its
// revisit is due (its previous version kept), and a quiet recrawl makes
// only the list request, robots.txt and the revisits that are due.
func TestRevisitAndBackoff(t *testing.T) {
	s := newSite(t)
	s.add("/a1.html", "Hội nghị một")
	s.add("/a2.html", "Hội nghị hai")
	s.add("/busy.html", "Hội nghị bận")
	st, err := store.Open(filepath.Join(t.TempDir(), "vksnews.db"), time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	cfg := config.Default()
	cfg.Crawl.Delay = 0
	cfg.Portals = []config.Portal{{Name: "test", Preset: "generic", StartURLs: []string{s.server.URL + "/tin-tuc/"},
		Selectors: config.Selectors{ArticleLinks: "a.art", Title: "h1", Published: ".date", Body: ".body"}}}
	t0 := time.Date(2026, 2, 4, 8, 0, 0, 0, time.UTC)
	now := t0
	p := &Pipeline{Config: cfg, Store: st, Now: func() time.Time { return now }}
	crawl := func(at time.Duration) Summary {
		t.Helper()
		now = t0.Add(at)
		sums, err := p.Crawl(context.Background(), nil, Options{})
		if err != nil || sums[0].Err != nil {
			t.Fatalf("crawl at %s: %v, %v", at, err, sums[0].Err)
		}
		return sums[0]
	}

	sum := crawl(0)
	if sum.New != 3 {
		t.Fatalf("first crawl: %d new, want 3 (%v)", sum.New, sum.Errors)
	}
	busy := s.requests("/busy.html")
	if len(busy) != 2 || busy[1].Sub(busy[0]) < time.Second {
		t.Fatalf("429 with Retry-After: 1: requests at %v, want two a second apart", busy)
	}
	if n := len(s.requests("/gioi-thieu.html")); n != 1 {
		t.Fatalf("404 link fetched %d times in the first crawl", n)
	}

	// An hour later: a new article on the list, a corrected one. Nothing
	// is due for a revisit, and the 404 link waits.
	s.add("/a3.html", "Hội nghị ba")
	s.add("/a2.html", "Hội nghị hai (đã sửa)")
	sum = crawl(time.Hour)
	if sum.New != 1 || sum.Updated != 0 || sum.Avoided != 1 {
		t.Errorf("second crawl: %+v; want 1 new, 0 updated, 1 link avoided", sum)
	}
	if n := len(s.requests("/gioi-thieu.html")); n != 1 {
		t.Errorf("404 link fetched again on the next crawl (%d requests)", n)
	}
	if n := len(s.requests("/a2.html")); n != 1 {
		t.Errorf("a2 fetched %d times before its revisit was due", n)
	}

	// A day later: the revisits are due; a2 changed and is updated.
	sum = crawl(25 * time.Hour)
	if sum.Updated != 1 || sum.Revisited != 4 {
		t.Errorf("third crawl: %+v; want 1 updated of 4 revisited", sum)
	}
	id := article.IDFor(s.server.URL + "/a2.html")
	rec, _, _ := st.Get(id)
	if rec.Article.Title != "Hội nghị hai (đã sửa)" {
		t.Errorf("a2 title after its revisit: %q", rec.Article.Title)
	}
	if hist, err := st.History(id); err != nil || len(hist) != 1 || hist[0].Article.Title != "Hội nghị hai" {
		t.Errorf("a2 history: %d versions, %v; want the first one", len(hist), err)
	}
	state, _, _ := st.PortalState("test")
	if b := state.Backoff[s.server.URL+"/gioi-thieu.html"]; b.Tries != 2 || b.Reason != "gone" {
		t.Errorf("404 link back-off after its second failure: %+v", b)
	}

	// Quiet: the list answers 304, nothing is due.
	before := s.total()
	sum = crawl(26 * time.Hour)
	if got := s.total() - before; got > 2 || sum.Revisited != 0 {
		t.Errorf("quiet recrawl made %d requests (%d revisits), want at most the list and robots.txt", got, sum.Revisited)
	}
}
