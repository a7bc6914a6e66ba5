package crawlers

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/unicode/norm"

	"github.com/vksnews/vksnews/internal/sampleportals"
)

func TestCrawlFollowsListsAndDeduplicates(t *testing.T) {
	s := newTestSite(t)
	s.html("/category/tin/", wpList("/category/tin/page/2/",
		"/2024/05/hoi-nghi-a/", "/2024/05/hoi-nghi-a/?utm_source=zalo", "/2024/05/hoi-nghi-b/#binh-luan",
		"https://www.facebook.com/sharer.php?u=x", "http://vksndtc.gov.vn/bai-khac-d6-t1.html"))
	s.html("/category/tin/page/2/", wpList("", "/2024/04/hoi-nghi-c/", "/2024/05/hoi-nghi-b/"))
	s.html("/2024/05/hoi-nghi-a/", wpArticle("Hội nghị A", "2024-05-31T07:38:00+07:00"))
	s.html("/2024/05/hoi-nghi-b/", wpArticle("Hội nghị B", "2024-05-30T07:38:00+07:00"))
	s.html("/2024/04/hoi-nghi-c/", wpArticle("Hội nghị C", "2024-04-01T07:38:00+07:00"))

	res, c := crawlSite(t, s, fastOptions(), nil)
	got := c.titles()
	slices.Sort(got)
	if want := []string{"Hội nghị A", "Hội nghị B", "Hội nghị C"}; !slices.Equal(got, want) {
		t.Fatalf("articles = %q, want %q", got, want)
	}
	for _, p := range []string{"/2024/05/hoi-nghi-a/", "/2024/05/hoi-nghi-b/"} {
		if n := s.count(p); n != 1 {
			t.Errorf("%s fetched %d times, want 1", p, n)
		}
	}
	if res.Failed != 0 || res.Err != nil {
		t.Errorf("Failed = %d, Err = %v, errors %q", res.Failed, res.Err, res.Errors)
	}
	for _, r := range s.requests {
		if ua := r.Header.Get("User-Agent"); ua != "vksnews-test/1.0" {
			t.Errorf("request %s with User-Agent %q", r.URL, ua)
		}
	}
	for _, p := range c.pages {
		if strings.Contains(p.Raw.CanonicalURL, "utm_") || strings.Contains(p.Raw.CanonicalURL, "#") {
			t.Errorf("canonical URL %q keeps tracking or fragment", p.Raw.CanonicalURL)
		}
		if p.Raw.Portal != "test" || p.Raw.Status != 200 || p.Raw.FetchedAt.IsZero() || p.Raw.ETag == "" {
			t.Errorf("crawl metadata missing in %+v", p.Raw)
		}
	}
}

func TestCrawlIncremental(t *testing.T) {
	s := newTestSite(t)
	s.html("/category/tin/", wpList("/category/tin/page/2/", "/a/", "/b/"))
	s.html("/category/tin/page/2/", wpList("/category/tin/page/3/", "/c/"))
	s.html("/category/tin/page/3/", wpList("", "/d/"))
	for _, p := range []string{"/a/", "/b/", "/c/", "/d/"} {
		s.html(p, wpArticle("Bài "+p, "2024-05-31T07:38:00+07:00"))
	}
	state := newMemState()
	res, c := crawlSite(t, s, fastOptions(), state)
	if len(c.pages) != 4 || len(res.Lists) != 3 {
		t.Fatalf("first crawl: %d articles, %d list validators; want 4 and 3", len(c.pages), len(res.Lists))
	}

	// Second crawl, validators not yet stored: one list page, no articles.
	s.reset()
	_, c = crawlSite(t, s, fastOptions(), state)
	if got := s.paths(); !slices.Equal(got, []string{"/robots.txt", "/category/tin/"}) {
		t.Errorf("second crawl requested %q, want robots.txt and the first list page", got)
	}
	if len(c.pages) != 0 {
		t.Errorf("second crawl stored %d articles, want 0", len(c.pages))
	}

	// With the validators stored, the list page answers 304.
	state.validators = res.Lists
	s.reset()
	res, _ = crawlSite(t, s, fastOptions(), state)
	if res.NotModified != 1 || s.count("/category/tin/") != 1 {
		t.Errorf("NotModified = %d, list requests %d; want 1 and 1", res.NotModified, s.count("/category/tin/"))
	}
	for _, r := range s.requests {
		if r.URL.Path == "/category/tin/" && r.Header.Get("If-None-Match") == "" {
			t.Error("list page requested without If-None-Match")
		}
	}

	// A new article on the first page is fetched, paging stops after it.
	s.html("/category/tin/", wpList("/category/tin/page/2/", "/e/", "/a/", "/b/"))
	s.html("/e/", wpArticle("Bài mới", "2024-06-01T07:38:00+07:00"))
	s.reset()
	_, c = crawlSite(t, s, fastOptions(), state)
	if got := c.titles(); !slices.Equal(got, []string{"Bài mới"}) {
		t.Errorf("after a new article: stored %q", got)
	}
	if n := s.count("/category/tin/page/2/"); n != 1 {
		t.Errorf("page 2 requested %d times; want 1 (page 1 had a new article)", n)
	}
	if n := s.count("/category/tin/page/3/"); n != 0 {
		t.Errorf("page 3 requested %d times; want 0 (page 2 held only known articles)", n)
	}

	// --refresh fetches everything again.
	s.reset()
	_, c = crawlSite(t, s, Options{Refresh: true, Parallelism: 2, RespectRobots: true, Timeout: 2 * time.Second}, state)
	if len(c.pages) != 5 {
		t.Errorf("refresh stored %d articles, want 5", len(c.pages))
	}
}

func TestCrawlRobots(t *testing.T) {
	s := newTestSite(t)
	s.handle("/robots.txt", func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte("User-agent: *\nDisallow: /private/\n"))
	})
	s.html("/category/tin/", wpList("", "/a/", "/private/b/"))
	s.html("/a/", wpArticle("Công khai", "2024-05-31T07:38:00+07:00"))
	s.html("/private/b/", wpArticle("Nội bộ", "2024-05-31T07:38:00+07:00"))

	res, _ := crawlSite(t, s, fastOptions(), nil)
	if s.count("/private/b/") != 0 || res.Skipped != 1 {
		t.Errorf("respect_robots: /private/b/ fetched %d times, skipped %d", s.count("/private/b/"), res.Skipped)
	}
	opts := fastOptions()
	opts.RespectRobots = false
	s.reset()
	crawlSite(t, s, opts, nil)
	if s.count("/private/b/") != 1 || s.count("/robots.txt") != 0 {
		t.Errorf("ignoring robots: /private/b/ fetched %d, robots.txt %d", s.count("/private/b/"), s.count("/robots.txt"))
	}
}

func TestCrawlParallelismLimit(t *testing.T) {
	s := newTestSite(t)
	var hrefs []string
	for i := range 6 {
		p := "/p" + string(rune('a'+i)) + "/"
		hrefs = append(hrefs, p)
		body := wpArticle("Bài "+p, "2024-05-31T07:38:00+07:00")
		s.handle(p, func(w http.ResponseWriter, r *http.Request) {
			time.Sleep(20 * time.Millisecond) // let requests overlap if they may
			w.Write([]byte(body))
		})
	}
	s.html("/category/tin/", wpList("", hrefs...))
	opts := fastOptions()
	opts.Parallelism = 1
	opts.RespectRobots = false
	_, c := crawlSite(t, s, opts, nil)
	if len(c.pages) != 6 {
		t.Fatalf("stored %d, want 6", len(c.pages))
	}
	if s.maxPar != 1 {
		t.Errorf("max requests in flight = %d with parallelism 1", s.maxPar)
	}
}

// TestCrawlBadInput checks that each kind of broken page is recorded with a
// clear message while the rest of the portal is still crawled.
func TestCrawlBadInput(t *testing.T) {
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		t.Errorf("the crawler left the portal: %s", r.URL)
	}))
	defer other.Close()

	tests := []struct {
		name    string
		handler http.HandlerFunc
		want    string // in the recorded error
		tries   int    // requests expected for the bad page
	}{
		{"server error retried", func(w http.ResponseWriter, r *http.Request) {
			http.Error(w, "down", http.StatusServiceUnavailable)
		}, "HTTP 503", 3},
		{"not found", http.NotFound, "HTTP 404", 1},
		{"timeout", func(w http.ResponseWriter, r *http.Request) {
			select {
			case <-time.After(3 * time.Second):
			case <-r.Context().Done():
			}
		}, "Timeout", 3},
		{"not html", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/pdf")
			w.Write([]byte("%PDF-1.4"))
		}, "not an HTML page", 1},
		{"too large", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html")
			chunk := []byte(strings.Repeat("<p>Viện kiểm sát</p>", 1000))
			for written := 0; written < 50<<20; written += len(chunk) {
				if _, err := w.Write(chunk); err != nil {
					return
				}
			}
		}, "larger than max_body_bytes", 1},
		{"truncated", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Length", "5000")
			w.Write([]byte("<html><body><h1 class=entry-title>Cụt"))
		}, "unexpected EOF", 1},
		{"redirect loop", func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, "/bad/?n="+r.URL.Query().Get("n")+"x", http.StatusFound)
		}, "redirect", 1},
		{"redirect to another host", func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, other.URL+"/stolen/", http.StatusFound)
		}, "another host", 1},
		{"not an article", func(w http.ResponseWriter, r *http.Request) {
			w.Write([]byte("<html><body><p>lỗi</p></body></html>"))
		}, "not an article", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newTestSite(t)
			s.html("/category/tin/", wpList("", "/bad/", "/good/"))
			s.html("/good/", wpArticle("Bài tốt", "2024-05-31T07:38:00+07:00"))
			s.handle("/bad/", tt.handler)
			opts := fastOptions()
			opts.Timeout = 300 * time.Millisecond
			res, c := crawlSite(t, s, opts, nil)
			if got := c.titles(); !slices.Equal(got, []string{"Bài tốt"}) {
				t.Errorf("stored %q, want only the good article", got)
			}
			if res.Failed != 1 || len(res.Errors) != 1 || !strings.Contains(res.Errors[0], tt.want) {
				t.Errorf("Failed = %d, Errors = %q; want one error containing %q", res.Failed, res.Errors, tt.want)
			}
			if res.Err != nil {
				t.Errorf("portal marked failed: %v", res.Err)
			}
			if wantRefused := b2i(tt.name == "not an article"); res.Refused != wantRefused {
				t.Errorf("Refused = %d, want %d", res.Refused, wantRefused)
			}
			if n := s.count("/bad/"); tt.tries != 0 && n != tt.tries {
				t.Errorf("/bad/ requested %d times, want %d", n, tt.tries)
			}
			if _, ok := res.Lists[s.URL+"/category/tin/"]; ok {
				t.Error("validators stored for a list page whose article failed")
			}
		})
	}
}

func TestCrawlUnreachablePortal(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close() // nothing listens there now
	p := Portal{Name: "gone", Preset: "generic", StartURLs: []string{"http://" + addr + "/tin-tuc/"}}
	opts := fastOptions()
	opts.Retries = 0
	res, err := Crawler{State: newMemState(), Sink: (&collect{}).sink}.Crawl(context.Background(), p, opts)
	if err != nil {
		t.Fatal(err)
	}
	if !errors.Is(res.Err, ErrNothingFetched) || !strings.Contains(res.Err.Error(), "refused") {
		t.Errorf("Err = %v, want ErrNothingFetched with the cause", res.Err)
	}
}

func TestCrawlBadPortal(t *testing.T) {
	tests := []Portal{
		{Name: "x", Preset: "joomla", StartURLs: []string{"http://127.0.0.1/"}},
		{Name: "x", Preset: "generic", StartURLs: []string{"ftp://127.0.0.1/"}},
		{Name: "x", Preset: "generic"},
		{Name: "x", Preset: "generic", StartURLs: []string{"http://127.0.0.1/"}, Selectors: selectorsWithBadTitle()},
	}
	for _, p := range tests {
		if _, err := (Crawler{State: newMemState(), Sink: (&collect{}).sink}).Crawl(context.Background(), p, fastOptions()); err == nil {
			t.Errorf("Crawl(%+v) = nil error", p)
		}
	}
}

func TestCrawlCancelled(t *testing.T) {
	s := newTestSite(t)
	s.html("/category/tin/", wpList("", "/a/"))
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	p := Portal{Name: "test", Preset: "wordpress", StartURLs: []string{s.URL + "/category/tin/"}}
	res, err := Crawler{State: newMemState(), Sink: (&collect{}).sink}.Crawl(ctx, p, fastOptions())
	if err != nil {
		t.Fatal(err)
	}
	if res.Err == nil {
		t.Error("a cancelled crawl reported success")
	}
}

func TestCrawlFullListingAndRetry(t *testing.T) {
	s := newTestSite(t)
	s.html("/category/tin/", wpList("/category/tin/page/2/", "/a/"))
	s.html("/category/tin/page/2/", wpList("", "/b/"))
	s.html("/a/", wpArticle("Bài A", "2024-05-31T07:38:00+07:00"))
	s.html("/b/", wpArticle("Bài B", "2024-05-30T07:38:00+07:00"))
	fails := true
	s.handle("/c/", func(w http.ResponseWriter, r *http.Request) {
		if fails {
			http.Error(w, "busy", http.StatusBadGateway)
			return
		}
		w.Write([]byte(wpArticle("Bài C", "2024-05-29T07:38:00+07:00")))
	})
	state := newMemState()
	state.known[s.URL+"/a/"] = true // as after a crawl killed on page 1

	// Page 1 holds only known articles, but the last crawl did not finish:
	// FullListing walks on to page 2.
	opts := fastOptions()
	opts.FullListing = true
	opts.Retry = []string{s.URL + "/c/"}
	opts.Retries = 0
	res, c := crawlSite(t, s, opts, state)
	if got := c.titles(); !slices.Equal(got, []string{"Bài B"}) {
		t.Errorf("full listing stored %q, want Bài B", got)
	}
	if !res.Complete || !slices.Equal(res.Retry, []string{s.URL + "/c/"}) {
		t.Errorf("Complete = %v, Retry = %q", res.Complete, res.Retry)
	}

	// Next time the failed article is tried again and succeeds.
	fails = false
	opts.Retry = res.Retry
	opts.FullListing = false
	res, c = crawlSite(t, s, opts, state)
	if got := c.titles(); !slices.Equal(got, []string{"Bài C"}) || len(res.Retry) != 0 {
		t.Errorf("retry stored %q, Retry %q", got, res.Retry)
	}

	// A page limit leaves the run incomplete.
	opts.MaxPages = 1
	opts.Refresh = true
	res, _ = crawlSite(t, s, opts, newMemState())
	if res.Complete {
		t.Error("a crawl cut by MaxPages reported Complete")
	}
}

func TestCrawlCharsets(t *testing.T) {
	title := "Viện kiểm sát nhân dân tỉnh Khánh Hòa tổng kết"
	// windows-1258 writes the tone marks as combining characters.
	b1258, err := sampleportals.EncodeWindows1258([]byte(wpArticle(title, "2024-05-31T07:38:00+07:00")))
	if err != nil {
		t.Fatalf("encode: %v", err)
	}
	enc1258 := string(b1258)
	tests := []struct {
		name, contentType, body string
	}{
		{"header windows-1258", "text/html; charset=windows-1258", enc1258},
		{"meta windows-1258", "text/html", strings.Replace(enc1258, "<head>", `<head><meta http-equiv="Content-Type" content="text/html; charset=windows-1258">`, 1)},
		{"utf-8 bom no header", "", "\xEF\xBB\xBF" + wpArticle(title, "2024-05-31T07:38:00+07:00")},
		{"nfd utf-8", "text/html; charset=utf-8", norm.NFD.String(wpArticle(title, "2024-05-31T07:38:00+07:00"))},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newTestSite(t)
			s.html("/category/tin/", wpList("", "/a/"))
			s.handle("/a/", func(w http.ResponseWriter, r *http.Request) {
				if tt.contentType != "" {
					w.Header().Set("Content-Type", tt.contentType)
				}
				w.Write([]byte(tt.body))
			})
			_, c := crawlSite(t, s, fastOptions(), nil)
			if got := c.titles(); len(got) != 1 || got[0] != title {
				t.Errorf("titles = %q, want %q", got, title)
			}
		})
	}
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
