package index

import (
	"context"
	"fmt"
	"math"
	"slices"

	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
)

// rankOnRarest finds the best window matches of a query of several common
// parts ("kiểm sát", "tạm giam": each in most of the archive) without
// scoring every match on every part, which is most of the cost of such a
// search: bleve scores a conjunction by walking every posting of every part.
//
// It counts the matches without scoring, which bleve does
// by intersecting the parts' postings as bitmaps; ranks the articles that
// have the rarest part on that part alone, enough of them that, at the
// share of them that match the whole query, window match; and keeps those
// that have every other part, in that order. ok is false when the query is
// not of that kind, or when its parts seldom occur together (the first
// window would need more than maxCandidates candidates, or the candidates
// estimated for it do not fill it); the caller then runs the full query.
//
// Both tests depend on the query and the index alone, never on the page
// asked for: a query is ranked one way on every page, and each ranking is
// one order of all the matches, of which a deeper page reads a longer
// prefix. So paging neither repeats nor skips an article
// (TestPagingNeverRepeatsOrSkips). A deep page costs more candidates than
// the first; past what was estimated, the candidates double until the
// window is filled or every article with the rarest part has been read.
func (s *snapshot) rankOnRarest(ctx context.Context, c compiled, parts []required, window int) (_ collected, ok bool, err error) {
	// Filters make the full query cheap: its parts skip to the few
	// articles that pass them.
	if len(parts) < 2 || len(c.filters) > 0 {
		return collected{}, false, nil
	}
	rare := 0
	for i, p := range parts {
		if p.df < parts[rare].df {
			rare = i
		}
	}
	// When the rarest part is rare, the full query is cheap too: the
	// others skip to its few articles.
	docs, err := s.r.DocCount()
	if err != nil {
		return collected{}, false, fmt.Errorf("count articles: %w", err)
	}
	if s.ix.rank.commonShare == 0 || float64(parts[rare].df) < s.ix.rank.commonShare*float64(docs) {
		return collected{}, false, nil
	}
	count, err := s.collect(ctx, c.match(), 0, 0, sortOrder(SortRelevance), "none", false)
	if err != nil || count.total == 0 {
		return count, err == nil, err
	}
	share := float64(count.total) / float64(max(parts[rare].df, 1))
	candidates := func(need int) int { return int(math.Ceil(s.ix.rank.candidateMargin * float64(need) / min(share, 1))) }
	// The first window, which every page reads, decides the mode.
	first := min(max(s.ix.rank.rerankWindow, 1), int(count.total))
	n := candidates(first)
	if n > s.ix.rank.maxCandidates {
		return collected{}, false, nil
	}
	need := min(window, int(count.total))
	rq := assemble([]query.Query{parts[rare].q}, nil, excludes(c.parsed))
	others := slices.Delete(slices.Clone(parts), rare, rare+1)
	for probe := true; ; probe, n = false, max(2*n, candidates(need)) {
		cand, err := s.collect(ctx, rq, n, 0, sortOrder(SortRelevance), "", false)
		if err != nil {
			return collected{}, false, err
		}
		hits, err := s.withParts(ctx, cand.hits, others)
		if err != nil {
			return collected{}, false, err
		}
		// Fewer candidates than asked for were all the articles with the
		// rarest part, so those with the other parts are every match.
		exhausted := len(cand.hits) < n
		if probe && len(hits) < first && !exhausted {
			return collected{}, false, nil
		}
		if len(hits) >= need || exhausted {
			count.hits = hits[:min(len(hits), window)]
			return count, true, nil
		}
	}
}

// withParts keeps the hits that have every part, in their order.
func (s *snapshot) withParts(ctx context.Context, hits []*search.DocumentMatch, parts []required) ([]*search.DocumentMatch, error) {
	order, iids := indexOrder(hits)
	keep := make([]bool, len(hits))
	for i := range keep {
		keep[i] = true
	}
	for _, p := range parts {
		has := make([]bool, len(hits))
		for _, alt := range p.alts {
			found := make([]int, len(hits)) // how many of alt's terms each hit has
			for _, l := range alt {
				if err := s.lookup(ctx, l.field, l.term, iids, func(i int) { found[order[i]]++ }); err != nil {
					return nil, err
				}
			}
			for i, n := range found {
				has[i] = has[i] || n == len(alt)
			}
		}
		for i := range keep {
			keep[i] = keep[i] && has[i]
		}
	}
	out := make([]*search.DocumentMatch, 0, len(hits))
	for i, h := range hits {
		if keep[i] {
			out = append(out, h)
		}
	}
	return out, nil
}
