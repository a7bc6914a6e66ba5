package index

import (
	"context"
	"slices"

	"github.com/blevesearch/bleve/v2/search"
)

// Why a window: a common word matches most of a large archive, and scoring
// every match with title and exact-spelling clauses in the query walked up
// to four posting lists per word, where the folded text alone is one. So
// every match is scored on the folded text, and only the best rerankWindow
// (ranking.rerankWindow) are boosted, by looking up their title,
// exact-spelling and syllable-pair terms. The price: an article that the
// folded text ranks below the window is not lifted into it by a boost. The
// first ten pages of 20 results are boosted; later ones follow the
// folded-text ranking. The order is the same whatever page is asked for, so
// paging neither repeats nor skips an article.

// rankDoc is one article of the head being ranked again.
type rankDoc struct {
	hit *search.DocumentMatch
	// query words found in the title, typed words found as typed, and
	// pairs of neighbouring query words found next to each other
	title, exact, near int
}

// rerank boosts the head of hits (best first on the folded text) by the
// query's words found in the title, words found as typed and neighbouring
// words found together, and orders it again; the rest stays as it is.
func (s *snapshot) rerank(ctx context.Context, q Query, hits []*search.DocumentMatch) ([]*search.DocumentMatch, error) {
	toks := rankTokens(q)
	n := min(len(hits), s.ix.rank.rerankWindow)
	if n == 0 || len(toks) == 0 {
		return hits, nil
	}
	docs := make([]*rankDoc, n)
	for i, h := range hits[:n] {
		docs[i] = &rankDoc{hit: h}
	}
	order, iids := indexOrder(hits[:n])
	byIID := make([]*rankDoc, n)
	for i, h := range order {
		byIID[i] = docs[h]
	}
	marked := 0
	for _, tk := range toks {
		if err := s.lookup(ctx, fTitleF, tk.folded, iids, func(i int) { byIID[i].title++ }); err != nil {
			return nil, err
		}
		if !hasMarks(tk.exact) {
			continue
		}
		marked++
		found := make([]bool, n)
		for _, f := range []string{fTitle, fText} {
			if err := s.lookup(ctx, f, tk.exact, iids, func(i int) { found[i] = true }); err != nil {
				return nil, err
			}
		}
		for i, ok := range found {
			if ok {
				byIID[i].exact++
			}
		}
	}
	pairs := nearPairs(q)
	for _, p := range pairs {
		if err := s.lookup(ctx, fBigram, p, iids, func(i int) { byIID[i].near++ }); err != nil {
			return nil, err
		}
	}
	for _, d := range docs {
		f := 1 + (s.ix.rank.boostTitle-1)*float64(d.title)/float64(len(toks))
		if marked > 0 {
			f += (s.ix.rank.boostExact - 1) * float64(d.exact) / float64(marked)
		}
		if len(pairs) > 0 {
			f += (s.ix.rank.boostNear - 1) * float64(d.near) / float64(len(pairs))
		}
		d.hit.Score *= f
	}
	slices.SortStableFunc(docs, func(a, b *rankDoc) int {
		switch {
		case a.hit.Score > b.hit.Score:
			return -1
		case a.hit.Score < b.hit.Score:
			return 1
		}
		return 0
	})
	// Boosts only raise scores, so the head still scores at least as
	// high as the rest, which keeps its order.
	out := make([]*search.DocumentMatch, 0, len(hits))
	for _, d := range docs {
		out = append(out, d.hit)
	}
	return append(out, hits[n:]...), nil
}

// nearPairs are the syllable pairs (as the pair field holds them) of the
// words typed next to each other outside quotes: quoted phrases are found
// whole anyway.
func nearPairs(q Query) []string {
	var out []string
	var prev *token
	for _, g := range termGroups(q) {
		if len(g) != 1 || len(g[0]) != 1 {
			prev = nil
			continue
		}
		tk := g[0][0]
		if prev != nil {
			out = append(out, prev.folded+" "+tk.folded)
		}
		prev = &tk
	}
	return out
}

// rankTokens are the distinct tokens the query looks for.
func rankTokens(q Query) []token {
	var out []token
	for _, tk := range positiveTokens(q) {
		if !slices.ContainsFunc(out, func(o token) bool { return o.exact == tk.exact }) {
			out = append(out, tk)
		}
	}
	return out
}
