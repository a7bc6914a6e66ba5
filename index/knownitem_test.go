package index

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/vksnews/vksnews/internal/article"
	"github.com/vksnews/vksnews/internal/synthcorpus"
	"github.com/vksnews/vksnews/internal/vntext"
)

// The known-item relevance set judges a ranking on real-style text, which
// the overlap measure (tuneRun.overlap) cannot: overlap says how far the
// shortcuts' first page strays from exact BM25, not whether it got worse. Here
// every query recalls one story's headline, as an analyst who read it types
// a few of its words, and the judgments come from how the corpus was built,
// not from any ranking (simulated known-item queries, after Azzopardi, de
// Rijke and Balog, SIGIR 2007): an article that opens with that story
// (synthcorpus.Resample's origin) is the known item, grade 2; an article of
// the story's event type is on its subject, grade 1; any other, 0.
//
//	VKSNEWS_TUNE_N=20000 VKSNEWS_TUNE_SET=tuning go test ./index -run TestTuneRanking/known-items -v -timeout 30m
//
// Without VKSNEWS_TUNE_N it runs on 2,000 articles of the held-out split and
// fails when the shipped thresholds' mean nDCG@20 falls more than
// knownItemTolerance below exact scoring's.

// knownItemTolerance is how much lower than exact scoring's the shipped
// thresholds' nDCG@20 may be in the CI run: a bound fixed before the first
// run (they are 0.008 lower there, docs/BENCHMARKS.md).
const knownItemTolerance = 0.02

// knownItemQuery is one query and the story it recalls.
type knownItemQuery struct {
	text   string
	origin int
}

// knownItemQueries makes n queries of two to four consecutive headline
// syllables of a story, every other one without diacritics. Only syllables
// that every article of the story keeps in its title are used: Resample puts
// each article's own province, people and numbers in the headline, and a
// query of those would recall one article, not the story.
func knownItemQueries(arts []article.Article, origins []int, n int, seed uint64) []knownItemQuery {
	titles := map[int][]string{}
	for i, o := range origins {
		titles[o] = append(titles[o], arts[i].Title)
	}
	var stories []int
	runs := map[int][][]string{} // each story's shared headline runs
	for o, ts := range titles {
		if len(ts) >= 2 {
			stories = append(stories, o)
			runs[o] = sharedRuns(ts)
		}
	}
	slices.Sort(stories)
	if len(stories) == 0 {
		return nil
	}
	rng := rand.New(rand.NewPCG(seed, 11))
	var out []knownItemQuery
	seen := map[string]bool{}
	for tries := 0; len(out) < n && tries < 100*n; tries++ {
		o := stories[rng.IntN(len(stories))]
		k := 2 + len(out)%3
		var fits [][]string
		for _, r := range runs[o] {
			if len(r) >= k {
				fits = append(fits, r)
			}
		}
		if len(fits) == 0 {
			continue
		}
		r := fits[rng.IntN(len(fits))]
		at := rng.IntN(len(r) - k + 1)
		q := strings.Join(r[at:at+k], " ")
		if len(out)%2 == 1 {
			q = vntext.Fold(q)
		}
		if seen[q] {
			continue
		}
		seen[q] = true
		out = append(out, knownItemQuery{q, o})
	}
	return out
}

// sharedRuns returns the runs of consecutive syllables of the first title
// that every title contains.
func sharedRuns(titles []string) [][]string {
	in := make([]map[string]bool, len(titles))
	for i, t := range titles {
		in[i] = map[string]bool{}
		for _, run := range syllableRuns(t) {
			for _, w := range run {
				in[i][w] = true
			}
		}
	}
	var out [][]string
	for _, run := range syllableRuns(titles[0]) {
		var cur []string
		for _, w := range run {
			shared := true
			for _, set := range in[1:] {
				shared = shared && set[w]
			}
			if shared {
				cur = append(cur, w)
				continue
			}
			if len(cur) > 0 {
				out = append(out, cur)
			}
			cur = nil
		}
		if len(cur) > 0 {
			out = append(out, cur)
		}
	}
	return out
}

// knownItemGrades judges every article for a query recalling story o.
func knownItemGrades(sources []synthcorpus.Source, arts []article.Article, origins []int, o int) map[string]int {
	topic := sources[o].EventType
	grades := map[string]int{}
	for i, a := range arts {
		switch {
		case origins[i] == o:
			grades[a.ID] = 2
		case topic != "" && topic != article.EventKhac && slices.Contains(a.EventTypes, topic):
			grades[a.ID] = 1
		}
	}
	return grades
}

// knownItemScore is what one ranking did over all queries.
type knownItemScore struct {
	ndcg, success10, mrr float64
}

// scoreKnownItems scores each query's first page against its grades:
// nDCG@tunePage with gains 2^grade-1, the share of queries with a known item
// in the first ten, and the mean reciprocal rank of the first known item.
func scoreKnownItems(pages [][]string, grades []map[string]int) knownItemScore {
	var s knownItemScore
	for i, page := range pages {
		var dcg float64
		first := 0
		for r, id := range page {
			g := grades[i][id]
			dcg += (math.Exp2(float64(g)) - 1) / math.Log2(float64(r)+2)
			if g == 2 && first == 0 {
				first = r + 1
			}
		}
		ideal := make([]int, 0, len(grades[i]))
		for _, g := range grades[i] {
			ideal = append(ideal, g)
		}
		slices.SortFunc(ideal, func(a, b int) int { return b - a })
		var idcg float64
		for r, g := range ideal[:min(len(ideal), tunePage)] {
			idcg += (math.Exp2(float64(g)) - 1) / math.Log2(float64(r)+2)
		}
		if idcg > 0 {
			s.ndcg += dcg / idcg
		}
		if first > 0 {
			s.mrr += 1 / float64(first)
			if first <= 10 {
				s.success10++
			}
		}
	}
	n := float64(len(pages))
	return knownItemScore{s.ndcg / n, s.success10 / n, s.mrr / n}
}

// knownItems measures how well each setting finds the stories that 150
// queries recall.
func (c tuneRun) knownItems(t *testing.T, arts []article.Article, origins []int) {
	ix, sources, split, n, full := c.ix, c.sources, c.split, c.n, c.full
	queries := knownItemQueries(arts, origins, 150, 5)
	if len(queries) < 100 {
		t.Fatalf("%d known-item queries, want at least 100", len(queries))
	}
	texts := make([]string, len(queries))
	grades := make([]map[string]int, len(queries))
	for i, q := range queries {
		texts[i] = q.text
		grades[i] = knownItemGrades(sources, arts, origins, q.origin)
	}
	settings := []tuneSetting{{"exact (ratio 0, share 0)", exactRanking()}}
	if full {
		for _, share := range tuneShares {
			r := defaultRanking()
			r.commonShare = share
			settings = append(settings, tuneSetting{fmt.Sprintf("ratio %d, share %.2f", r.scoreRatio, share), r})
		}
	}
	settings = append(settings, tuneSetting{"shipped", defaultRanking()})
	t.Logf("| thresholds (%s split, %d articles, %d queries) | nDCG@%d | known item in first 10 | MRR |", split, n, len(queries), tunePage)
	t.Logf("|---|---|---|---|")
	var exact knownItemScore
	for _, s := range settings {
		ix.rank = s.rank
		pages, _ := firstPages(t, ix, texts, 1)
		r := scoreKnownItems(pages, grades)
		t.Logf("| %s | %.3f | %.3f | %.3f |", s.name, r.ndcg, r.success10, r.mrr)
		if s.name == settings[0].name {
			exact = r
		}
		if s.name == "shipped" && !full && r.ndcg < exact.ndcg-knownItemTolerance {
			t.Errorf("the shipped thresholds give nDCG@%d %.3f, exact scoring %.3f: more than %.2f worse", tunePage, r.ndcg, exact.ndcg, knownItemTolerance)
		}
	}
}

// TestScoreKnownItems checks the metric on pages worked out by hand.
func TestScoreKnownItems(t *testing.T) {
	grades := []map[string]int{{"a": 2, "b": 1}}
	cases := []struct {
		page             []string
		ndcg, success, r float64
	}{
		{[]string{"a", "b"}, 1, 1, 1},
		{[]string{"b", "a"}, (1 + 3/math.Log2(3)) / (3 + 1/math.Log2(3)), 1, 0.5},
		{[]string{"x", "b"}, (1 / math.Log2(3)) / (3 + 1/math.Log2(3)), 0, 0},
		{nil, 0, 0, 0},
	}
	for _, c := range cases {
		got := scoreKnownItems([][]string{c.page}, grades)
		if math.Abs(got.ndcg-c.ndcg) > 1e-9 || got.success10 != c.success || got.mrr != c.r {
			t.Errorf("%v: got %+v, want nDCG %.4f, success %.0f, MRR %.2f", c.page, got, c.ndcg, c.success, c.r)
		}
	}
}
