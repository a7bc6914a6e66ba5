package index

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2"

	"github.com/vksnews/vksnews/internal/article"
	"github.com/vksnews/vksnews/internal/filter"
)

// TestSearchFindsEveryMatch checks, for every relevance query, that a
// search finds exactly the articles the query matches: scoring only some
// parts (buildQuery with counts) and boosting the head (rerank) lose none.
func TestSearchFindsEveryMatch(t *testing.T) {
	ix := openCorpus(t)
	for _, c := range relevanceCases(t) {
		q, err := ParseQuery(c.Query)
		if err != nil {
			t.Fatal(err)
		}
		res, err := ix.idx.Search(bleve.NewSearchRequestOptions(buildQuery(q, nil, nil), 100, 0, false))
		if err != nil {
			t.Fatal(err)
		}
		want := []string{}
		for _, h := range res.Hits {
			want = append(want, h.ID)
		}
		got := mustSearch(t, ix, Request{Query: c.Query, Size: 100})
		if g := ids(got); !reflect.DeepEqual(sorted(g), sorted(want)) || got.Total != res.Total {
			t.Errorf("%q: %v (total %d), want %v (total %d)", c.Query, g, got.Total, want, res.Total)
		}
	}
}

// TestRankOnRarestFallsBack builds an archive where the articles that have
// the rarer word most often lack the other one, so that ranking on the rarer
// word finds too few matches among its best, and checks that the search then
// runs the full query and still finds the matches.
func TestRankOnRarestFallsBack(t *testing.T) {
	ix, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = ix.Close() })
	var as []article.Article
	for i := range 40 {
		a := article.Article{ID: fmt.Sprintf("a%02d", i), Portal: "p", Title: fmt.Sprintf("Tin %d", i)}
		switch {
		case i < 16: // the rare word often, the common one never
			a.Body = strings.Repeat("zeta ", 5) + "lorem."
		case i < 20: // both, the rare word once
			a.Body = "zeta eta lorem ipsum dolor."
		default: // the common word only
			a.Body = "eta lorem."
		}
		as = append(as, a)
	}
	if err := ix.Put(as...); err != nil {
		t.Fatal(err)
	}
	ix.rank.rerankWindow, ix.rank.commonShare = 2, 1.0/3
	ctx := context.Background()
	snap, err := ix.snapshot()
	if err != nil {
		t.Fatal(err)
	}
	defer func() {
		if err := snap.close(); err != nil {
			t.Error(err)
		}
	}()
	c, err := compileQuery("zeta eta", filter.Filters{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	df, dfErr := snap.counter(ctx)
	parts := queryParts(c.parsed, df)
	if err := dfErr(); err != nil {
		t.Fatal(err)
	}
	if _, ok, err := snap.rankOnRarest(ctx, c, parts, 2); err != nil || ok {
		t.Fatalf("rankOnRarest: ok %v, error %v; want it to give up", ok, err)
	}
	// "eta lorem" is common enough to be ranked on its rarer word, and
	// what that finds is the whole answer.
	c, err = compileQuery("eta lorem", filter.Filters{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	got, ok, err := snap.rankOnRarest(ctx, c, queryParts(c.parsed, df), 100)
	if err != nil || !ok || got.total != 24 || len(got.hits) != 24 {
		t.Fatalf("rankOnRarest(eta lorem): ok %v, error %v, total %d, %d hits; want 24", ok, err, got.total, len(got.hits))
	}
	res := mustSearch(t, ix, Request{Query: "zeta eta", Size: 10})
	if want := []string{"a16", "a17", "a18", "a19"}; res.Total != 4 || !reflect.DeepEqual(sorted(ids(res)), want) {
		t.Errorf("zeta eta: %v (total %d), want %v", ids(res), res.Total, want)
	}
}

// FuzzSearch runs any query against the test corpus: a search must not
// fail but for a bad request, and must find what the query matches.
func FuzzSearch(f *testing.F) {
	for _, c := range relevanceCases(f) {
		f.Add(c.Query)
	}
	ix, err := Open(f.TempDir())
	if err != nil {
		f.Fatal(err)
	}
	defer ix.Close()
	if err := ix.Put(corpus()...); err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, s string) {
		res, err := ix.Search(context.Background(), Request{Query: s, Size: 100})
		if err != nil {
			if !errors.Is(err, ErrBadRequest) {
				t.Fatalf("search %q: %v", s, err)
			}
			return
		}
		q, err := ParseQuery(s)
		if err != nil {
			t.Fatalf("search %q worked, the parser refuses it: %v", s, err)
		}
		all, err := ix.idx.Search(bleve.NewSearchRequestOptions(buildQuery(q, nil, nil), 100, 0, false))
		if err != nil {
			t.Fatal(err)
		}
		if res.Total != all.Total || len(res.Hits) != len(all.Hits) {
			t.Fatalf("search %q: %d of %d, the query matches %d", s, len(res.Hits), res.Total, all.Total)
		}
	})
}

// TestFacetsOfMostMatches checks the facets of queries that match most of
// the index (counted as the whole index's less those of the rest) and of
// others against counting the matches directly: at first, after a write
// (which must recount the whole index), and while a write is under way.
func TestFacetsOfMostMatches(t *testing.T) {
	ix := openCorpus(t)
	ctx := context.Background()
	direct := func(q string) map[string][]FacetValue {
		t.Helper()
		c, err := compileQuery(q, filter.Filters{}, nil)
		if err != nil {
			t.Fatal(err)
		}
		snap, err := ix.snapshot()
		if err != nil {
			t.Fatal(err)
		}
		defer snap.close()
		col, err := snap.collect(ctx, c.match(), 0, 0, sortOrder(SortRelevance), "none", true)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("direct %q: total %d", q, col.total)
		return collectFacets(col.facets)
	}
	check := func(when string) {
		t.Helper()
		for _, q := range []string{"", "vks", "viện kiểm sát", `vks -"phiên tòa"`, "vks -hòa", "khanh hoa", "tạm giam", "zzz"} {
			got := mustSearch(t, ix, Request{Query: q, Facets: true})
			if want := direct(q); !reflect.DeepEqual(got.Facets, want) {
				t.Errorf("%s, %q (%d of %d match): facets\n%v\nwant\n%v", when, q, got.Total, len(corpus()), got.Facets, want)
			}
		}
	}
	check("at first")
	extra := article.Article{ID: "new1", Portal: "p", Title: "VKSND tỉnh Lào Cai tổ chức hội nghị",
		Body: "Viện kiểm sát nhân dân tỉnh Lào Cai tổ chức hội nghị.", Published: at(2026, 3, 1, 8),
		Unit: unit("VKSND tỉnh Lào Cai", "tinh", "Lào Cai", "Lào Cai"), EventTypes: []string{"hoi_nghi_can_bo"}}
	if err := ix.Put(extra); err != nil {
		t.Fatal(err)
	}
	check("after a put")
	if err := ix.Delete("kh1", "new1"); err != nil {
		t.Fatal(err)
	}
	check("after a delete")
	ix.gen.Add(1) // as while a write is under way
	check("during a write")
	ix.gen.Add(1)
}
