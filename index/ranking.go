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

// The defaults, chosen with the tuning harness (tuning_test.go) on a corpus
// resampled from real-style text (docs/BENCHMARKS.md, "Ranking thresholds on
// real-style word frequencies"). The rule, fixed before the runs: the
// fastest setting that keeps at least 0.95 of the exact first page on the
// tuning split. At 20,000 and 100,000 articles neither shortcut was faster
// than scoring every part (13.2 ms against 11.7–16.3 ms at 100,000, within
// the machine's ±10 %), and both cost exactness: commonShare 3 kept 0.63 of
// the exact first page, scoreRatio 10 0.94. So both are off: every part is
// scored and rankOnRarest is never tried. They stay as settings because on
// the fixed-phrase corpus of synthcorpus.Articles, where every article
// shares the same few phrases, they were what met the latency targets.
const (
	scoreRatio      = 0
	commonShare     = 0
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
