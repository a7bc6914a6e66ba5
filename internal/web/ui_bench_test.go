package web

import (
	"io"
	"net/http/httptest"
	"net/url"
	"os"
	"strconv"
	"strings"
	"testing"
)

// BenchmarkSearchPage renders the search page with a query and its facets
// and charts over 10,000 synthetic articles, and reports the page's size:
// for a query of a few words, and for one that matches nearly every article
// (every match's facets are counted).
func BenchmarkSearchPage(b *testing.B) {
	// VKSNEWS_INDEX_BENCH_N=100000 measures at the target size.
	n := 10000
	if v, err := strconv.Atoi(os.Getenv("VKSNEWS_INDEX_BENCH_N")); err == nil && v > 0 {
		n = v
	}
	tu := newTestUI(b, n)
	h := tu.Config.Handler
	for _, q := range []string{"vien kiem sat tong ket", "kiểm sát"} {
		b.Run(strings.ReplaceAll(q, " ", "_"), func(b *testing.B) {
			path := "/?" + url.Values{"q": {q}}.Encode()
			var size int
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
		})
	}
}
