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
	// least this share of the articles. 0 never tries it.
	commonShare float64
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

// The defaults, measured on corpora resampled from real-style text with
// the known-item relevance set (knownitem_test.go) and the tuning harness
// (tuning_test.go), and with `vksnews bench` at 100,000 articles
// (docs/BENCHMARKS.md, "Known-item relevance"). scoreRatio 10 finds the
// story searched for as well as scoring every part does (nDCG@20 within
// 0.001). rankOnRarest is what keeps queries of words found in nearly every
// article fast under load (8 clients on 2 CPUs: word p95 57–64 ms with it,
// 84–93 ms without), but it ranks worse the rarer the query's words are: at
// one article in three (commonShare 1/3, the earlier default) nDCG@20 fell
// 0.05–0.07. commonShare 0.9, the smallest share within 0.01 of exact
// scoring on the tuning split, keeps it to the queries where the words say
// almost nothing about which article is wanted, and is as fast under load
// as 1/3 was.
const (
	scoreRatio      = 10
	commonShare     = 0.9
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
