package index

import (
	"reflect"
	"testing"

	"github.com/blevesearch/bleve/v2"
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
