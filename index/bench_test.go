package index

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/vksnews/vksnews/internal/synthcorpus"

	"github.com/vksnews/vksnews/internal/filter"
)

// BenchmarkPut indexes synthetic articles in batches of 500 and reports
// articles per second.
func BenchmarkPut(b *testing.B) {
	const batch = 500
	as := synthcorpus.Articles(batch*4, 1)
	ix, err := Open(b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	defer ix.Close()
	b.ResetTimer()
	for i := range b.N {
		k := i % 4
		if err := ix.Put(as[k*batch : (k+1)*batch]...); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N*batch)/b.Elapsed().Seconds(), "articles/s")
}

var (
	benchOnce sync.Once
	benchIx   *Index
	benchErr  error
	benchText int64
	benchDir  string
)

// benchIndex builds one index of synthetic articles for every search
// benchmark of the run: 10,000, or VKSNEWS_INDEX_BENCH_N to see how search
// times grow.
func benchIndex(b *testing.B) *Index {
	benchOnce.Do(func() {
		// Shared by every search benchmark, so not b.TempDir (removed when
		// the first benchmark ends); TestMain removes it.
		benchDir, benchErr = os.MkdirTemp("", "vksnews-index-bench-")
		if benchErr != nil {
			return
		}
		n := 10000
		if v := os.Getenv("VKSNEWS_INDEX_BENCH_N"); v != "" {
			if n, benchErr = strconv.Atoi(v); benchErr != nil {
				return
			}
		}
		as := synthcorpus.Articles(n, 7)
		for _, a := range as {
			benchText += int64(len(a.Title) + len(a.Summary) + len(a.Body))
		}
		benchIx, benchErr = Open(benchDir)
		if benchErr != nil {
			return
		}
		for i := 0; i < len(as); i += 500 {
			if benchErr = benchIx.Put(as[i:min(i+500, len(as))]...); benchErr != nil {
				return
			}
		}
		// Measure the steady state, not searches racing background merges.
		benchErr = benchIx.Compact(context.Background())
	})
	if benchErr != nil {
		b.Fatal(benchErr)
	}
	return benchIx
}

func dirSize(dir string) int64 {
	var n int64
	_ = filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if info, err := d.Info(); err == nil {
				n += info.Size()
			}
		}
		return nil
	})
	return n
}

func benchSearch(b *testing.B, req Request) {
	ix := benchIndex(b)
	ctx := context.Background()
	b.ResetTimer()
	var total uint64
	for range b.N {
		res, err := ix.Search(ctx, req)
		if err != nil {
			b.Fatal(err)
		}
		total = res.Total
	}
	b.StopTimer()
	if total == 0 {
		b.Fatalf("query %q found nothing", req.Query)
	}
	b.ReportMetric(float64(total), "hits")
	b.ReportMetric(float64(dirSize(benchDir))/float64(benchText), "index/text")
}

func BenchmarkSearchWord(b *testing.B) {
	benchSearch(b, Request{Query: "kiem sat vien tranh tung"})
}

func BenchmarkSearchPhrase(b *testing.B) {
	benchSearch(b, Request{Query: `"phiên tòa rút kinh nghiệm"`})
}

func BenchmarkSearchFilteredFaceted(b *testing.B) {
	benchSearch(b, Request{Query: "hội nghị", Filters: filter.Filters{ProvinceNow: "Khánh Hòa", EventType: "hoi_nghi_can_bo"}, Facets: true, Sort: SortDate})
}

// BenchmarkSearchQueries runs each query of SyntheticQueries alone: the
// service time of each, which 8 clients on 2 cores wait about 4 times.
func BenchmarkSearchQueries(b *testing.B) {
	words, phrases := synthcorpus.Queries()
	for _, q := range append(words, phrases...) {
		b.Run(strings.ReplaceAll(strings.Trim(q, `"`), " ", "_"), func(b *testing.B) {
			benchSearch(b, Request{Query: q})
		})
	}
	b.Run("faceted/kiểm_sát", func(b *testing.B) { benchSearch(b, Request{Query: "kiểm sát", Facets: true}) })
	b.Run("faceted_by_date/kiểm_sát", func(b *testing.B) {
		benchSearch(b, Request{Query: "kiểm sát", Facets: true, Sort: SortDate})
	})
}

func TestMain(m *testing.M) {
	code := m.Run()
	if benchIx != nil {
		_ = benchIx.Close()
	}
	if benchDir != "" {
		_ = os.RemoveAll(benchDir)
	}
	os.Exit(code)
}

// BenchmarkSearchParallel runs the three kinds of query from 8 goroutines
// at once, as 8 concurrent API clients would.
func BenchmarkSearchParallel(b *testing.B) {
	ix := benchIndex(b)
	reqs := []Request{
		{Query: "kiem sat vien tranh tung"},
		{Query: `"phiên tòa rút kinh nghiệm"`},
		{Query: "hội nghị", Filters: filter.Filters{ProvinceNow: "Khánh Hòa", EventType: "hoi_nghi_can_bo"}, Facets: true, Sort: SortDate},
	}
	b.SetParallelism(8 / runtime.GOMAXPROCS(0))
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		i := 0
		for pb.Next() {
			if _, err := ix.Search(context.Background(), reqs[i%len(reqs)]); err != nil {
				b.Error(err)
				return
			}
			i++
		}
	})
}
