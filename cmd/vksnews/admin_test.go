package main

import (
	"context"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/vksnews/vksnews/index"
)

// TestStartRenormalize runs the sources page's re-normalization on a
// crawled archive: it ends, and every article is still found.
func TestStartRenormalize(t *testing.T) {
	samples := startSamples(t)
	cfg := demoConfig(samples, t.TempDir())
	ctx := context.Background()
	s, err := openServer(ctx, cfg, env{stdin: strings.NewReader(""), stdout: io.Discard, stderr: io.Discard}, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.crawl(ctx); err != nil {
		t.Fatal(err)
	}
	before, err := s.ix.Search(ctx, index.Request{Size: 1})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.startRenormalize(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(30 * time.Second)
	for s.renorm.Load() && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	if s.renorm.Load() {
		t.Fatal("re-normalization did not end")
	}
	after, err := s.ix.Search(ctx, index.Request{Size: 1})
	if err != nil || after.Total != before.Total || after.Total == 0 {
		t.Errorf("after re-normalizing: %d articles (%v), before %d", after.Total, err, before.Total)
	}
}
