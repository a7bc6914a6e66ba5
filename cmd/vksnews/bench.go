package main

import (
	"context"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/vksnews/vksnews/internal/synthcorpus"

	"github.com/vksnews/vksnews/index"
	"github.com/vksnews/vksnews/internal/archive"
	"github.com/vksnews/vksnews/internal/article"
	"github.com/vksnews/vksnews/internal/filter"
	"github.com/vksnews/vksnews/internal/normalize"
)

// runBench measures the search system on a synthetic corpus: indexing
// (normalization included), index size, and search latency under
// concurrent clients. It prints Markdown for docs/BENCHMARKS.md.
func runBench(ctx context.Context, e env, args []string) (err error) {
	if len(args) > 0 && args[0] == "crawl" {
		return runBenchCrawl(ctx, e, args[1:])
	}
	var c common
	fs := newFlags("bench", e, &c)
	n := fs.Int("articles", 10000, "corpus size")
	clients := fs.Int("clients", 8, "concurrent search clients")
	queries := fs.Int("queries", 200, "queries per client and kind")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the search phase to `file`")
	compact := fs.Bool("compact", false, "merge the index into one segment before the searches, as reindex leaves it")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *n < 100 || *clients < 1 || *queries < 1 {
		return usagef("--articles must be at least 100, --clients and --queries at least 1")
	}
	// With --data the corpus is kept as a real data dir (store and index),
	// so that `vksnews serve --data DIR` can be measured on it.
	dataDir, keep := c.dataDir, c.dataDir != ""
	if !keep {
		tmp, err := os.MkdirTemp("", "vksnews-bench-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(tmp)
		dataDir = tmp
	} else if err := os.MkdirAll(dataDir, 0o755); err != nil {
		return err
	}
	loc := normalize.HCM()
	fmt.Fprintf(e.stdout, "corpus: %d synthetic articles; machine: %d CPUs, %s/%s, %s\n\n", *n, runtime.NumCPU(), runtime.GOOS, runtime.GOARCH, runtime.Version())

	// Generate outside the timing, as raw pages a crawl would produce.
	corpus := synthcorpus.Articles(*n, 1)
	raws := make([]article.Raw, len(corpus))
	var textBytes int64
	for i, a := range corpus {
		raws[i] = article.Raw{URL: a.URL, CanonicalURL: a.URL, Portal: a.Portal, Title: a.Title,
			Published: a.Published.In(loc).Format("02/01/2006 15:04"), Summary: a.Summary, BodyText: a.Body}
		textBytes += int64(len(a.Title) + len(a.Summary) + len(a.Body))
	}
	portals := map[string]normalize.Portal{}
	for _, a := range corpus {
		portals[a.Portal] = normalize.Portal{Name: a.Portal, Unit: a.Unit.Name, Location: loc}
	}

	ix, err := archive.OpenIndex(dataDir)
	if err != nil {
		return err
	}
	// ix is reopened after --compact: close whichever is open at the end.
	defer func() {
		if ix != nil {
			closeInto(&err, ix, "index")
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
		if keep {
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
	if keep {
		if err := storeCorpus(dataDir, raws, kept); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "data dir kept in %s (vksnews serve --data %s)\n\n", dataDir, dataDir)
	}
	fmt.Fprintf(e.stdout, "| indexing (normalize + index) | %.0f articles/s (%s for %d) |\n", float64(*n)/took.Seconds(), took.Round(time.Millisecond), *n)
	fmt.Fprintf(e.stdout, "| index size / text size | %.2f (%.1f MB / %.1f MB) |\n\n", float64(size)/float64(textBytes), float64(size)/1e6, float64(textBytes)/1e6)

	if *compact {
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
		fmt.Fprintf(e.stdout, "index compacted and reopened in %s\n\n", time.Since(cs).Round(time.Millisecond))
	}
	kinds := benchQueries(corpus)
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
	tuneGC(e)
	if *cpuProfile != "" {
		f, err := os.Create(*cpuProfile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	fmt.Fprintf(e.stdout, "| query kind (%d clients × %d queries) | p50 | p95 | p99 | max |\n|---|---|---|---|---|\n", *clients, *queries)
	for _, k := range kinds {
		lat, err := measure(ctx, ix, k.reqs, *clients, *queries)
		if err != nil {
			return fmt.Errorf("%s: %w", k.name, err)
		}
		fmt.Fprintf(e.stdout, "| %s | %s | %s | %s | %s |\n", k.name, pct(lat, 50), pct(lat, 95), pct(lat, 99), lat[len(lat)-1].Round(10*time.Microsecond))
	}
	fmt.Fprintf(e.stdout, "\npeak RSS of this process: %s\n", peakRSS())
	return nil
}

// storeCorpus writes the corpus into the data dir's store, as a crawl would.
func storeCorpus(dataDir string, raws []article.Raw, arts []article.Article) (err error) {
	st, err := openStore(dataDir)
	if err != nil {
		return err
	}
	defer closeInto(&err, st, "store")
	now := time.Now()
	for i, a := range arts {
		if _, err := st.Put([]byte(raws[i].BodyText), raws[i], a, now); err != nil {
			return err
		}
	}
	return nil
}

// benchKind is one kind of query, with requests to cycle through.
type benchKind struct {
	name string
	reqs []index.Request
}

// benchQueries builds word, phrase and filtered+faceted queries from the
// corpus's own vocabulary, so that every query has hits.
func benchQueries(corpus []article.Article) []benchKind {
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
	return []benchKind{{"word", word}, {"phrase", phrase}, {"filtered + faceted", filtered}}
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
					firstErr = err
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
	slices.Sort(all)
	if firstErr != nil || len(all) == 0 {
		return nil, fmt.Errorf("search: %v", firstErr)
	}
	return all, nil
}

func pct(sorted []time.Duration, p int) string {
	i := (len(sorted) - 1) * p / 100
	return sorted[i].Round(10 * time.Microsecond).String()
}

func dirSize(dir string) (int64, error) {
	var n int64
	err := filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		n += info.Size()
		return nil
	})
	return n, err
}

// peakRSS reads the process's high-water resident set size (Linux).
func peakRSS() string {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return "unknown"
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			f := strings.Fields(v)
			if kb, err := strconv.Atoi(f[0]); err == nil {
				return fmt.Sprintf("%.0f MB", float64(kb)/1024)
			}
		}
	}
	return "unknown"
}
