package index

import "math/bits"

// ranking holds the numbers of the scoring model (doc.go), one set per
// Index: the defaults below in production; tests and the tuning harness
// (tuning_test.go) change them on an open index before searching.
type ranking struct {
	// scoreRatio: a required part found in more than scoreRatio times as
	// many articles as the rarest part is required without being scored
	// (buildQuery). 0 scores every part.
	scoreRatio uint64
	// commonShare: rankOnRarest is tried when even the rarest part is in at
	// least one article in commonShare. 0 never tries it.
	commonShare uint64
	// candidateMargin is how many more candidates than the estimate
	// rankOnRarest reads, so that the first read usually fills the window.
	candidateMargin float64
	// maxCandidates: rankOnRarest applies only when its estimate for the
	// first rerankWindow matches is at most this many candidates.
	maxCandidates int
	// rerankWindow is how many of the best matches are ranked again with
	// the boosts (rerank.go).
	rerankWindow int
	// boostTitle, boostExact and boostNear are the largest factors by which
	// query words in the title, words typed with diacritics found as typed
	// rather than only without marks ("hòa" ranks "hòa" above "hóa"), and
	// words typed next to each other found next to each other ("tạm giam"
	// ranks "tạm giam" above "tạm ... giam") multiply a score (rerank.go).
	boostTitle, boostExact, boostNear float64
}

// The defaults, measured with the tuning harness (tuning_test.go) on a
// corpus resampled from real-style text and with `vksnews bench` at 100,000
// articles (docs/BENCHMARKS.md, "Ranking thresholds on real-style word
// frequencies"). On real-style text, scoring every part keeps the exact
// first page and a single query is no slower (13.2–14.7 ms at 100,000
// against 13.1 ms); but with 8 clients on queries of words in most
// articles, the shortcuts are what keep word queries fastest (p95 58 ms
// with these defaults, 56 ms with commonShare 2, 66 ms with scoreRatio 10
// alone, 70 ms scoring every part). So the defaults stay, at the cost
// measured there: they keep 0.63–0.79 of the exact BM25 first page, a
// different order, not one judged worse (TestRelevance holds either way).
const (
	scoreRatio      = 10
	commonShare     = 3
	candidateMargin = 1.5
	maxCandidates   = 5000
	rerankWindow    = 200
	boostTitle      = 2.0
	boostExact      = 3.0
	boostNear       = 2.0
)

// defaultRanking is the scoring model as shipped.
func defaultRanking() ranking {
	return ranking{
		scoreRatio: scoreRatio, commonShare: commonShare, candidateMargin: candidateMargin,
		maxCandidates: maxCandidates, rerankWindow: rerankWindow,
		boostTitle: boostTitle, boostExact: boostExact, boostNear: boostNear,
	}
}

// scored reports whether a part found in df articles is scored when the
// rarest part of its query is in rarest: df at most scoreRatio×rarest.
func (r ranking) scored(df, rarest uint64) bool {
	if r.scoreRatio == 0 {
		return true
	}
	hi, lo := bits.Mul64(r.scoreRatio, rarest)
	return hi > 0 || df <= lo
}
