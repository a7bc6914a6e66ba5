package main

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/vksnews/vksnews/internal/archive"
	"github.com/vksnews/vksnews/internal/article"
	"github.com/vksnews/vksnews/internal/sampleportals"
	"github.com/vksnews/vksnews/internal/store"
)

// TestRenormalizeRewritesStaleArticles stores an article as older rules
// would have left it (a citizen listed as an official, a title cut short,
// the portal's unit), then checks that renormalize brings it to the current
// rules and that, after reindex, search no longer finds the stale official.
func TestRenormalizeRewritesStaleArticles(t *testing.T) {
	srv := startSamples(t)
	cfgPath, dataDir := sampleConfig(t, srv, 4)
	if r := runCLI(t, "", "crawl", "--config", cfgPath); r.code != exitOK {
		t.Fatalf("crawl: %s", r.stderr)
	}
	st, err := store.Open(archive.StorePath(dataDir), time.Second)
	if err != nil {
		t.Fatal(err)
	}
	var fresh article.Article
	err = st.ForEach(func(r store.Record) error {
		if fresh.ID == "" && len(r.Article.Officials) > 0 {
			fresh = r.Article
		}
		return nil
	})
	if err != nil || fresh.ID == "" {
		st.Close()
		t.Fatalf("no stored article with officials: %v", err)
	}
	stale := fresh
	stale.Officials = append([]article.Official{{Name: "Lê Thị Công Dân", Title: "", Unit: ""}}, fresh.Officials...)
	stale.Officials[1].Title = "Viện trưởng VKSND huyện"
	stale.Unit = article.Unit{}
	if err := st.UpdateArticle(stale); err != nil {
		st.Close()
		t.Fatal(err)
	}
	st.Close()

	r := runCLI(t, "", "renormalize", "--config", cfgPath)
	want := fmt.Sprintf("%d articles renormalized, 1 changed", len(sampleportals.Expectations()))
	if r.code != exitOK || !strings.Contains(r.stdout, want) {
		t.Fatalf("renormalize: %d %q %s; want %q", r.code, r.stdout, r.stderr, want)
	}
	st, err = store.Open(archive.StorePath(dataDir), time.Second)
	if err != nil {
		t.Fatal(err)
	}
	rec, ok, err := st.Get(fresh.ID)
	st.Close()
	if err != nil || !ok {
		t.Fatalf("get %s: %v %v", fresh.ID, ok, err)
	}
	got, _ := article.ContentHash(rec.Article)
	wantHash, _ := article.ContentHash(fresh)
	if got != wantHash {
		t.Errorf("after renormalize: officials %+v unit %+v, want %+v %+v", rec.Article.Officials, rec.Article.Unit, fresh.Officials, fresh.Unit)
	}
	if r := runCLI(t, "", "reindex", "--config", cfgPath); r.code != exitOK {
		t.Fatalf("reindex: %s", r.stderr)
	}
	if r := runCLI(t, "", "search", "--config", cfgPath, "--json", "--official", "Lê Thị Công Dân", ""); r.code != exitOK || strings.TrimSpace(r.stdout) != "" {
		t.Errorf("search for the stale official: %d %q %s", r.code, r.stdout, r.stderr)
	}
	if r := runCLI(t, "", "search", "--config", cfgPath, "--json", "--official", fresh.Officials[0].Name, ""); r.code != exitOK || !strings.Contains(r.stdout, fresh.ID) {
		t.Errorf("search for %s: %d %.200q %s", fresh.Officials[0].Name, r.code, r.stdout, r.stderr)
	}
}
