package web

import (
	"bufio"
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/vksnews/vksnews/internal/synthcorpus"

	"github.com/vksnews/vksnews/index"
	"github.com/vksnews/vksnews/internal/article"
	"github.com/vksnews/vksnews/internal/filter"
)

// heldSearcher is a real index whose ForEachMatch, after its first article,
// waits for release: an export that stays in flight as long as a test needs.
type heldSearcher struct {
	*index.Index
	entered chan struct{}
	release chan struct{}
}

func (h *heldSearcher) ForEachMatch(ctx context.Context, q string, f filter.Filters, loc *time.Location, fn func(article.Article) error) error {
	first := true
	return h.Index.ForEachMatch(ctx, q, f, loc, func(a article.Article) error {
		if first {
			first = false
			h.entered <- struct{}{}
			select {
			case <-h.release:
			case <-ctx.Done():
				return ctx.Err()
			}
		}
		return fn(a)
	})
}

func newHeldExports(t *testing.T, limit int) (*httptest.Server, *heldSearcher) {
	t.Helper()
	ix, err := index.Open(t.TempDir() + "/index")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	if err := ix.Put(synthcorpus.Articles(50, 3)...); err != nil {
		t.Fatal(err)
	}
	h := &heldSearcher{Index: ix, entered: make(chan struct{}, 16), release: make(chan struct{})}
	srv := httptest.NewServer((&Server{Search: h, MaxExports: limit}).Handler())
	t.Cleanup(srv.Close)
	return srv, h
}

// TestExportConcurrencyLimit checks that exports past the limit get a 429
// with Retry-After at once, and that a finished export frees its slot.
func TestExportConcurrencyLimit(t *testing.T) {
	srv, h := newHeldExports(t, 2)
	var wg sync.WaitGroup
	codes := make(chan int, 2)
	for _, path := range []string{"/export.csv", "/export.jsonl"} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			resp, err := http.Get(srv.URL + path)
			if err != nil {
				t.Error(err)
				return
			}
			defer resp.Body.Close()
			sc := bufio.NewScanner(resp.Body)
			for sc.Scan() {
			}
			codes <- resp.StatusCode
		}()
	}
	for range 2 {
		select {
		case <-h.entered:
		case <-time.After(10 * time.Second):
			t.Fatal("the exports did not start")
		}
	}
	quick := &http.Client{Timeout: 3 * time.Second}
	for _, path := range []string{"/export.csv", "/export.jsonl", "/export.csv?q=vien"} {
		resp, err := quick.Get(srv.URL + path)
		if err != nil {
			t.Errorf("%s with 2 exports running: %v, want a 429 at once", path, err)
			continue
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusTooManyRequests || resp.Header.Get("Retry-After") == "" {
			t.Errorf("%s with 2 exports running: %d Retry-After %q, want 429", path, resp.StatusCode, resp.Header.Get("Retry-After"))
		}
	}
	close(h.release)
	wg.Wait()
	close(codes)
	for c := range codes {
		if c != http.StatusOK {
			t.Errorf("held export: %d", c)
		}
	}
	resp, err := http.Get(srv.URL + "/export.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("export after the others finished: %d", resp.StatusCode)
	}
}

// streamingSearcher hands an export 100 articles, then waits until the
// client has read the start of the file: an export that held its result set
// until the end would never get there.
type streamingSearcher struct {
	*index.Index
	read chan struct{}
}

func (s *streamingSearcher) ForEachMatch(ctx context.Context, q string, f filter.Filters, loc *time.Location, fn func(article.Article) error) error {
	for _, a := range synthcorpus.Articles(100, 5) {
		if err := fn(a); err != nil {
			return err
		}
	}
	select {
	case <-s.read:
		return nil
	case <-time.After(5 * time.Second):
		return errors.New("the client read nothing while the export ran")
	}
}

// TestExportStreams checks that an export reaches the client while it is
// still reading matches.
func TestExportStreams(t *testing.T) {
	ix, err := index.Open(t.TempDir() + "/index")
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	ss := &streamingSearcher{Index: ix, read: make(chan struct{})}
	var logs strings.Builder
	srv := httptest.NewServer((&Server{Search: ss, Logger: slog.New(slog.NewTextHandler(&logs, nil))}).Handler())
	defer srv.Close()
	resp, err := http.Get(srv.URL + "/export.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	br := bufio.NewReader(resp.Body)
	if _, err := br.ReadString('\n'); err != nil {
		t.Fatal(err)
	}
	close(ss.read)
	io.Copy(io.Discard, br)
	if logs.Len() > 0 {
		t.Errorf("export logged: %s", logs.String())
	}
}
