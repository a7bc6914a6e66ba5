// Package bench measures vksnews on synthetic data for docs/BENCHMARKS.md:
// Search indexes a synthetic corpus and times searches under concurrent
// clients; Crawl crawls a synthetic portal served on loopback, as `vksnews
// crawl` does, and reports its speed, disk writes and memory. Both print
// Markdown rows. The commands `vksnews bench` and `vksnews bench crawl`
// hold only their flags.
package bench

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"runtime"
	"slices"
	"sync"
	"time"

	"github.com/vksnews/vksnews/index"
	"github.com/vksnews/vksnews/internal/archive"
	"github.com/vksnews/vksnews/internal/article"
	"github.com/vksnews/vksnews/internal/filter"
	"github.com/vksnews/vksnews/internal/normalize"
	"github.com/vksnews/vksnews/internal/synthcorpus"
)

// SearchOptions set up Search.
type SearchOptions struct {
	Articles int // corpus size, at least 100
	Clients  int // concurrent search clients, at least 1
	Queries  int // queries per client and kind, at least 1
	// DataDir, when set, keeps the corpus there as a real data dir (store
	// and index), so that `vksnews serve --data DIR` can be measured on it;
	// empty means a temporary dir, removed at the end.
	DataDir string
	// Compact merges the index into one segment before the searches, as
	// reindex leaves it.
	Compact bool
	// CPUProfile, when set, is the file that gets a CPU profile of the
	// search phase.
	CPUProfile string
	// BeforeSearches runs once the corpus is out of the heap and before the
	// timed searches, so that they run with serve's collector settings; nil
	// runs nothing.
	BeforeSearches func()
}

// Search measures indexing (normalization included), the index's size and
// search latency on a synthetic corpus, and writes the figures to w.
func Search(ctx context.Context, w io.Writer, o SearchOptions) (err error) {
	if o.Articles < 100 || o.Clients < 1 || o.Queries < 1 {
		return fmt.Errorf("bench: want at least 100 articles, 1 client and 1 query (got %d, %d, %d)", o.Articles, o.Clients, o.Queries)
	}
	dataDir, cleanup, err := tempDataDir(o.DataDir, "vksnews-bench-")
	if err != nil {
		return fmt.Errorf("bench: data dir: %w", err)
	}
	defer cleanup()
	loc := normalize.HCM()
	fmt.Fprintf(w, "corpus: %d synthetic articles; machine: %d CPUs, %s/%s, %s\n\n", o.Articles, runtime.NumCPU(), runtime.GOOS, runtime.GOARCH, runtime.Version())

	// Generate outside the timing, as raw pages a crawl would produce.
	corpus := synthcorpus.Articles(o.Articles, 1)
	raws := make([]article.Raw, len(corpus))
	var textBytes int64
	portals := map[string]normalize.Portal{}
	for i, a := range corpus {
		raws[i] = article.Raw{URL: a.URL, CanonicalURL: a.URL, Portal: a.Portal, Title: a.Title,
			Published: a.Published.In(loc).Format("02/01/2006 15:04"), Summary: a.Summary, BodyText: a.Body}
		textBytes += int64(len(a.Title) + len(a.Summary) + len(a.Body))
		portals[a.Portal] = normalize.Portal{Name: a.Portal, Unit: a.Unit.Name, Location: loc}
	}

	ix, err := archive.OpenIndex(dataDir)
	if err != nil {
		return err
	}
	// ix is reopened after Compact: close whichever is open at the end.
	defer func() {
		if cerr := ix.Close(); cerr != nil && err == nil {
			err = fmt.Errorf("close index: %w", cerr)
		}
	}()
	start := time.Now()
	b := archive.NewBatcher(ix)
	var kept []article.Article
	for _, r := range raws {
		if err := ctx.Err(); err != nil {
			return err
		}
		a := normalize.Article(r, portals[r.Portal])
		if o.DataDir != "" {
			kept = append(kept, a)
		}
		if err := b.Add(a); err != nil {
			return err
		}
	}
	if err := b.Flush(); err != nil {
		return err
	}
	took := time.Since(start)
	ixDir, err := archive.IndexDir(dataDir)
	if err != nil {
		return err
	}
	size, err := dirSize(ixDir)
	if err != nil {
		return err
	}
	if o.DataDir != "" {
		if err := storeCorpus(dataDir, raws, kept); err != nil {
			return err
		}
		fmt.Fprintf(w, "data dir kept in %s (vksnews serve --data %s)\n\n", dataDir, dataDir)
	}
	fmt.Fprintf(w, "| indexing (normalize + index) | %.0f articles/s (%s for %d) |\n", float64(o.Articles)/took.Seconds(), took.Round(time.Millisecond), o.Articles)
	fmt.Fprintf(w, "| index size / text size | %.2f (%.1f MB / %.1f MB) |\n\n", float64(size)/float64(textBytes), float64(size)/1e6, float64(textBytes)/1e6)

	if o.Compact {
		// Merge, then close and reopen, as reindex leaves the index for
		// serve: closing waits for bleve to finish the merge's work, which
		// would otherwise take CPU from the first searches.
		cs := time.Now()
		if err := ix.Compact(ctx); err != nil {
			return err
		}
		if err := ix.Close(); err != nil {
			return err
		}
		if ix, err = archive.OpenIndex(dataDir); err != nil {
			return err
		}
		fmt.Fprintf(w, "index compacted and reopened in %s\n\n", time.Since(cs).Round(time.Millisecond))
	}
	kinds := queryKinds(corpus)
	// Each query once, untimed: the first touch of the index's files (a
	// freshly merged one above all) faults them into memory.
	for _, k := range kinds {
		for _, r := range k.reqs {
			if _, err := ix.Search(ctx, r); err != nil {
				return fmt.Errorf("%s: %w", k.name, err)
			}
		}
	}
	// Search as serve does: with its collector settings, and without the
	// corpus (no longer referenced) in the heap.
	runtime.GC()
	if o.BeforeSearches != nil {
		o.BeforeSearches()
	}
	stopProfile, err := startCPUProfile(o.CPUProfile)
	if err != nil {
		return err
	}
	defer stopProfile()
	fmt.Fprintf(w, "| query kind (%d clients × %d queries) | p50 | p95 | p99 | max |\n|---|---|---|---|---|\n", o.Clients, o.Queries)
	for _, k := range kinds {
		lat, err := measure(ctx, ix, k.reqs, o.Clients, o.Queries)
		if err != nil {
			return fmt.Errorf("%s: %w", k.name, err)
		}
		fmt.Fprintf(w, "| %s | %s | %s | %s | %s |\n", k.name, pct(lat, 50), pct(lat, 95), pct(lat, 99), lat[len(lat)-1].Round(10*time.Microsecond))
	}
	hwm, err := procPeakRSS()
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "\npeak RSS of this process: %.0f MB\n", float64(hwm)/(1<<20))
	return nil
}

// storeCorpus writes the corpus into the data dir's store, as a crawl would.
func storeCorpus(dataDir string, raws []article.Raw, arts []article.Article) (err error) {
	st, err := archive.OpenStore(dataDir)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := st.Close(); cerr != nil && err == nil {
			err = fmt.Errorf("close store: %w", cerr)
		}
	}()
	now := time.Now()
	for i, a := range arts {
		if _, err := st.Put([]byte(raws[i].BodyText), raws[i], a, now); err != nil {
			return fmt.Errorf("store %s: %w", a.URL, err)
		}
	}
	return nil
}

// queryKind is one kind of query, with requests to cycle through.
type queryKind struct {
	name string
	reqs []index.Request
}

// queryKinds builds word, phrase and filtered+faceted queries from the
// corpus's own vocabulary, so that every query has hits.
func queryKinds(corpus []article.Article) []queryKind {
	words, phrases := synthcorpus.Queries()
	var word, phrase, filtered []index.Request
	for _, w := range words {
		word = append(word, index.Request{Query: w, Size: 20})
	}
	for _, p := range phrases {
		phrase = append(phrase, index.Request{Query: p, Size: 20})
	}
	rng := rand.New(rand.NewPCG(2, 3))
	for range 20 {
		a := corpus[rng.IntN(len(corpus))]
		f := filter.Filters{ProvinceNow: a.Unit.ProvinceNow}
		if len(a.EventTypes) > 0 {
			f.EventType = a.EventTypes[0]
		}
		filtered = append(filtered, index.Request{Query: words[rng.IntN(len(words))], Filters: f, Facets: true, Size: 20})
	}
	return []queryKind{{"word", word}, {"phrase", phrase}, {"filtered + faceted", filtered}}
}

// measure runs clients goroutines of n searches each and returns the
// sorted latencies.
func measure(ctx context.Context, ix *index.Index, reqs []index.Request, clients, n int) ([]time.Duration, error) {
	var mu sync.Mutex
	var all []time.Duration
	var firstErr error
	var wg sync.WaitGroup
	for c := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			lat := make([]time.Duration, 0, n)
			for i := range n {
				req := reqs[(c*n+i)%len(reqs)]
				t := time.Now()
				if _, err := ix.Search(ctx, req); err != nil {
					mu.Lock()
					if firstErr == nil {
						firstErr = err
					}
					mu.Unlock()
					return
				}
				lat = append(lat, time.Since(t))
			}
			mu.Lock()
			all = append(all, lat...)
			mu.Unlock()
		}()
	}
	wg.Wait()
	if firstErr != nil {
		return nil, fmt.Errorf("search: %w", firstErr)
	}
	slices.Sort(all)
	return all, nil
}

// pct is the p-th percentile of sorted latencies, rounded for a table.
func pct(sorted []time.Duration, p int) string {
	i := (len(sorted) - 1) * p / 100
	return sorted[i].Round(10 * time.Microsecond).String()
}
