package crawlers

import (
	"net/http"
	"slices"
	"strings"
	"testing"
)

// TestCrawlRedirectLoops checks that a redirect chain that comes back to a
// URL it already passed is recorded against the portal as a redirect loop,
// whether the loop closes on the first URL (which colly lets through) or on
// a later one (which colly reports as already visited).
func TestCrawlRedirectLoops(t *testing.T) {
	tests := []struct {
		name string
		next map[string]string // query of /bad/ → where it redirects
	}{
		{"two URLs", map[string]string{"": "/bad/?b", "b": "/bad/"}},
		{"three URLs closing on the second", map[string]string{"": "/bad/?b", "b": "/bad/?c", "c": "/bad/?b"}},
		{"to itself", map[string]string{"": "/bad/"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newTestSite(t)
			s.html("/category/tin/", wpList("", "/bad/", "/good/"))
			s.html("/good/", wpArticle("Bài tốt", "2024-05-31T07:38:00+07:00"))
			s.handle("/bad/", func(w http.ResponseWriter, r *http.Request) {
				http.Redirect(w, r, tt.next[r.URL.RawQuery], http.StatusFound)
			})
			res, c := crawlSite(t, s, fastOptions(), nil)
			if got := c.titles(); !slices.Equal(got, []string{"Bài tốt"}) {
				t.Errorf("stored %q, want only the good article", got)
			}
			if res.Failed != 1 || len(res.Errors) != 1 || !strings.Contains(res.Errors[0], "redirect loop") {
				t.Errorf("Failed = %d, Errors = %q; want one redirect loop", res.Failed, res.Errors)
			}
			if n := s.count("/bad/"); n != 1 {
				t.Errorf("/bad/ requested %d times, want 1", n)
			}
			if _, ok := res.Lists[s.URL+"/category/tin/"]; ok {
				t.Error("validators stored for a list page whose article failed")
			}
		})
	}
}

// TestCrawlRedirectToFetchedPage checks that a link that redirects to an
// article the run fetched anyway is no failure: the article is stored once.
func TestCrawlRedirectToFetchedPage(t *testing.T) {
	s := newTestSite(t)
	s.html("/category/tin/", wpList("", "/good/", "/old/"))
	s.html("/good/", wpArticle("Bài tốt", "2024-05-31T07:38:00+07:00"))
	s.handle("/old/", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/good/", http.StatusMovedPermanently)
	})
	opts := fastOptions()
	opts.Parallelism = 1
	res, c := crawlSite(t, s, opts, nil)
	if got := c.titles(); !slices.Equal(got, []string{"Bài tốt"}) {
		t.Errorf("stored %q, want the article once", got)
	}
	if res.Failed != 0 || len(res.Errors) != 0 {
		t.Errorf("Failed = %d, Errors = %q; want none", res.Failed, res.Errors)
	}
}
