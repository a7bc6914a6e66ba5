package main

import (
	"bufio"
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/vksnews/vksnews/internal/archive"
	"github.com/vksnews/vksnews/internal/article"
	"github.com/vksnews/vksnews/internal/sampleportals"
	"github.com/vksnews/vksnews/internal/store"
)

// killCrawl starts `vksnews crawl` as a subprocess and kills it with
// SIGKILL once the sample portals have answered requests requests. It
// reports whether the crawl was killed (false: it finished first).
func killCrawl(t *testing.T, srv *sampleportals.Server, cfgPath string, requests int) bool {
	t.Helper()
	before := len(srv.Requests())
	cmd := exec.Command(os.Args[0], "crawl", "--config", cfgPath)
	cmd.Env = append(os.Environ(), "VKSNEWS_TEST_MAIN=1", "VKSNEWS_CRAWL_DELAY=30ms")
	cmd.Stdout, cmd.Stderr = io.Discard, io.Discard
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(20 * time.Second)
	for len(srv.Requests())-before < requests && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()
	ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus)
	return ok && ws.Signaled()
}

// storedIDs returns the IDs of every stored article, sorted.
func storedIDs(t *testing.T, dataDir string) []string {
	t.Helper()
	st, err := store.Open(archive.StorePath(dataDir), time.Second)
	if err != nil {
		t.Fatalf("store unreadable after kill -9: %v", err)
	}
	defer st.Close()
	var ids []string
	if err := st.ForEach(func(r store.Record) error { ids = append(ids, r.Article.ID); return nil }); err != nil {
		t.Fatal(err)
	}
	return ids
}

// searchedIDs returns the IDs `vksnews search --json` finds for an empty
// query (every article), sorted.
func searchedIDs(t *testing.T, cfgPath string) []string {
	t.Helper()
	r := runCLI(t, "", "search", "--config", cfgPath, "--json", "--size", "100", "")
	if r.code != exitOK {
		t.Fatalf("search: code %d: %s", r.code, r.stderr)
	}
	var ids []string
	sc := bufio.NewScanner(strings.NewReader(r.stdout))
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() {
		var a article.Article
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			t.Fatalf("search line: %v", err)
		}
		ids = append(ids, a.ID)
	}
	sort.Strings(ids)
	return ids
}

// TestSearchAfterKill9 kills crawl at several moments, during a first crawl
// and during the crawl that follows it, and checks each time that the next
// command, search, finds exactly the stored articles: the index catches up
// with the store before it answers.
func TestSearchAfterKill9(t *testing.T) {
	if testing.Short() {
		t.Skip("starts subprocesses")
	}
	srv := startSamples(t)
	total := len(sampleportals.Expectations())
	if total > 100 {
		t.Fatalf("%d sample articles: more than one search page", total)
	}
	for _, at := range []int{5, 15, 30} {
		cfgPath, dataDir := sampleConfig(t, srv, 1)
		killed := 0
		// The kills follow one another in the same data dir: the second
		// one interrupts a crawl that resumes the first.
		for _, n := range []int{at, at} {
			if killCrawl(t, srv, cfgPath, n) {
				killed++
			}
			stored := storedIDs(t, dataDir)
			found := searchedIDs(t, cfgPath)
			if strings.Join(found, " ") != strings.Join(stored, " ") {
				t.Errorf("killed after %d requests: search finds %d articles, the store has %d", n, len(found), len(stored))
			}
		}
		if killed == 0 {
			t.Errorf("kill after %d requests: the crawl always finished first", at)
		}
		// And the archive completes.
		if r := runCLI(t, "", "crawl", "--config", cfgPath); r.code != exitOK {
			t.Fatalf("crawl after kill: code %d: %s", r.code, r.stderr)
		}
		if got := searchedIDs(t, cfgPath); len(got) != total {
			t.Errorf("after the last crawl: search finds %d of %d", len(got), total)
		}
	}
}
