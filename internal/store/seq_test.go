package store

import (
	"testing"
	"time"
)

// sinceIDs returns the IDs Since(after) gives, in order.
func sinceIDs(t *testing.T, s *Store, after uint64) []string {
	t.Helper()
	var ids []string
	if err := s.Since(after, func(r Record) error {
		ids = append(ids, r.Article.ID)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return ids
}

func TestSequenceOrdersChangingWrites(t *testing.T) {
	s := openTemp(t)
	var ids []string
	for i := range 3 {
		page, raw, a := sample("khanhhoa", i)
		if _, err := s.Put(page, raw, a, t0); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, a.ID)
	}
	if n, _ := s.Seq(); n != 3 {
		t.Fatalf("Seq = %d after 3 new articles, want 3", n)
	}
	// Unchanged: no new sequence.
	page, raw, a := sample("khanhhoa", 0)
	if out, err := s.Put(page, raw, a, t0.Add(time.Hour)); err != nil || out != Unchanged {
		t.Fatalf("Put again = %v, %v", out, err)
	}
	if n, _ := s.Seq(); n != 3 {
		t.Fatalf("Seq = %d after an unchanged put, want 3", n)
	}
	// Updated: article 0 moves to the end of the sequence.
	a.Title = "Hội nghị (đã sửa)"
	if out, err := s.Put(page, raw, a, t0.Add(2*time.Hour)); err != nil || out != Updated {
		t.Fatalf("Put changed = %v, %v", out, err)
	}
	cases := []struct {
		after uint64
		want  []string
	}{
		{0, []string{ids[1], ids[2], ids[0]}},
		{2, []string{ids[2], ids[0]}},
		{3, []string{ids[0]}},
		{4, nil},
	}
	for _, c := range cases {
		got := sinceIDs(t, s, c.after)
		if len(got) != len(c.want) {
			t.Fatalf("Since(%d) = %v, want %v", c.after, got, c.want)
		}
		for i := range got {
			if got[i] != c.want[i] {
				t.Errorf("Since(%d) = %v, want %v", c.after, got, c.want)
			}
		}
	}
	hist, err := s.History(a.ID)
	if err != nil || len(hist) != 1 || hist[0].Article.Title != "Hội nghị số 0" {
		t.Fatalf("History = %+v, %v; want the first version", hist, err)
	}
}

func TestSinceReadsManyChunks(t *testing.T) {
	s := openTemp(t)
	const n = iterChunk*2 + 7
	for i := range n {
		page, raw, a := sample("khanhhoa", i)
		if _, err := s.Put(page, raw, a, t0); err != nil {
			t.Fatal(err)
		}
	}
	if got := sinceIDs(t, s, 0); len(got) != n {
		t.Fatalf("Since(0) gave %d records, want %d", len(got), n)
	}
	if got := sinceIDs(t, s, n-5); len(got) != 5 {
		t.Fatalf("Since(n-5) gave %d records, want 5", len(got))
	}
}
