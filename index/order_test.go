package index

import (
	"slices"
	"testing"
)

// TestNoQueryNewestFirst: with no word to rank by, a search lists the
// newest first (every match would score alike), unless asked otherwise.
func TestNoQueryNewestFirst(t *testing.T) {
	ix := openCorpus(t)
	for _, q := range []string{"", `-"tập huấn"`} {
		res := mustSearch(t, ix, Request{Query: q, Size: 100})
		if len(res.Hits) == 0 {
			t.Fatalf("%q: no hits", q)
		}
		var prev string
		for i, h := range res.Hits {
			d, ok := sortDate(h.Article)
			if !ok {
				continue
			}
			cur := d.UTC().Format(sortDateLayout)
			if i > 0 && prev != "" && cur > prev {
				t.Errorf("%q: hit %d (%s) is newer than the one before (%s)", q, i, cur, prev)
			}
			prev = cur
		}
	}
	// A query of exclusions alone matches all but the excluded: dn1 is
	// the one article whose text says "tập huấn".
	res := mustSearch(t, ix, Request{Query: `-"tập huấn"`, Size: 100})
	if got := ids(res); res.Total != 11 || slices.Contains(got, "dn1") {
		t.Errorf(`-"tập huấn": total %d, ids %v`, res.Total, got)
	}
}
