package index

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/vksnews/vksnews/internal/article"
	"github.com/vksnews/vksnews/internal/synthcorpus"
	"github.com/vksnews/vksnews/internal/vntext"
)

// The tuning harness measures what the scoring model's thresholds
// (ranking.go) trade: how far the first page of each query strays from the
// exact ranking (every part scored, never rankOnRarest), against how long
// the query takes; and, since straying is not by itself worse, how well
// each setting finds the story a query recalls (knownitem_test.go).
// Latency under concurrent load, the other side of the choice, is
// `vksnews bench`'s. Its corpus is synthcorpus.Resample of the normalizer's
// labeled articles, texts written in the portals' style: their words occur
// as often, and together, as in those texts, where the fixed phrase tables
// of synthcorpus.Articles put "kiểm sát" in 99.9 % of articles. The
// thresholds were measured on the tuning split and are checked on the
// held-out one (docs/BENCHMARKS.md, which also has the latency runs that
// decided the choice):
//
//	VKSNEWS_TUNE_N=100000 VKSNEWS_TUNE_SET=tuning go test ./index -run TestTuneRanking -v -timeout 60m
//
// Without VKSNEWS_TUNE_N the test runs the shipped thresholds alone, on
// 2,000 articles of the held-out split, and fails when they stray from the
// exact first page more than tuneMinOverlap allows or find the stories
// worse than knownItemTolerance allows.

// tuneMinOverlap is the least mean share of the exact first page that the
// shipped thresholds must keep on the small held-out corpus: they kept 0.934
// when chosen (docs/BENCHMARKS.md), so a change that makes them stray
// further fails.
const tuneMinOverlap = 0.9

// tunePage is the first page of results compared.
const tunePage = 20

// labeledSources reads the normalizer's labeled articles of one split
// ("tuning" or "heldout") as resampling sources.
func labeledSources(t testing.TB, split string) []synthcorpus.Source {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("..", "internal", "normalize", "testdata", "labeled", split, "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no labeled articles for %q: %v", split, err)
	}
	var out []synthcorpus.Source
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var l struct {
			Title, Body string
			Labels      struct {
				PrimaryEvent string                  `json:"primary_event"`
				Officials    []struct{ Name string } `json:"officials"`
				Others       []string                `json:"non_officials"`
				Authors      []string                `json:"authors"`
			} `json:"labels"`
		}
		if err := json.Unmarshal(b, &l); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		if l.Body == "" { // a case that points at a real page in ../shared/seeds
			continue
		}
		s := synthcorpus.Source{Title: l.Title, Body: l.Body, EventType: l.Labels.PrimaryEvent}
		for _, o := range l.Labels.Officials {
			s.Names = append(s.Names, o.Name)
		}
		s.Names = append(append(s.Names, l.Labels.Others...), l.Labels.Authors...)
		out = append(out, s)
	}
	return out
}

// tuneQueries makes n queries from the sources' own words, as an analyst
// who has read such articles types them: one word (two syllables), two
// words, a quoted phrase of three syllables, and two words from different
// sentences of one article; every other query without diacritics.
func tuneQueries(sources []synthcorpus.Source, n int, seed uint64) []string {
	rng := rand.New(rand.NewPCG(seed, 7))
	var out []string
	seen := map[string]bool{}
	for tries := 0; len(out) < n && tries < 100*n; tries++ {
		s := sources[rng.IntN(len(sources))]
		sents := syllableRuns(s.Title + ". " + s.Body)
		run := func(k int) []string {
			for range 20 {
				r := sents[rng.IntN(len(sents))]
				if len(r) >= k {
					at := rng.IntN(len(r) - k + 1)
					return r[at : at+k]
				}
			}
			return nil
		}
		if len(sents) == 0 {
			continue
		}
		var q string
		switch len(out) % 4 {
		case 0:
			q = strings.Join(run(2), " ")
		case 1:
			q = strings.Join(run(4), " ")
		case 2:
			if r := run(3); r != nil {
				q = `"` + strings.Join(r, " ") + `"`
			}
		case 3:
			a, b := run(2), run(2)
			if a != nil && b != nil {
				q = strings.Join(append(a, b...), " ")
			}
		}
		if len(out)%2 == 1 {
			q = vntext.Fold(q)
		}
		if q == "" || q == `""` || seen[q] {
			continue
		}
		seen[q] = true
		out = append(out, q)
	}
	return out
}

// syllableRuns splits text into sentences of lower-case syllables, leaving
// out numbers and anything that is not a word.
func syllableRuns(text string) [][]string {
	var out [][]string
	var cur []string
	for _, f := range strings.FieldsFunc(text, unicode.IsSpace) {
		end := strings.ContainsAny(f[len(f)-1:], ".!?;:,")
		w := strings.TrimFunc(f, func(r rune) bool { return !unicode.IsLetter(r) })
		if w == "" || strings.IndexFunc(w, func(r rune) bool { return !unicode.IsLetter(r) }) >= 0 {
			end = true
		} else {
			cur = append(cur, strings.ToLower(w))
		}
		if end && len(cur) > 0 {
			out = append(out, cur)
			cur = nil
		}
	}
	if len(cur) > 0 {
		out = append(out, cur)
	}
	return out
}

// tuneSetting is one set of thresholds to measure.
type tuneSetting struct {
	name string
	rank ranking
}

// tuneResult is what one setting did over all queries.
type tuneResult struct {
	meanOverlap, minOverlap, identical float64
	meanTime, p95Time, maxTime         time.Duration
}

// firstPages runs every query with the index's current ranking, reps times
// each, and returns each query's first page and median time.
func firstPages(t testing.TB, ix *Index, queries []string, reps int) ([][]string, []time.Duration) {
	t.Helper()
	pages := make([][]string, len(queries))
	times := make([]time.Duration, len(queries))
	for i, q := range queries {
		var ts []time.Duration
		for range reps {
			start := time.Now()
			res, err := ix.Search(context.Background(), Request{Query: q, Size: tunePage})
			ts = append(ts, time.Since(start))
			if err != nil {
				t.Fatalf("%q: %v", q, err)
			}
			pages[i] = pages[i][:0]
			for _, h := range res.Hits {
				pages[i] = append(pages[i], h.Article.ID)
			}
		}
		slices.Sort(ts)
		times[i] = ts[len(ts)/2]
	}
	return pages, times
}

// compare scores pages against the exact ones.
func compare(exact, pages [][]string, times []time.Duration) tuneResult {
	r := tuneResult{minOverlap: 1}
	n := 0
	for i := range exact {
		if len(exact[i]) == 0 {
			continue
		}
		n++
		common := 0
		for _, id := range pages[i] {
			if slices.Contains(exact[i], id) {
				common++
			}
		}
		o := float64(common) / float64(len(exact[i]))
		r.meanOverlap += o
		r.minOverlap = min(r.minOverlap, o)
		if slices.Equal(exact[i], pages[i]) {
			r.identical++
		}
	}
	if n > 0 {
		r.meanOverlap /= float64(n)
		r.identical /= float64(n)
	}
	ts := slices.Sorted(slices.Values(times))
	var sum time.Duration
	for _, d := range ts {
		sum += d
	}
	r.meanTime = sum / time.Duration(len(ts))
	r.p95Time = ts[(len(ts)-1)*95/100]
	r.maxTime = ts[len(ts)-1]
	return r
}

// openResampled indexes n articles resampled from sources, merged into one
// segment as reindex leaves an index, and returns them with their origins
// (synthcorpus.Resample).
func openResampled(t testing.TB, sources []synthcorpus.Source, n int) (*Index, []article.Article, []int) {
	t.Helper()
	ix, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = ix.Close() })
	arts, origins := synthcorpus.Resample(sources, n, 1)
	for i := 0; i < len(arts); i += 1000 {
		if err := ix.Put(arts[i:min(i+1000, len(arts))]...); err != nil {
			t.Fatal(err)
		}
	}
	if err := ix.Compact(context.Background()); err != nil {
		t.Fatal(err)
	}
	return ix, arts, origins
}

// exactRanking scores every part and never ranks on the rarest alone.
func exactRanking() ranking {
	r := defaultRanking()
	r.scoreRatio, r.commonShare = 0, 0
	return r
}

// tuneShares are the commonShare values the full runs measure.
var tuneShares = []float64{0, 1.0 / 3, 0.5, 2.0 / 3, 0.8, 0.9, 0.95}

// tuneCorpus reads the corpus size and split of a tuning run from
// VKSNEWS_TUNE_N and VKSNEWS_TUNE_SET; full is false, with 2,000 held-out
// articles, when VKSNEWS_TUNE_N is unset (the CI run).
func tuneCorpus(t testing.TB) (n int, split string, full bool) {
	t.Helper()
	env := os.Getenv("VKSNEWS_TUNE_N")
	if env == "" {
		return 2000, "heldout", false
	}
	n, err := strconv.Atoi(env)
	if err != nil {
		t.Fatalf("VKSNEWS_TUNE_N: %v", err)
	}
	return n, cmp.Or(os.Getenv("VKSNEWS_TUNE_SET"), "tuning"), true
}

// TestTuneRanking measures the thresholds on one resampled corpus in two
// ways: how much of the exact first page they keep (overlap) and how well
// they find the story a query recalls (known-items, knownitem_test.go).
func TestTuneRanking(t *testing.T) {
	n, split, full := tuneCorpus(t)
	sources := labeledSources(t, split)
	ix, arts, origins := openResampled(t, sources, n)
	// The share of the corpus some common words are in.
	docs, err := ix.idx.DocCount()
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{"kiem", "sat", "vien", "hoi", "phien", "tam", "giam", "tap", "huan"} {
		snap, err := ix.snapshot()
		if err != nil {
			t.Fatal(err)
		}
		df, err := snap.docFreq(context.Background(), fTextF, w)
		snap.close()
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%q in %.1f %% of %d articles", w, 100*float64(df)/float64(docs), docs)
	}
	c := tuneRun{ix: ix, sources: sources, split: split, n: n, full: full}
	t.Run("overlap", func(t *testing.T) { c.overlap(t) })
	t.Run("known-items", func(t *testing.T) { c.knownItems(t, arts, origins) })
}

// tuneRun is one corpus of a tuning run.
type tuneRun struct {
	ix      *Index
	sources []synthcorpus.Source
	split   string
	n       int
	full    bool
}

// overlap measures how much of the exact first page of 100 queries each
// setting keeps, and how long the queries take.
func (c tuneRun) overlap(t *testing.T) {
	ix, split, n, full := c.ix, c.split, c.n, c.full
	queries := tuneQueries(c.sources, 100, 3)
	reps := 1
	if full {
		reps = 3
	}
	ix.rank = exactRanking()
	firstPages(t, ix, queries, 1) // warm the index's files
	exact, exactTimes := firstPages(t, ix, queries, reps)
	settings := []tuneSetting{{"shipped", defaultRanking()}}
	if full {
		for _, ratio := range []uint64{0, 3, 5, 10, 20, 50} {
			for _, share := range tuneShares {
				r := defaultRanking()
				r.scoreRatio, r.commonShare = ratio, share
				settings = append(settings, tuneSetting{fmt.Sprintf("ratio %d, share %.2f", ratio, share), r})
			}
		}
	}
	t.Logf("| thresholds (%s split, %d articles, %d queries) | mean overlap@%d | min | identical | mean ms | p95 ms | max ms |", split, n, len(queries), tunePage)
	t.Logf("|---|---|---|---|---|---|---|")
	e := compare(exact, exact, exactTimes)
	t.Logf("| exact (ratio 0, share 0) | 1.000 | 1.000 | 1.000 | %.1f | %.1f | %.1f |", ms(e.meanTime), ms(e.p95Time), ms(e.maxTime))
	for _, s := range settings {
		ix.rank = s.rank
		pages, times := firstPages(t, ix, queries, reps)
		r := compare(exact, pages, times)
		t.Logf("| %s | %.3f | %.3f | %.3f | %.1f | %.1f | %.1f |", s.name, r.meanOverlap, r.minOverlap, r.identical, ms(r.meanTime), ms(r.p95Time), ms(r.maxTime))
		if s.name == "shipped" && !full && r.meanOverlap < tuneMinOverlap {
			t.Errorf("the shipped thresholds keep %.3f of the exact first pages, want at least %.2f", r.meanOverlap, tuneMinOverlap)
		}
	}
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
