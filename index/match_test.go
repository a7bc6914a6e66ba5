package index

import (
	"context"
	"errors"
	"maps"
	"slices"
	"testing"
	"time"

	"github.com/vksnews/vksnews/internal/synthcorpus"

	"github.com/vksnews/vksnews/internal/article"
	"github.com/vksnews/vksnews/internal/filter"
)

func TestForEachMatch(t *testing.T) {
	ix, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	ix.matchPage = 25
	arts := synthcorpus.Articles(60, 5) // more than two pages
	if err := ix.Put(arts...); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	count := func(q string, f filter.Filters) (int, error) {
		seen := map[string]bool{}
		err := ix.ForEachMatch(ctx, q, f, nil, func(a article.Article) error {
			if seen[a.ID] {
				t.Fatalf("article %s yielded twice", a.ID)
			}
			seen[a.ID] = true
			return nil
		})
		return len(seen), err
	}
	if n, err := count("", filter.Filters{}); err != nil || n != len(arts) {
		t.Fatalf("every article: %d, %v; want %d", n, err, len(arts))
	}
	for _, tc := range []struct {
		q string
		f filter.Filters
	}{
		{"kiem sat", filter.Filters{}},
		{`"phiên tòa"`, filter.Filters{}},
		{"", filter.Filters{Level: article.LevelTinh}},
	} {
		res, err := ix.Search(ctx, Request{Query: tc.q, Filters: tc.f, Size: 1})
		if err != nil {
			t.Fatal(err)
		}
		if n, err := count(tc.q, tc.f); err != nil || uint64(n) != res.Total {
			t.Errorf("%q %+v: ForEachMatch %d (%v), Search total %d", tc.q, tc.f, n, err, res.Total)
		}
		// MatchingIDs, asked about every article (more than two of its
		// batches) and one that is not indexed, finds the same set.
		want := map[string]bool{}
		if err := ix.ForEachMatch(ctx, tc.q, tc.f, nil, func(a article.Article) error { want[a.ID] = true; return nil }); err != nil {
			t.Fatal(err)
		}
		ids := []string{"not-indexed"}
		for _, a := range arts {
			ids = append(ids, a.ID)
		}
		got, err := ix.MatchingIDs(ctx, tc.q, tc.f, nil, ids)
		if err != nil || !maps.Equal(got, want) {
			t.Errorf("%q %+v: MatchingIDs %d (%v), ForEachMatch %d", tc.q, tc.f, len(got), err, len(want))
		}
		// Asked about a few, it answers about those only.
		few, err := ix.MatchingIDs(ctx, tc.q, tc.f, nil, ids[:4])
		for id := range few {
			if !want[id] || !slices.Contains(ids[:4], id) {
				t.Errorf("%q: MatchingIDs of 3 articles returned %s", tc.q, id)
			}
		}
		if err != nil || len(few) != countIn(want, ids[:4]) {
			t.Errorf("%q: MatchingIDs of 3 articles: %d (%v), want %d", tc.q, len(few), err, countIn(want, ids[:4]))
		}
	}
	if _, err := ix.MatchingIDs(ctx, `"unbalanced`, filter.Filters{}, nil, []string{arts[0].ID}); !errors.Is(err, ErrBadRequest) {
		t.Errorf("MatchingIDs, bad query: %v", err)
	}
	if _, err := count(`"unbalanced`, filter.Filters{}); !errors.Is(err, ErrBadRequest) {
		t.Errorf("bad query: %v", err)
	}
	stop := errors.New("stop")
	calls := 0
	err = ix.ForEachMatch(ctx, "", filter.Filters{}, nil, func(article.Article) error { calls++; return stop })
	if !errors.Is(err, stop) || calls != 1 {
		t.Errorf("fn error: %v after %d calls", err, calls)
	}
}

func TestOldSchemaRefused(t *testing.T) {
	dir := t.TempDir()
	ix, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := ix.idx.SetInternal(schemaKey, []byte("0")); err != nil {
		t.Fatal(err)
	}
	ix.Close()
	if _, err := Open(dir); !errors.Is(err, ErrOldSchema) {
		t.Fatalf("Open of an old index: %v", err)
	}
}

// Searches beyond the CPU count wait their turn, and give up with their
// context.
func TestSearchWaitsForASlot(t *testing.T) {
	ix, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	for range cap(ix.slots) {
		ix.slots <- struct{}{}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	if _, err := ix.Search(ctx, Request{Query: "kiểm sát"}); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("search with every slot taken: %v, want the context's error", err)
	}
	<-ix.slots
	if _, err := ix.Search(context.Background(), Request{Query: "kiểm sát"}); err != nil {
		t.Errorf("search with a free slot: %v", err)
	}
}

// countIn counts the ids that set holds.
func countIn(set map[string]bool, ids []string) int {
	n := 0
	for _, id := range ids {
		if set[id] {
			n++
		}
	}
	return n
}
