package web

import (
	"io"
	"net/http/httptest"
	"net/url"
	"testing"
)

// BenchmarkSearchPage renders the search page with a query and its facets
// and charts over 10,000 synthetic articles, and reports the page's size.
func BenchmarkSearchPage(b *testing.B) {
	tu := newTestUI(b, 10000)
	h := tu.Config.Handler
	path := "/?" + url.Values{"q": {"vien kiem sat tong ket"}}.Encode()
	var size int
	b.ResetTimer()
	for b.Loop() {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
		if rec.Code != 200 {
			b.Fatalf("status %d", rec.Code)
		}
		n, _ := io.Copy(io.Discard, rec.Body)
		size = int(n)
	}
	b.ReportMetric(float64(size), "bytes/page")
}
