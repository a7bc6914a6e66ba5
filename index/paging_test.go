package index

import (
	"context"
	"slices"
	"testing"

	"github.com/vksnews/vksnews/internal/synthcorpus"

	"github.com/vksnews/vksnews/internal/article"
	"github.com/vksnews/vksnews/internal/filter"
)

// TestPagingNeverRepeatsOrSkips pages through queries of every kind — one
// common word, several common words (ranked on the rarest, see
// rankOnRarest), rare words, a phrase, an exclusion, a filter, none — in
// pages of 9 and checks that the pages, put together, are exactly the
// matches of the query, each once, in the order of pages of 100. The rerank
// window is shrunk to 25 so that pages cross it, as the 11th page of 20
// crosses it in production, and the candidates of rankOnRarest to 300 (deep
// pages need more) and to 30 (the full query ranks every page).
func TestPagingNeverRepeatsOrSkips(t *testing.T) {
	ix, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = ix.Close() })
	if err := ix.Put(synthcorpus.Articles(300, 11)...); err != nil {
		t.Fatal(err)
	}
	// rankOnRarest is on whatever the shipped commonShare, so that its
	// pages are checked too.
	ix.rank.rerankWindow, ix.rank.commonShare = 25, 1.0/3
	cases := []struct {
		query   string
		filters filter.Filters
	}{
		{query: "kiểm sát"},
		{query: "tổ chức năm"},
		{query: "công chức người lao động"},
		{query: "kiểm sát tổng kết"},
		{query: "phiên tòa kiểm sát viên"},
		{query: "tạm giam nhà tạm giữ"},
		{query: "thiện nguyện học sinh"},
		{query: `"rút kinh nghiệm"`},
		{query: "kiểm sát -phiên"},
		{query: "kiểm sát", filters: filter.Filters{Level: "tinh"}},
		{query: ""},
	}
	for _, candidates := range []int{300, 30} {
		ix.rank.maxCandidates = candidates
		for _, c := range cases {
			want := matchIDs(t, ix, c.query, c.filters)
			if len(want) == 0 {
				t.Fatalf("%q: no match; the case tests nothing", c.query)
			}
			for _, sort := range []string{SortRelevance, SortDate} {
				big := pageThrough(t, ix, Request{Query: c.query, Filters: c.filters, Sort: sort}, 100)
				small := pageThrough(t, ix, Request{Query: c.query, Filters: c.filters, Sort: sort}, 9)
				if !slices.Equal(small, big) {
					at := 0
					for at < min(len(small), len(big)) && small[at] == big[at] {
						at++
					}
					t.Errorf("%q by %s: pages of 9 and of 100 part at result %d of %d/%d", c.query, sort, at, len(small), len(big))
				}
				if got := sorted(big); !slices.Equal(got, want) {
					t.Errorf("%q by %s: pages hold %d articles (%d distinct), the query matches %d",
						c.query, sort, len(big), len(slices.Compact(got)), len(want))
				}
			}
		}
	}
}

// pageThrough reads every page of req of the given size and returns the
// IDs in page order.
func pageThrough(t *testing.T, ix *Index, req Request, size int) []string {
	t.Helper()
	req.Size = size
	var out []string
	for req.Page = 1; ; req.Page++ {
		res := mustSearch(t, ix, req)
		out = append(out, ids(res)...)
		if len(res.Hits) < size || len(out) >= int(res.Total) {
			return out
		}
	}
}

// matchIDs is every article that matches, sorted, from ForEachMatch,
// which does not rank.
func matchIDs(t *testing.T, ix *Index, q string, f filter.Filters) []string {
	t.Helper()
	var out []string
	err := ix.ForEachMatch(context.Background(), q, f, nil, func(a article.Article) error {
		out = append(out, a.ID)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(out)
	return out
}
