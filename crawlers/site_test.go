package crawlers

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/vksnews/vksnews/crawlers/extract"
)

// testSite is a small WordPress-style portal served by the test itself,
// with hooks to misbehave and a log of the requests it received.
type testSite struct {
	*httptest.Server
	mu       sync.Mutex
	requests []*http.Request
	inFlight int
	maxPar   int
	pages    map[string]http.HandlerFunc
}

func newTestSite(t *testing.T) *testSite {
	t.Helper()
	s := &testSite{pages: map[string]http.HandlerFunc{}}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.Close)
	return s
}

func (s *testSite) serve(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.requests = append(s.requests, r.Clone(context.Background()))
	s.inFlight++
	s.maxPar = max(s.maxPar, s.inFlight)
	h, ok := s.pages[r.URL.RequestURI()]
	if !ok {
		h, ok = s.pages[r.URL.Path]
	}
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		s.inFlight--
		s.mu.Unlock()
	}()
	if !ok {
		http.NotFound(w, r)
		return
	}
	h(w, r)
}

// handle registers a handler for a path (with query).
func (s *testSite) handle(path string, h http.HandlerFunc) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.pages[path] = h
}

// html registers a static HTML page with validators.
func (s *testSite) html(path, body string) {
	etag := fmt.Sprintf(`"%x"`, len(body)*31+len(path))
	s.handle(path, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("ETag", etag)
		if r.Header.Get("If-None-Match") == etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, body)
	})
}

// count returns how many requests asked for path (with query).
func (s *testSite) count(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, r := range s.requests {
		if r.URL.RequestURI() == path {
			n++
		}
	}
	return n
}

// paths returns every requested path, in order.
func (s *testSite) paths() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []string
	for _, r := range s.requests {
		out = append(out, r.URL.RequestURI())
	}
	return out
}

func (s *testSite) reset() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.requests = nil
}

// wpList renders a WordPress category page linking to hrefs, with an
// optional next-page link.
func wpList(next string, hrefs ...string) string {
	var b strings.Builder
	b.WriteString(`<!doctype html><html><head><title>Tin hoạt động – VKSND tỉnh Trà Vinh</title></head><body>
<nav class="main-navigation"><ul><li><a href="/">Trang chủ</a></li><li><a href="/gioi-thieu/">Giới thiệu</a></li></ul></nav>
<main id="main" class="site-main">`)
	for i, h := range hrefs {
		fmt.Fprintf(&b, `<article class="post type-post status-publish"><header class="entry-header"><h2 class="entry-title"><a href="%s" rel="bookmark">Viện kiểm sát nhân dân tổ chức hội nghị số %d</a></h2></header></article>`, h, i+1)
	}
	if next != "" {
		fmt.Fprintf(&b, `<nav class="pagination"><a class="next page-numbers" href="%s">Trang sau</a></nav>`, next)
	}
	b.WriteString(`</main><footer><a href="https://www.facebook.com/vksnd">Facebook</a></footer></body></html>`)
	return b.String()
}

// wpArticle renders a WordPress single post.
func wpArticle(title, date string) string {
	return `<!doctype html><html><head><title>` + title + ` – VKSND tỉnh Trà Vinh</title></head><body>
<article class="post type-post status-publish"><header class="entry-header"><h1 class="entry-title">` + title + `</h1>
<div class="entry-meta"><time class="entry-date published" datetime="` + date + `">` + date + `</time></div></header>
<div class="entry-content"><p>Ngày 25/01/2021, Viện kiểm sát nhân dân huyện Tiểu Cần tổ chức Hội nghị triển khai công tác kiểm sát năm 2021.</p>
<p>Hội nghị đã thông qua báo cáo tổng kết công tác năm 2020 và đề ra các giải pháp thực hiện đạt hiệu quả.</p></div>
</article></body></html>`
}

// memState is a State backed by maps, as the store would answer.
type memState struct {
	mu         sync.Mutex
	known      map[string]bool
	validators map[string]Validators
}

func newMemState() *memState {
	return &memState{known: map[string]bool{}, validators: map[string]Validators{}}
}

func (m *memState) Known(u string) bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.known[u]
}

func (m *memState) Validators(u string) Validators {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.validators[u]
}

// collect is a Sink that keeps pages and marks them known, as the store does.
type collect struct {
	mu    sync.Mutex
	pages []Page
	state *memState
}

func (c *collect) sink(_ context.Context, p Page) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.pages = append(c.pages, p)
	if c.state != nil {
		c.state.mu.Lock()
		c.state.known[p.Raw.URL] = true
		c.state.known[p.Raw.CanonicalURL] = true
		c.state.mu.Unlock()
	}
	return nil
}

func (c *collect) titles() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	var out []string
	for _, p := range c.pages {
		out = append(out, p.Raw.Title)
	}
	return out
}

// fastOptions are polite-enough options that keep tests quick.
func fastOptions() Options {
	return Options{UserAgent: "vksnews-test/1.0", Parallelism: 2, Timeout: 2 * time.Second,
		MaxBodyBytes: 1 << 20, RespectRobots: true, Retries: 2, RetryBackoff: 10 * time.Millisecond}
}

// crawlSite crawls a test site from its first list page with the wordpress preset.
func crawlSite(t *testing.T, s *testSite, opts Options, state *memState) (Result, *collect) {
	t.Helper()
	if state == nil {
		state = newMemState()
	}
	c := &collect{state: state}
	p := Portal{Name: "test", Preset: "wordpress", StartURLs: []string{s.URL + "/category/tin/"}}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	res, err := Crawler{State: state, Sink: c.sink}.Crawl(ctx, p, opts)
	if err != nil {
		t.Fatalf("Crawl: %v", err)
	}
	return res, c
}

// selectorsWithBadTitle has a CSS selector that does not compile.
func selectorsWithBadTitle() (s extract.Selectors) {
	s.Title = "h1[[["
	return s
}
