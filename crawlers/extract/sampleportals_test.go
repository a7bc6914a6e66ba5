package extract

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/markusmobius/go-trafilatura"
	"github.com/vksnews/vksnews/internal/sampleportals"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/unicode/norm"
)

// fetchNFC gets a page the way the crawler hands it over: UTF-8, NFC.
func fetchNFC(t *testing.T, u string) ([]byte, int) {
	t.Helper()
	resp, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	r, err := charset.NewReader(resp.Body, resp.Header.Get("Content-Type"))
	if err != nil {
		t.Fatalf("%s: charset: %v", u, err)
	}
	b, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return norm.NFC.Bytes(b), resp.StatusCode
}

// articleKey identifies an article link by its last path segment and query:
// NukeViet links one article as /vi/news/c/a-1.html and /news/c/a-1.html,
// and only the crawler, from the canonical URL, can tell they are one.
func articleKey(ref string) string {
	u, err := url.Parse(ref)
	if err != nil {
		return ref
	}
	p := strings.TrimSuffix(u.Path, "/")
	return p[strings.LastIndex(p, "/")+1:] + "?" + u.RawQuery
}

// sampleScore counts how an extractor did on the sample portals.
type sampleScore struct {
	pages, titles, dates, contains, containsAll, excludes, excludesAll int
	captions, captionsAll                                              int
	took                                                               time.Duration
	misses                                                             []string
}

func (s *sampleScore) add(e sampleportals.Expected, title, published, body string, captions []string, took time.Duration) {
	s.pages++
	s.took += took
	if norm.NFC.String(strings.TrimSpace(title)) == e.Title {
		s.titles++
	} else {
		s.misses = append(s.misses, fmt.Sprintf("%s%s title %q", e.Site, e.Path, title))
	}
	if dayOf(published) == e.Published {
		s.dates++
	} else {
		s.misses = append(s.misses, fmt.Sprintf("%s%s date %q want %q", e.Site, e.Path, published, e.Published))
	}
	for _, c := range e.BodyContains {
		s.containsAll++
		if strings.Contains(body, c) {
			s.contains++
		} else {
			s.misses = append(s.misses, fmt.Sprintf("%s%s body lacks %q", e.Site, e.Path, c))
		}
	}
	for _, c := range e.Captions {
		s.captionsAll++
		found := false
		for _, got := range captions {
			found = found || strings.Contains(got, c)
		}
		if found && !strings.Contains(body, c) {
			s.captions++
		} else {
			s.misses = append(s.misses, fmt.Sprintf("%s%s caption %q: in images %v, in body %v", e.Site, e.Path, c, found, strings.Contains(body, c)))
		}
	}
	for _, x := range e.BodyExcludes {
		s.excludesAll++
		if !strings.Contains(body, x) {
			s.excludes++
		} else {
			s.misses = append(s.misses, fmt.Sprintf("%s%s body has %q", e.Site, e.Path, x))
		}
	}
}

func (s *sampleScore) String() string {
	return fmt.Sprintf("titles %d/%d dates %d/%d body phrases found %d/%d boilerplate absent %d/%d captions apart %d/%d, %s/page",
		s.titles, s.pages, s.dates, s.pages, s.contains, s.containsAll, s.excludes, s.excludesAll, s.captions, s.captionsAll,
		(s.took / time.Duration(max(1, s.pages))).Round(time.Microsecond))
}

// TestCompareSamplePortals runs the site's preset, the generic extractor and
// go-trafilatura on every expected article of the bundled sample portals,
// and checks that List finds every expected article from the start pages.
func TestCompareSamplePortals(t *testing.T) {
	srv, err := sampleportals.Start()
	if err != nil {
		t.Skipf("sample portals: %v", err)
	}
	defer srv.Close()
	presetOf := map[string]string{}
	for _, s := range sampleportals.Sites() {
		presetOf[s.Name] = s.Preset
	}
	var preset, generic, traf sampleScore
	for _, exp := range sampleportals.Expectations() {
		base := srv.URL(exp.Site)
		u, err := url.Parse(base + exp.Path)
		if err != nil {
			t.Fatal(err)
		}
		page, status := fetchNFC(t, u.String())
		if status != http.StatusOK {
			t.Errorf("%s: status %d", u, status)
			continue
		}
		for _, run := range []struct {
			preset string
			score  *sampleScore
		}{{presetOf[exp.Site], &preset}, {"generic", &generic}} {
			e, err := New(run.preset, Selectors{})
			if err != nil {
				t.Fatal(err)
			}
			start := time.Now()
			doc, err := goquery.NewDocumentFromReader(bytes.NewReader(page))
			if err != nil {
				t.Fatal(err)
			}
			raw, err := e.Article(u, doc)
			took := time.Since(start)
			if err != nil {
				run.score.misses = append(run.score.misses, fmt.Sprintf("%s: %v", u, err))
			}
			var caps []string
			for _, im := range raw.Images {
				caps = append(caps, im.Caption)
			}
			run.score.add(exp, raw.Title, raw.Published, raw.BodyText, caps, took)
		}
		start := time.Now()
		tr, err := trafilatura.Extract(bytes.NewReader(page), trafilatura.Options{OriginalURL: u, ExcludeComments: true, EnableFallback: true})
		took := time.Since(start)
		if err != nil || tr == nil {
			traf.add(exp, "", "", "", nil, took)
			continue
		}
		d := ""
		if !tr.Metadata.Date.IsZero() {
			d = tr.Metadata.Date.Format(time.DateOnly)
		}
		traf.add(exp, tr.Metadata.Title, d, norm.NFC.String(tr.ContentText), nil, took)
	}
	for _, r := range []struct {
		name string
		s    *sampleScore
	}{{"preset", &preset}, {"generic", &generic}, {"trafilatura", &traf}} {
		t.Logf("%-11s %s", r.name, r.s)
		for i, m := range r.s.misses {
			if i == 8 {
				t.Logf("    %-11s … %d more misses", r.name, len(r.s.misses)-i)
				break
			}
			t.Logf("    %-11s miss: %s", r.name, m)
		}
	}
	for _, r := range []*sampleScore{&preset, &generic} {
		if r.titles < r.pages || r.dates < r.pages || r.contains < r.containsAll || r.excludes < r.excludesAll || r.captions < r.captionsAll {
			t.Errorf("extraction misses: %s: %q", r, r.misses)
		}
	}

	// Link discovery: follow list pages from the start paths.
	for _, mode := range []string{"preset", "generic"} {
		found := map[string]bool{}
		for _, s := range sampleportals.Sites() {
			p := s.Preset
			if mode == "generic" {
				p = "generic"
			}
			e, _ := New(p, Selectors{})
			queue := []string{}
			for _, sp := range s.StartPaths {
				queue = append(queue, srv.URL(s.Name)+sp)
			}
			seen := map[string]bool{}
			for len(queue) > 0 && len(seen) < 30 {
				lu := queue[0]
				queue = queue[1:]
				if seen[lu] {
					continue
				}
				seen[lu] = true
				b, status := fetchNFC(t, lu)
				if status != http.StatusOK {
					continue
				}
				pu, _ := url.Parse(lu)
				doc, err := goquery.NewDocumentFromReader(bytes.NewReader(b))
				if err != nil {
					t.Fatal(err)
				}
				l := e.List(pu, doc)
				for _, a := range l.Articles {
					found[s.Name+" "+articleKey(a)] = true
				}
				queue = append(queue, l.Next...)
			}
		}
		var hit, all int
		var missing []string
		for _, exp := range sampleportals.Expectations() {
			all++
			if found[exp.Site+" "+articleKey(exp.Path)] {
				hit++
			} else {
				missing = append(missing, exp.Site+exp.Path)
			}
		}
		t.Logf("List %-8s found %d/%d expected articles from the start pages; missing %q", mode, hit, all, missing)
		if hit < all {
			t.Errorf("List %s missed %q", mode, missing)
		}
	}
}
