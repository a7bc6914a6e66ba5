package pipeline

import (
	"context"
	"net"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/vksnews/vksnews/config"
	"github.com/vksnews/vksnews/internal/sampleportals"
	"github.com/vksnews/vksnews/internal/store"
)

// sampleSetup serves the sample portals and returns a pipeline over a
// fresh store that crawls them with no delay.
func sampleSetup(tb testing.TB) (*Pipeline, *sampleportals.Server) {
	tb.Helper()
	srv, err := sampleportals.Start()
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(srv.Close)
	st, err := store.Open(filepath.Join(tb.TempDir(), "vksnews.db"), time.Second)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { st.Close() })
	cfg := config.Default()
	cfg.Crawl.Delay = 0
	cfg.Crawl.Parallelism = 4
	cfg.Portals = srv.Portals()
	return &Pipeline{Config: cfg, Store: st}, srv
}

func TestCrawlRecordsStateAndKeepsArticlesWhenAPortalBreaks(t *testing.T) {
	p, srv := sampleSetup(t)
	ctx := context.Background()
	sums, err := p.Crawl(ctx, nil, Options{})
	if err != nil {
		t.Fatal(err)
	}
	total := 0
	for _, s := range sums {
		if s.Err != nil || s.New == 0 {
			t.Errorf("%s: err %v, new %d", s.Portal, s.Err, s.New)
		}
		total += s.New
	}
	if want := len(sampleportals.Expectations()); total != want {
		t.Errorf("new articles %d, want %d", total, want)
	}
	states, err := p.Store.PortalStates()
	if err != nil {
		t.Fatal(err)
	}
	for _, st := range states {
		if st.Status == "running" || st.LastRun.IsZero() || st.LastSuccess.IsZero() || st.Articles == 0 || len(st.Lists) == 0 {
			t.Errorf("state of %s not recorded: %+v", st.Portal, st)
		}
	}

	// The portals go away; one more is unreachable from the start.
	l, _ := net.Listen("tcp", "127.0.0.1:0")
	dead := "http://" + l.Addr().String() + "/tin-tuc/"
	l.Close()
	p.Config.Portals = append(p.Config.Portals, config.Portal{Name: "dead", Preset: "generic", StartURLs: []string{dead}})
	srv.Close()
	sums, err = p.Crawl(ctx, nil, Options{Refresh: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range sums {
		if s.Err == nil {
			t.Errorf("%s: no error although unreachable", s.Portal)
		}
	}
	st, _, _ := p.Store.PortalState("dead")
	if st.Status != "failed" || !strings.Contains(st.LastError, "refused") {
		t.Errorf("dead portal state: %+v", st)
	}
	n, _ := p.Store.Count()
	if n != total {
		t.Errorf("after failed crawls the store holds %d articles, want %d", n, total)
	}
}

func TestCrawlUnknownPortal(t *testing.T) {
	p, _ := sampleSetup(t)
	if _, err := p.Crawl(context.Background(), []string{"nope"}, Options{}); err == nil || !strings.Contains(err.Error(), `"nope"`) {
		t.Errorf("err = %v", err)
	}
}

// BenchmarkCrawlSamplePortals is a full first crawl of every sample portal
// with delay 0 into a fresh store (target: under 2 s).
func BenchmarkCrawlSamplePortals(b *testing.B) {
	for b.Loop() {
		b.StopTimer()
		p, _ := sampleSetup(b)
		b.StartTimer()
		if _, err := p.Crawl(context.Background(), nil, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// A refresh asks for every known article with its stored validators: the
// sample portals answer 304 and nothing is downloaded or rewritten.
func TestRefreshUsesArticleValidators(t *testing.T) {
	p, srv := sampleSetup(t)
	ctx := context.Background()
	if _, err := p.Crawl(ctx, nil, Options{}); err != nil {
		t.Fatal(err)
	}
	srv.ResetRequests()
	sums, err := p.Crawl(ctx, nil, Options{Refresh: true})
	if err != nil {
		t.Fatal(err)
	}
	unchanged := 0
	for _, s := range sums {
		if s.New != 0 || s.Updated != 0 {
			t.Errorf("%s: refresh of unchanged pages gave %d new, %d updated", s.Portal, s.New, s.Updated)
		}
		unchanged += s.Unchanged
	}
	if unchanged < len(sampleportals.Expectations()) {
		t.Errorf("unchanged %d, want at least %d", unchanged, len(sampleportals.Expectations()))
	}
	conditional := 0
	for _, q := range srv.Requests() {
		if q.IfNoneMatch != "" {
			conditional++
		}
	}
	if conditional < len(sampleportals.Expectations()) {
		t.Errorf("%d conditional requests in a refresh, want one per article at least", conditional)
	}
}
