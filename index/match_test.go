package index

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/vksnews/vksnews/internal/article"
	"github.com/vksnews/vksnews/internal/filter"
)

func TestForEachMatch(t *testing.T) {
	ix, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	arts := Synthetic(1200, 5) // more than two pages of matchPage
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
