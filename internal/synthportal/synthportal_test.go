package synthportal

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestPortalPages(t *testing.T) {
	p := Portal{N: 45}
	tests := []struct {
		path     string
		status   int
		contains []string
		lacks    string
	}{
		{StartPath, 200, []string{`href="/vi/news/tin-44.html"`, `href="/vi/news/tin-25.html"`, `rel="next" href="/vi/news/page-2/"`}, "tin-24.html"},
		{StartPath + "page-3/", 200, []string{`tin-4.html`, `tin-0.html`}, `rel="next"`},
		{StartPath + "page-4/", 404, nil, ""},
		{StartPath + "tin-7.html", 200, []string{`itemprop="headline"`, `id="news-bodyhtml"`, `itemprop="datePublished"`}, ""},
		{StartPath + "tin-45.html", 404, nil, ""},
		{"/robots.txt", 404, nil, ""},
	}
	for _, tt := range tests {
		rec := httptest.NewRecorder()
		p.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, tt.path, nil))
		if rec.Code != tt.status {
			t.Errorf("%s: status %d, want %d", tt.path, rec.Code, tt.status)
			continue
		}
		body := rec.Body.String()
		for _, c := range tt.contains {
			if !strings.Contains(body, c) {
				t.Errorf("%s: lacks %q", tt.path, c)
			}
		}
		if tt.lacks != "" && strings.Contains(body, tt.lacks) {
			t.Errorf("%s: has %q", tt.path, tt.lacks)
		}
	}
	// The same page twice: rendered from the number alone.
	a, b := httptest.NewRecorder(), httptest.NewRecorder()
	p.ServeHTTP(a, httptest.NewRequest(http.MethodGet, StartPath+"tin-3.html", nil))
	p.ServeHTTP(b, httptest.NewRequest(http.MethodGet, StartPath+"tin-3.html", nil))
	if a.Body.String() != b.Body.String() {
		t.Error("article 3 differs between two requests")
	}
}
