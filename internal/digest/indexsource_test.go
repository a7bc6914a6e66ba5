package digest

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/vksnews/vksnews/index"
	"github.com/vksnews/vksnews/internal/article"
	"github.com/vksnews/vksnews/internal/filter"
)

// askedIndex is a real index that records which articles it was asked about.
type askedIndex struct {
	*index.Index
	asked []string
}

func (a *askedIndex) MatchingIDs(ctx context.Context, q string, f filter.Filters, loc *time.Location, ids []string) (map[string]bool, error) {
	a.asked = append(a.asked, ids...)
	return a.Index.MatchingIDs(ctx, q, f, loc, ids)
}

// An article first seen in the window but published two years earlier is in
// the digest, although hundreds of articles published since match the query
// too; the index is asked about the window's articles only.
func TestIndexSourceFindsOldPublishedNewlySeen(t *testing.T) {
	st := openStore(t)
	ix, err := index.Open(t.TempDir(), index.WithLocation(hcm))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = ix.Close() })

	var all []article.Article
	// 600 matching articles published in the last two years, all seen
	// before the window.
	for i := range 600 {
		seen := day0.Add(-48*time.Hour - time.Duration(i)*time.Hour)
		all = append(all, put(t, st, art{id: fmt.Sprintf("cu-%03d", i), title: "Phiên tòa rút kinh nghiệm số " + fmt.Sprint(i),
			provinceNow: "Khánh Hòa", event: "phien_toa_rkn", seen: seen}))
	}
	window := day0.Add(-2 * time.Hour)
	old := put(t, st, art{id: "moi-cu", title: "Phiên tòa rút kinh nghiệm năm xưa", provinceNow: "Khánh Hòa", event: "phien_toa_rkn", seen: window})
	pub := day0.AddDate(-2, 0, 0)
	old.Published = &pub
	ed := article.DateOf(pub.In(hcm))
	old.EventDate = &ed
	if _, err := st.Put([]byte("<html></html>"), article.Raw{URL: old.URL, Portal: old.Portal, Title: old.Title, FetchedAt: window, Status: 200}, old, window); err != nil {
		t.Fatal(err)
	}
	other := put(t, st, art{id: "moi-khac", title: "Hội nghị tập huấn nghiệp vụ", provinceNow: "Khánh Hòa", event: "tap_huan", seen: window})
	elsewhere := put(t, st, art{id: "moi-noi-khac", title: "Phiên tòa rút kinh nghiệm ở Đắk Lắk", provinceNow: "Đắk Lắk", event: "phien_toa_rkn", seen: window})
	all = append(all, old, other, elsewhere)
	if err := ix.Put(all...); err != nil {
		t.Fatal(err)
	}

	asked := &askedIndex{Index: ix}
	src := IndexSource{StoreSource: StoreSource{Archive: st, Loc: hcm}, Index: asked}
	for _, tc := range []struct {
		name  string
		query string
		f     filter.Filters
		want  []string
	}{
		{"query", `"phiên tòa"`, filter.Filters{}, []string{"moi-cu", "moi-noi-khac"}},
		{"query and filter", `"phiên tòa"`, filter.Filters{Province: "Khánh Hòa"}, []string{"moi-cu"}},
		{"no query", "", filter.Filters{}, []string{"moi-cu", "moi-khac", "moi-noi-khac"}},
		{"no match", "kháng nghị", filter.Filters{}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			asked.asked = nil
			got, err := src.Articles(context.Background(), day0.Add(-24*time.Hour), day0, tc.query, tc.f)
			if err != nil {
				t.Fatal(err)
			}
			var ids []string
			for _, a := range got {
				ids = append(ids, a.ID)
			}
			if !slices.Equal(ids, tc.want) {
				t.Errorf("articles %v, want %v", ids, tc.want)
			}
			for _, id := range asked.asked {
				if len(id) < 4 || id[:4] != "moi-" {
					t.Errorf("the index was asked about %s, which is not new", id)
				}
			}
		})
	}
	if _, err := src.Articles(context.Background(), day0.Add(-24*time.Hour), day0, `"unbalanced`, filter.Filters{}); err == nil {
		t.Error("a bad query gave no error")
	}
}
