package index

import (
	"context"
	"encoding/json"
	"os"
	"slices"
	"testing"
)

// relevanceCase is one query of testdata/relevance.json and what it must
// return: the first hit one of Top, every ID of All found, none of None,
// each pair of Above in that order, and Total hits when given.
type relevanceCase struct {
	Query string      `json:"query"`
	Note  string      `json:"note"`
	Top   []string    `json:"top"`
	All   []string    `json:"all"`
	None  []string    `json:"none"`
	Above [][2]string `json:"above"`
	Total *int        `json:"total"`
}

// relevanceCases reads testdata/relevance.json.
func relevanceCases(t testing.TB) []relevanceCase {
	t.Helper()
	b, err := os.ReadFile("testdata/relevance.json")
	if err != nil {
		t.Fatal(err)
	}
	var cases []relevanceCase
	if err := json.Unmarshal(b, &cases); err != nil {
		t.Fatal(err)
	}
	return cases
}

func TestRelevance(t *testing.T) {
	cases := relevanceCases(t)
	if len(cases) < 40 {
		t.Fatalf("%d relevance cases, want at least 40", len(cases))
	}
	ix := openCorpus(t)
	for _, c := range cases {
		t.Run(c.Query, func(t *testing.T) {
			res, err := ix.Search(context.Background(), Request{Query: c.Query, Size: 100})
			if err != nil {
				t.Fatal(err)
			}
			var ids []string
			for _, h := range res.Hits {
				ids = append(ids, h.Article.ID)
			}
			if len(c.Top) > 0 && (len(ids) == 0 || !slices.Contains(c.Top, ids[0])) {
				t.Errorf("%s: top hit of %v, want one of %v", c.Note, ids, c.Top)
			}
			for _, id := range c.All {
				if !slices.Contains(ids, id) {
					t.Errorf("%s: %s missing from %v", c.Note, id, ids)
				}
			}
			for _, id := range c.None {
				if slices.Contains(ids, id) {
					t.Errorf("%s: %s found in %v", c.Note, id, ids)
				}
			}
			for _, p := range c.Above {
				i, j := slices.Index(ids, p[0]), slices.Index(ids, p[1])
				if i < 0 || j < 0 || i > j {
					t.Errorf("%s: want %s above %s in %v", c.Note, p[0], p[1], ids)
				}
			}
			if c.Total != nil && res.Total != uint64(*c.Total) {
				t.Errorf("%s: total %d, want %d (%v)", c.Note, res.Total, *c.Total, ids)
			}
		})
	}
}
