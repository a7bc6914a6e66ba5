package index

import (
	"hash/crc32"
	"reflect"
	"slices"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/vksnews/vksnews/internal/article"
)

// TestRerankWindow shrinks the window to 3 articles, below the corpus, and
// checks what a large archive would show: the head boosted and ordered again,
// the rest in the folded-text order, scores that never rise down the list,
// and pages that neither repeat nor skip an article.
func TestRerankWindow(t *testing.T) {
	ix := openCorpus(t)
	ix.rank.rerankWindow = 3
	for _, q := range []string{"vks", "kiểm sát", "hòa", "phien toa", `"kiểm sát viên"`, "viện kiểm sát -hòa"} {
		all := mustSearch(t, ix, Request{Query: q, Size: 100})
		if all.Total < 4 {
			t.Fatalf("%q: %d matches, want more than the window", q, all.Total)
		}
		for i := 1; i < len(all.Hits); i++ {
			if all.Hits[i].Score > all.Hits[i-1].Score {
				t.Errorf("%q: score rises at %d: %v", q, i, scores(all))
			}
		}
		// The head is the folded text's best 3 (what a window of 0 gives),
		// boosted and ordered again.
		ix.rank.rerankWindow = 0
		folded := ids(mustSearch(t, ix, Request{Query: q, Size: 100}))
		ix.rank.rerankWindow = 3
		if got := ids(all); !reflect.DeepEqual(sorted(got[:3]), sorted(folded[:3])) || !reflect.DeepEqual(got[3:], folded[3:]) {
			t.Errorf("%q: %v, want the head of %v boosted and the rest as it is", q, got, folded)
		}
		var paged []string
		for page := 1; len(paged) < int(all.Total); page++ {
			res := mustSearch(t, ix, Request{Query: q, Page: page, Size: 2})
			if len(res.Hits) == 0 {
				break
			}
			paged = append(paged, ids(res)...)
		}
		if !reflect.DeepEqual(paged, ids(all)) {
			t.Errorf("%q: pages of 2 give %v, one page %v", q, paged, ids(all))
		}
	}
	// Inside the window the exact spelling ranks first; below it the
	// folded-text order stays (kh1, "hòa", ranks below dnai1, "hóa").
	got := ids(mustSearch(t, ix, Request{Query: "hòa", Size: 100}))
	if want := []string{"tv1", "kh2", "dnai1", "kh1"}; !reflect.DeepEqual(got, want) {
		t.Errorf("hòa with a window of 3: %v, want %v", got, want)
	}
	ix.rank.rerankWindow = rerankWindow
	got = ids(mustSearch(t, ix, Request{Query: "hòa", Size: 100}))
	if i, j := slices.Index(got, "kh1"), slices.Index(got, "dnai1"); i < 0 || i > j {
		t.Errorf("hòa with the whole corpus in the window: %v, want kh1 above dnai1", got)
	}
}

func scores(r Result) []float64 {
	var out []float64
	for _, h := range r.Hits {
		out = append(out, h.Score)
	}
	return out
}

// TestScoredPartsMatchAsAll checks, for every relevance query, that
// requiring the commoner parts as an unscored filter (see buildQuery) finds
// exactly the articles requiring every part finds, whichever parts are the
// common ones.
func TestScoredPartsMatchAsAll(t *testing.T) {
	ix := openCorpus(t)
	find := func(q query.Query) []string {
		res, err := ix.idx.Search(bleve.NewSearchRequestOptions(q, 100, 0, false))
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, h := range res.Hits {
			out = append(out, h.ID)
		}
		return sorted(out)
	}
	split := 0
	// The shipped scoreRatio may be 0 (ranking.go): the test sets its own.
	r := defaultRanking()
	r.scoreRatio = 10
	// Document frequencies that make different parts the rare one.
	dfs := map[string]docFreq{
		"hashed":     func(_, term string) uint64 { return 1 << (crc32.ChecksumIEEE([]byte(term)) % 16) },
		"rehashed":   func(_, term string) uint64 { return 1 << (crc32.ChecksumIEEE([]byte(term+"x")) % 16) },
		"pairs rare": func(field, _ string) uint64 { return map[bool]uint64{true: 1, false: 50}[field == fBigram] },
	}
	for _, c := range relevanceCases(t) {
		q, err := ParseQuery(c.Query)
		if err != nil {
			t.Fatal(err)
		}
		want := find(buildQuery(q, nil, nil))
		for name, df := range dfs {
			bq := fromParts(q, queryParts(q, df), nil, r)
			if b, ok := bq.(*query.BooleanQuery); ok && b.Filter != nil {
				split++
			}
			if got := find(bq); !reflect.DeepEqual(got, want) {
				t.Errorf("%q, df %s: %v, want %v", c.Query, name, got, want)
			}
		}
	}
	if split < 20 {
		t.Errorf("only %d queries had a part filtered, want at least 20", split)
	}
}

// TestNearWordsRankFirst checks the boost for words typed next to each
// other found next to each other: an article with "tạm giam" ranks above
// one that has both words more often but apart.
func TestNearWordsRankFirst(t *testing.T) {
	ix, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = ix.Close() })
	err = ix.Put(
		article.Article{ID: "apart", Portal: "p", Title: "Tin một", Body: "Tạm ứng kinh phí. Giam xe vi phạm. Tạm dừng. Giam giữ tang vật."},
		article.Article{ID: "near", Portal: "p", Title: "Tin hai", Body: "Kiểm sát việc tạm giam tại nhà tạm giữ, thời hạn dài hơn mọi bài khác để điểm thấp hơn."},
	)
	if err != nil {
		t.Fatal(err)
	}
	ix.rank.rerankWindow = 0
	if got := ids(mustSearch(t, ix, Request{Query: "tạm giam"})); !reflect.DeepEqual(got, []string{"apart", "near"}) {
		t.Fatalf("without boosts: %v, want apart first (the test needs it)", got)
	}
	ix.rank.rerankWindow = rerankWindow
	for _, q := range []string{"tạm giam", "tam giam"} {
		if got := ids(mustSearch(t, ix, Request{Query: q})); !reflect.DeepEqual(got, []string{"near", "apart"}) {
			t.Errorf("%s: %v, want near first", q, got)
		}
	}
	if got := nearPairs(mustParse(t, `vien kiem sat "tam giam" tinh khanh hoa`)); !reflect.DeepEqual(got, []string{"tinh khanh", "khanh hoa"}) {
		t.Errorf("nearPairs: %q", got)
	}
}

func mustParse(t *testing.T, s string) Query {
	t.Helper()
	q, err := ParseQuery(s)
	if err != nil {
		t.Fatal(err)
	}
	return q
}
