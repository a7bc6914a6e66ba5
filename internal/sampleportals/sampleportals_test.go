package sampleportals

import (
	"bytes"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/mmcdole/gofeed"
	"github.com/temoto/robotstxt"
	"golang.org/x/text/unicode/norm"
)

// builds renders every site once for a test.
func builds(t *testing.T) []*siteBuild {
	t.Helper()
	var out []*siteBuild
	for _, s := range Sites() {
		b, err := buildSite(s.Name)
		if err != nil {
			t.Fatalf("build: %v", err)
		}
		out = append(out, b)
	}
	return out
}

func TestCounts(t *testing.T) {
	total := 0
	for _, b := range builds(t) {
		if n := len(b.expected); n < 10 {
			t.Errorf("site %s: %d expected articles, want ≥ 10", b.site.Name, n)
		}
		if n := len(b.lists); n < 3 {
			t.Errorf("site %s: %d list pages, want ≥ 3", b.site.Name, n)
		}
		total += len(b.expected)
	}
	if total < 40 {
		t.Errorf("%d expected articles in total, want ≥ 40", total)
	}
	if got := len(Expectations()); got != total {
		t.Errorf("Expectations() has %d entries, the sites render %d", got, total)
	}
	if len(Sites()) < 4 {
		t.Errorf("%d sites, want ≥ 4", len(Sites()))
	}
}

func TestExpectationsAreWellFormed(t *testing.T) {
	seen := map[string]bool{}
	for _, e := range Expectations() {
		key := e.Site + " " + e.Path
		if seen[key] {
			t.Errorf("%s listed twice", key)
		}
		seen[key] = true
		if !norm.NFC.IsNormalString(e.Title) || e.Title == "" {
			t.Errorf("%s: title %q empty or not NFC", key, e.Title)
		}
		if e.Published != "" {
			if _, err := time.Parse("2006-01-02", e.Published); err != nil {
				t.Errorf("%s: published %q: %v", key, e.Published, err)
			}
		}
		if n := len(e.BodyContains); n < 2 || n > 3 {
			t.Errorf("%s: %d BodyContains phrases, want 2–3", key, n)
		}
		if len(e.BodyExcludes) == 0 {
			t.Errorf("%s: no BodyExcludes", key)
		}
	}
}

// TestArticleSizes keeps every article within the 1–4 KB of text real news has.
func TestArticleSizes(t *testing.T) {
	for _, b := range builds(t) {
		for path, text := range b.clean {
			if n := len(text); n < 1000 || n > 4096 {
				t.Errorf("%s %s: %d bytes of text, want 1–4 KB", b.site.Name, path, n)
			}
		}
	}
}

func TestSitesServeListsAndArticles(t *testing.T) {
	for _, b := range builds(t) {
		t.Run(b.site.Name, func(t *testing.T) {
			h, err := Handler(b.site.Name)
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range append(append([]string{}, b.site.StartPaths...), b.lists...) {
				if r := get(t, h, p, nil); r.status != http.StatusOK {
					t.Errorf("list %s: status %d", p, r.status)
				}
			}
			for _, e := range b.expected {
				r := get(t, h, e.Path, nil)
				if r.status != http.StatusOK {
					t.Errorf("article %s: status %d", e.Path, r.status)
					continue
				}
				text := r.text(t)
				if !strings.Contains(text, e.Title) {
					t.Errorf("article %s: title %q not on the page", e.Path, e.Title)
				}
				for _, c := range e.BodyContains {
					if !strings.Contains(text, c) {
						t.Errorf("article %s: phrase %q not on the page", e.Path, c)
					}
				}
				for _, x := range e.BodyExcludes {
					// An exclusion is a real trap only if the page shows it
					// and the article's own text does not contain it.
					if !strings.Contains(text, x) {
						t.Errorf("article %s: excluded boilerplate %q is not on the page", e.Path, x)
					}
					if strings.Contains(b.clean[e.Path], x) {
						t.Errorf("article %s: excluded %q is part of the body text", e.Path, x)
					}
				}
			}
		})
	}
}

// TestListsLinkEveryArticle follows the list pages like a crawler does: it
// drops fragments and utm_* parameters and trusts rel=canonical.
func TestListsLinkEveryArticle(t *testing.T) {
	for _, b := range builds(t) {
		t.Run(b.site.Name, func(t *testing.T) {
			h, err := Handler(b.site.Name)
			if err != nil {
				t.Fatal(err)
			}
			want := map[string]bool{}
			for _, e := range b.expected {
				want[e.Path] = true
			}
			found := map[string]bool{}
			linked := map[string]bool{}
			for _, p := range b.lists {
				r := get(t, h, p, nil)
				for _, u := range links(t, "http://"+testHost+p, r.body) {
					if u.Host != testHost {
						continue
					}
					pq := pathQuery(stripTracking(u))
					linked[pq] = true
					if want[pq] {
						found[pq] = true
						continue
					}
					if c := canonicalPath(get(t, h, pq, nil).body); want[c] {
						found[c] = true
					}
				}
			}
			for p := range want {
				if !found[p] {
					t.Errorf("no list page links to %s", p)
				}
			}
			for _, p := range b.missing {
				if !linked[p] {
					t.Errorf("dead link %s is not on any list page", p)
				}
				if r := get(t, h, p, nil); r.status != http.StatusNotFound {
					t.Errorf("dead link %s: status %d, want 404", p, r.status)
				}
			}
			for _, p := range b.private {
				if !linked[p] {
					t.Errorf("robots-disallowed %s is not on any list page", p)
				}
			}
		})
	}
}

func TestTrapsArePresent(t *testing.T) {
	var missing, private, nfd, cp1258, xss, nodate, twice, novi, oldtone, listdate int
	for _, b := range builds(t) {
		missing += len(b.missing)
		h, err := Handler(b.site.Name)
		if err != nil {
			t.Fatal(err)
		}
		robots := get(t, h, "/robots.txt", nil)
		rules, err := robotstxt.FromStatusAndBytes(robots.status, robots.body)
		if err != nil {
			t.Fatalf("%s robots.txt: %v", b.site.Name, err)
		}
		for _, p := range b.private {
			private++
			if rules.TestAgent(p, "vksnews") {
				t.Errorf("%s: robots.txt allows %s", b.site.Name, p)
			}
		}
		for _, e := range b.expected {
			if !rules.TestAgent(e.Path, "vksnews") {
				t.Errorf("%s: robots.txt disallows expected %s", b.site.Name, e.Path)
			}
		}
		arts, err := loadContent(b.site.Name)
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range arts {
			oldtone += count(a.has(trapOldTone) && strings.Contains(a.Body, "Thuỷ") && strings.Contains(a.Body, "khoẻ") && strings.Contains(a.Title, "Hoà"))
			twice += count(a.has(trapTwice))
			novi += count(a.has(trapNoVi))
		}
		for path, pg := range b.pages {
			s := string(pg.body)
			if strings.Contains(s, "<script>alert(1)</script>") && strings.Contains(s, `<img src=x onerror="alert(2)">`) {
				xss++
			}
			if !utf8.Valid(pg.body) {
				cp1258++
			}
			if strings.HasPrefix(pg.contentType, "text/html") && !norm.NFC.IsNormal(pg.body) {
				nfd++
			}
			if pg.contentType == typeHTMLBare && !strings.Contains(s, `charset=windows-1258`) {
				t.Errorf("%s %s: bare text/html without a windows-1258 meta", b.site.Name, path)
			}
		}
		for _, e := range b.expected {
			if e.Published == "" && b.listDated[e.Path] {
				listdate++
			} else if e.Published == "" {
				nodate++
				r := get(t, h, e.Path, nil)
				if d := dateLike.FindString(r.text(t)); d != "" {
					t.Errorf("%s %s: page without a date shows %q", b.site.Name, e.Path, d)
				}
			}
		}
	}
	for name, n := range map[string]int{"dead link": missing, "robots-disallowed article": private, "NFD page": nfd,
		"windows-1258 page": cp1258, "script payload": xss, "article without date": nodate, "date only in lists of other articles": listdate, "duplicate link": twice,
		"link without /vi": novi, "old tone marks": oldtone} {
		if n == 0 {
			t.Errorf("trap %q is missing", name)
		}
	}
}

// dateLike matches the date forms the portals print.
var dateLike = regexp.MustCompile(`\b\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{4}\b|\b\d{4}-\d{2}-\d{2}\b|Đăng ngày|[Nn]gày \d`)

func count(b bool) int {
	if b {
		return 1
	}
	return 0
}

func TestDuplicateLinksOfOneArticle(t *testing.T) {
	h, err := Handler("khanhhoa")
	if err != nil {
		t.Fatal(err)
	}
	r := get(t, h, "/vi/news/hoat-dong/", nil)
	var utm, frag, plain string
	for _, u := range links(t, "http://"+testHost+"/vi/news/hoat-dong/", r.body) {
		switch {
		case strings.Contains(u.RawQuery, "utm_source="):
			utm = u.Path
		case u.Fragment != "" && strings.HasSuffix(u.Path, ".html"):
			frag = u.Path
		}
	}
	for _, e := range Expectations() {
		if e.Path == utm {
			plain = e.Path
		}
	}
	if utm == "" || utm != frag || plain == "" {
		t.Fatalf("want one expected article linked with ?utm_ and with #fragment; got utm %q, fragment %q", utm, frag)
	}
	a := get(t, h, utm+"?utm_source=zalo", nil)
	if a.status != http.StatusOK || canonicalPath(a.body) != utm {
		t.Errorf("%s?utm_source=zalo: status %d, canonical %q", utm, a.status, canonicalPath(a.body))
	}
}

func TestNukeVietRewrittenForm(t *testing.T) {
	h, err := Handler("khanhhoa")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range Expectations() {
		if e.Site != "khanhhoa" {
			continue
		}
		short := strings.TrimPrefix(e.Path, "/vi")
		r := get(t, h, short, nil)
		if r.status != http.StatusOK {
			t.Errorf("%s: status %d", short, r.status)
		}
		if c := canonicalPath(r.body); c != e.Path {
			t.Errorf("%s: canonical %q, want %q", short, c, e.Path)
		}
	}
}

func TestConditionalGet(t *testing.T) {
	for _, s := range Sites() {
		h, err := Handler(s.Name)
		if err != nil {
			t.Fatal(err)
		}
		p := s.StartPaths[0]
		r := get(t, h, p, nil)
		etag, lm := r.header.Get("ETag"), r.header.Get("Last-Modified")
		if r.status != http.StatusOK || etag == "" || lm == "" {
			t.Fatalf("%s %s: status %d, ETag %q, Last-Modified %q", s.Name, p, r.status, etag, lm)
		}
		if got := get(t, h, p, map[string]string{"If-None-Match": etag}); got.status != http.StatusNotModified {
			t.Errorf("%s: If-None-Match answered %d", s.Name, got.status)
		}
		if got := get(t, h, p, map[string]string{"If-Modified-Since": lm}); got.status != http.StatusNotModified {
			t.Errorf("%s: If-Modified-Since answered %d", s.Name, got.status)
		}
		if got := get(t, h, p, map[string]string{"If-None-Match": `"other"`}); got.status != http.StatusOK {
			t.Errorf("%s: stale If-None-Match answered %d", s.Name, got.status)
		}
		if got := get(t, h, "/no/such/page.html", nil); got.status != http.StatusNotFound {
			t.Errorf("%s: unknown path answered %d", s.Name, got.status)
		}
	}
}

func TestContentTypes(t *testing.T) {
	for _, b := range builds(t) {
		h, err := Handler(b.site.Name)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range b.expected {
			ct := get(t, h, e.Path, nil).header.Get("Content-Type")
			if ct != typeHTML && ct != typeHTMLBare {
				t.Errorf("%s %s: Content-Type %q", b.site.Name, e.Path, ct)
			}
		}
	}
	if _, err := Handler("nosuchsite"); err == nil {
		t.Error("Handler of an unknown site: no error")
	}
}

func TestWindows1258Page(t *testing.T) {
	h, err := Handler("haugiang")
	if err != nil {
		t.Fatal(err)
	}
	arts, err := loadContent("haugiang")
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range arts {
		if !a.has(trapCP1258) {
			continue
		}
		r := get(t, h, hgPath(a), nil)
		if ct := r.header.Get("Content-Type"); ct != "text/html" {
			t.Errorf("Content-Type %q, want text/html without charset", ct)
		}
		if utf8.Valid(r.body) {
			t.Error("windows-1258 page is valid UTF-8: not really encoded")
		}
		// Tone marks must be the code page's combining bytes (0xEC is the
		// acute accent), as Vietnamese Windows software writes them.
		if !bytes.Contains(r.body, []byte{0xEC}) {
			t.Error("no combining acute (0xEC) in the windows-1258 page")
		}
		text := r.text(t)
		for _, c := range append(a.Contains, a.Title) {
			if !strings.Contains(text, c) {
				t.Errorf("decoded page lacks %q", c)
			}
		}
		return
	}
	t.Fatal("no windows-1258 article")
}

func TestEncodeCP1258RoundTrip(t *testing.T) {
	for _, s := range []string{
		"Viện kiểm sát nhân dân tỉnh Hậu Giang",
		"Ệ ệ Ở ở Ữ ữ Ặ ặ Đ đ “trích dẫn” – gạch",
		"Khánh Hoà, Thuỷ, khoẻ",
	} {
		enc, err := EncodeWindows1258([]byte(s))
		if err != nil {
			t.Fatalf("encode %q: %v", s, err)
		}
		r := response{body: append([]byte(`<meta charset="windows-1258">`), enc...)}
		if got := strings.TrimPrefix(r.text(t), `<meta charset="windows-1258">`); got != s {
			t.Errorf("round trip %q -> %q", s, got)
		}
	}
	if _, err := EncodeWindows1258([]byte("chữ Hán 漢")); err == nil {
		t.Error("encoding a character windows-1258 lacks: no error")
	}
}

func TestNFDPage(t *testing.T) {
	h, err := Handler("travinh")
	if err != nil {
		t.Fatal(err)
	}
	arts, err := loadContent("travinh")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, a := range arts {
		if !a.has(trapNFD) {
			continue
		}
		n++
		r := get(t, h, wpPath(a), nil)
		if norm.NFC.IsNormal(r.body) {
			t.Errorf("%s is NFC, want NFD", wpPath(a))
		}
		if strings.Contains(string(r.body), a.Contains[0]) {
			t.Errorf("%s: NFC phrase found verbatim in the NFD page", wpPath(a))
		}
		text := r.text(t)
		for _, c := range append(a.Contains, a.Title) {
			if !strings.Contains(text, c) {
				t.Errorf("%s: %q missing after NFC", wpPath(a), c)
			}
		}
	}
	if n == 0 {
		t.Fatal("no NFD article")
	}
}

func TestFeeds(t *testing.T) {
	for _, b := range builds(t) {
		h, err := Handler(b.site.Name)
		if err != nil {
			t.Fatal(err)
		}
		want := map[string]bool{}
		for _, e := range b.expected {
			want[e.Path] = true
		}
		for _, p := range b.site.FeedPaths {
			r := get(t, h, p, nil)
			if r.status != http.StatusOK {
				t.Fatalf("%s %s: status %d", b.site.Name, p, r.status)
			}
			feed, err := gofeed.NewParser().ParseString(string(r.body))
			if err != nil {
				t.Fatalf("%s %s: %v", b.site.Name, p, err)
			}
			if len(feed.Items) < 10 {
				t.Errorf("%s %s: %d items", b.site.Name, p, len(feed.Items))
			}
			for _, it := range feed.Items {
				if it.PublishedParsed == nil {
					t.Errorf("%s %s: item %q has no parsable pubDate (%q)", b.site.Name, p, it.Title, it.Published)
				}
				u := strings.TrimPrefix(it.Link, "http://"+testHost)
				if !want[u] {
					t.Errorf("%s %s: item link %s is not an expected article", b.site.Name, p, it.Link)
				}
			}
		}
	}
}

func TestServer(t *testing.T) {
	s, err := Start()
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	client := &http.Client{Timeout: 10 * time.Second}
	for _, site := range Sites() {
		base := s.URL(site.Name)
		if !strings.HasPrefix(base, "http://127.0.0.1:") {
			t.Fatalf("URL(%s) = %q", site.Name, base)
		}
		req, err := http.NewRequest(http.MethodGet, base+site.StartPaths[0], nil)
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("User-Agent", "vksnews-test")
		res, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusOK {
			t.Errorf("%s: status %d", site.Name, res.StatusCode)
		}
	}
	if s.URL("nosuchsite") != "" {
		t.Error("URL of an unknown site is not empty")
	}
	reqs := s.Requests()
	if len(reqs) != len(Sites()) {
		t.Fatalf("%d requests recorded, want %d: %+v", len(reqs), len(Sites()), reqs)
	}
	for i, site := range Sites() {
		path, query, _ := strings.Cut(site.StartPaths[0], "?")
		want := Request{Site: site.Name, Method: http.MethodGet, Path: path, RawQuery: query, UserAgent: "vksnews-test"}
		if reqs[i] != want {
			t.Errorf("request %d = %+v, want %+v", i, reqs[i], want)
		}
	}
	s.ResetRequests()
	if n := len(s.Requests()); n != 0 {
		t.Errorf("%d requests after reset", n)
	}
	res, err := client.Post(s.URL("travinh")+"/feed/", "text/plain", nil)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("POST answered %d", res.StatusCode)
	}
}

// TestAbsoluteLinksUseRequestHost checks that no page leaks the placeholder
// origin and that absolute links point back at the host that was asked.
func TestAbsoluteLinksUseRequestHost(t *testing.T) {
	for _, b := range builds(t) {
		h, err := Handler(b.site.Name)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range b.lists {
			r := get(t, h, p, nil)
			for _, tok := range []string{originToken, originQueryToken} {
				if strings.Contains(string(r.body), tok) {
					t.Errorf("%s %s leaks %s", b.site.Name, p, tok)
				}
			}
		}
	}
	h, err := Handler("vksndtc")
	if err != nil {
		t.Fatal(err)
	}
	if r := get(t, h, tcListPath, nil); !strings.Contains(string(r.body), `href="http://`+testHost+`/tin-tuc/`) {
		t.Error("vksndtc list has no absolute article link to the request host")
	}
}
