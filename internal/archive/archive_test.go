package archive

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/vksnews/vksnews/index"
	"github.com/vksnews/vksnews/internal/article"
)

// put stores n articles numbered from first straight into the store, as a
// crawl killed before it indexed them leaves them.
func put(t *testing.T, a *Archive, first, n int, title string) {
	t.Helper()
	for i := first; i < first+n; i++ {
		u := fmt.Sprintf("https://khanhhoa.example.gov.vn/vi/news/tin-%d.html", i)
		art := article.Article{ID: article.IDFor(u), URL: u, Portal: "khanhhoa", Title: fmt.Sprintf("%s %d", title, i), Body: "Hội nghị công chức."}
		raw := article.Raw{URL: u, CanonicalURL: u, Portal: "khanhhoa", Title: art.Title}
		if _, err := a.Store.Put(nil, raw, art, time.Now()); err != nil {
			t.Fatal(err)
		}
	}
}

func count(t *testing.T, a *Archive) uint64 {
	t.Helper()
	n, err := a.Index.Count()
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestOpenCatchesUp(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	a, err := Open(ctx, dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	put(t, a, 0, BatchSize+10, "Tin")
	if n := count(t, a); n != 0 {
		t.Fatalf("index holds %d before any catch-up", n)
	}
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}

	// Reopened: caught up, in two batches.
	if a, err = Open(ctx, dir, Options{}); err != nil {
		t.Fatal(err)
	}
	if n := count(t, a); n != BatchSize+10 {
		t.Fatalf("after Open the index holds %d, want %d", n, BatchSize+10)
	}
	seq, _ := a.Index.StoreSeq()
	if want, _ := a.Store.Seq(); seq != want {
		t.Fatalf("index sequence %d, store %d", seq, want)
	}
	// In step: nothing to do.
	if n, err := a.CatchUp(ctx); err != nil || n != 0 {
		t.Fatalf("CatchUp in step = %d, %v", n, err)
	}
	// Updates are caught up too: the changed title is searchable.
	put(t, a, 0, 3, "Sửa")
	stop := a.Follow(ctx, time.Hour)
	if err := stop(); err != nil {
		t.Fatal(err)
	}
	seq, _ = a.Index.StoreSeq()
	if want, _ := a.Store.Seq(); seq != want {
		t.Fatalf("after Follow: index sequence %d, store %d", seq, want)
	}
	if n := count(t, a); n != BatchSize+10 {
		t.Fatalf("after updates the index holds %d, want %d", n, BatchSize+10)
	}
	res, err := a.Index.Search(ctx, index.Request{Query: "sửa", Location: time.UTC})
	if err != nil || res.Total != 3 {
		t.Fatalf("search for the updated titles: %+v, %v; want 3 hits", res.Total, err)
	}
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}
}
