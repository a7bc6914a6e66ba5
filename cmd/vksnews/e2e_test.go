package main

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/vksnews/vksnews/internal/archive"
	"github.com/vksnews/vksnews/internal/article"
	"github.com/vksnews/vksnews/internal/export"
	"github.com/vksnews/vksnews/internal/normalize"
	"github.com/vksnews/vksnews/internal/sampleportals"
	"github.com/vksnews/vksnews/internal/store"
)

// exportJSONL runs export and decodes its lines.
func exportJSONL(t *testing.T, cfgPath string, args ...string) []article.Article {
	t.Helper()
	r := runCLI(t, "", append([]string{"export", "--config", cfgPath, "--format", "jsonl"}, args...)...)
	if r.code != exitOK {
		t.Fatalf("export: code %d: %s", r.code, r.stderr)
	}
	var out []article.Article
	sc := bufio.NewScanner(strings.NewReader(r.stdout))
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() {
		var a article.Article
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			t.Fatalf("export line is not article JSON: %v: %.200s", err, sc.Text())
		}
		out = append(out, a)
	}
	return out
}

// checkExpectations asserts that the articles are exactly the sample
// portals' expected articles, once each, with the right fields.
func checkExpectations(t *testing.T, srv *sampleportals.Server, got []article.Article) {
	t.Helper()
	byURL := map[string][]article.Article{}
	for _, a := range got {
		byURL[a.URL] = append(byURL[a.URL], a)
	}
	exp := sampleportals.Expectations()
	for _, e := range exp {
		u := srv.URL(e.Site) + e.Path
		as := byURL[u]
		if len(as) != 1 {
			t.Errorf("%s: stored %d times, want once", u, len(as))
			continue
		}
		a := as[0]
		// Articles carry the canonical tone placement ("Hoà" → "Hòa").
		if want := normalize.Text(e.Title); a.Title != want {
			t.Errorf("%s: title %q, want %q", u, a.Title, want)
		}
		pub := ""
		if a.Published != nil {
			pub = a.Published.In(hcm(t)).Format("2006-01-02")
		}
		if pub != e.Published {
			t.Errorf("%s: published %q, want %q", u, pub, e.Published)
		}
		for _, s := range e.BodyContains {
			if !strings.Contains(a.Body, normalize.Text(s)) {
				t.Errorf("%s: body lacks %q", u, s)
			}
		}
		for _, s := range e.BodyExcludes {
			if strings.Contains(a.Body, normalize.Text(s)) {
				t.Errorf("%s: body keeps boilerplate %q", u, s)
			}
		}
		if a.Portal != e.Site || a.ID != article.IDFor(a.URL) {
			t.Errorf("%s: portal %q id %q", u, a.Portal, a.ID)
		}
	}
	if len(got) != len(exp) {
		var extra []string
		want := map[string]bool{}
		for _, e := range exp {
			want[srv.URL(e.Site)+e.Path] = true
		}
		for _, a := range got {
			if !want[a.URL] {
				extra = append(extra, a.URL)
			}
		}
		t.Errorf("stored %d articles, want %d; unexpected: %q", len(got), len(exp), extra)
	}
}

func hcm(t *testing.T) *time.Location {
	loc, err := time.LoadLocation("Asia/Ho_Chi_Minh")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func TestCrawlSamplePortalsEndToEnd(t *testing.T) {
	srv := startSamples(t)
	cfgPath, _ := sampleConfig(t, srv, 4)

	start := time.Now()
	r := runCLI(t, "", "crawl", "--config", cfgPath)
	t.Logf("first crawl took %s\n%s", time.Since(start), r.stdout)
	if r.code != exitOK {
		t.Fatalf("crawl: code %d, stderr %s\n%s", r.code, r.stderr, r.stdout)
	}
	for _, s := range sampleportals.Sites() {
		if !strings.Contains(r.stdout, s.Name) {
			t.Errorf("summary lacks portal %s", s.Name)
		}
	}
	checkExpectations(t, srv, exportJSONL(t, cfgPath))

	// A second crawl with nothing new: at most one list-page request per
	// start URL, plus robots.txt and feeds; no article page.
	srv.ResetRequests()
	r = runCLI(t, "", "crawl", "--config", cfgPath)
	if r.code != exitOK {
		t.Fatalf("second crawl: code %d, %s", r.code, r.stderr)
	}
	perSite := map[string]int{}
	feeds := map[string]bool{}
	for _, s := range sampleportals.Sites() {
		for _, f := range s.FeedPaths {
			feeds[s.Name+f] = true
		}
	}
	for _, q := range srv.Requests() {
		if q.Path == "/robots.txt" || feeds[q.Site+q.Path] {
			continue
		}
		perSite[q.Site]++
	}
	for _, s := range sampleportals.Sites() {
		if perSite[s.Name] > len(s.StartPaths) {
			t.Errorf("second crawl of %s made %d page requests, want at most %d", s.Name, perSite[s.Name], len(s.StartPaths))
		}
	}
	checkExpectations(t, srv, exportJSONL(t, cfgPath))
}

func TestCrawlSurvivesKill9(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a subprocess")
	}
	srv := startSamples(t)
	// A delay makes the crawl slow enough to be killed in the middle.
	cfgPath, dataDir := sampleConfig(t, srv, 1)
	cmd := exec.Command(os.Args[0], "crawl", "--config", cfgPath)
	cmd.Env = append(os.Environ(), "VKSNEWS_TEST_MAIN=1", "VKSNEWS_CRAWL_DELAY=30ms")
	cmd.Stdout, cmd.Stderr = io.Discard, io.Discard
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(20 * time.Second)
	for len(srv.Requests()) < 30 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	err := cmd.Wait()
	if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() {
		t.Fatalf("crawl was not killed (it finished first: %v); slow it down", err)
	}

	st, err := store.Open(archive.StorePath(dataDir), time.Second)
	if err != nil {
		t.Fatalf("store unreadable after kill -9: %v", err)
	}
	n, err := st.Count()
	if err != nil {
		t.Fatal(err)
	}
	seen := 0
	if err := st.ForEach(func(store.Record) error { seen++; return nil }); err != nil {
		t.Fatalf("records unreadable after kill -9: %v", err)
	}
	st.Close()
	if n != seen || n >= len(sampleportals.Expectations()) {
		t.Fatalf("after kill -9: Count %d, records %d (of %d expected): want equal and partial", n, seen, len(sampleportals.Expectations()))
	}
	t.Logf("killed with %d articles stored", n)

	// The next crawl carries on and completes the archive.
	if r := runCLI(t, "", "crawl", "--config", cfgPath); r.code != exitOK {
		t.Fatalf("crawl after kill: code %d: %s", r.code, r.stderr)
	}
	checkExpectations(t, srv, exportJSONL(t, cfgPath))
}

func TestExtractCommand(t *testing.T) {
	srv := startSamples(t)
	exp := sampleportals.Expectations()[0]
	var site sampleportals.Site
	for _, s := range sampleportals.Sites() {
		if s.Name == exp.Site {
			site = s
		}
	}
	u := srv.URL(exp.Site) + exp.Path
	resp, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	file := filepath.Join(t.TempDir(), "page.html")
	os.WriteFile(file, page, 0o644)

	r := runCLI(t, "", "extract", "--preset", site.Preset, "--url", u, file)
	if r.code != exitOK {
		t.Fatalf("extract: %d %s", r.code, r.stderr)
	}
	var a article.Article
	if err := json.Unmarshal([]byte(r.stdout), &a); err != nil {
		t.Fatalf("extract output is not article JSON: %v", err)
	}
	if a.Title != exp.Title || a.URL != u || a.Body == "" {
		t.Errorf("extract: title %q url %q body %d bytes; want %q %q", a.Title, a.URL, len(a.Body), exp.Title, u)
	}
	// The same page from standard input.
	r2 := runCLI(t, string(page), "extract", "--preset", site.Preset, "--url", u, "-")
	var b article.Article
	if err := json.Unmarshal([]byte(r2.stdout), &b); err != nil {
		t.Fatalf("extract from stdin: %v: %s", err, r2.stderr)
	}
	b.FetchedAt = a.FetchedAt
	if !reflect.DeepEqual(a, b) {
		t.Errorf("extract from stdin differs from extract from a file")
	}
	// Garbage: a clear one-line error, exit 1.
	for _, garbage := range []string{"", "\x00\x01\x02 binary", "<html><body><p>", "%PDF-1.4 not html"} {
		r := runCLI(t, garbage, "extract", "--preset", "generic", "--url", "http://example.gov.vn/a.html", "-")
		if r.code != exitFail || !strings.HasPrefix(r.stderr, "vksnews extract: ") || strings.Count(r.stderr, "\n") != 1 {
			t.Errorf("extract on %q: code %d stderr %q", garbage, r.code, r.stderr)
		}
	}
}

func TestExportFormatsAndFilters(t *testing.T) {
	srv := startSamples(t)
	cfgPath, _ := sampleConfig(t, srv, 4)
	if r := runCLI(t, "", "crawl", "--config", cfgPath); r.code != exitOK {
		t.Fatalf("crawl: %s", r.stderr)
	}
	all := exportJSONL(t, cfgPath)
	site := sampleportals.Sites()[0].Name
	one := exportJSONL(t, cfgPath, "--portal", site)
	if len(one) == 0 || len(one) >= len(all) {
		t.Errorf("--portal %s: %d of %d articles", site, len(one), len(all))
	}
	for _, a := range one {
		if a.Portal != site {
			t.Errorf("--portal %s exported an article of %s", site, a.Portal)
		}
	}
	// A query: exactly what search finds.
	q := `"phiên tòa"`
	got := exportJSONL(t, cfgPath, q)
	found := runCLI(t, "", "search", "--config", cfgPath, "--json", "--size", "100", q)
	if n := strings.Count(found.stdout, "\n"); len(got) == 0 || len(got) != n || len(got) == len(all) {
		t.Errorf("export %s: %d articles, search finds %d (of %d)", q, len(got), n, len(all))
	}
	for _, a := range got {
		if !strings.Contains(found.stdout, `"id":"`+a.ID+`"`) {
			t.Errorf("export %s yields %s, which search does not find", q, a.ID)
		}
	}
	if r := runCLI(t, "", "export", "--config", cfgPath, `"unbalanced`); r.code != exitUsage {
		t.Errorf("export with a bad query: code %d", r.code)
	}
	if none := exportJSONL(t, cfgPath, "--from", "2090-01-01"); len(none) != 0 {
		t.Errorf("--from 2090-01-01 exported %d articles", len(none))
	}

	r := runCLI(t, "", "export", "--config", cfgPath, "--format", "csv")
	rows, err := csv.NewReader(strings.NewReader(r.stdout)).ReadAll()
	if err != nil {
		t.Fatalf("csv: %v", err)
	}
	if len(rows) != len(all)+1 || rows[0][0] != "id" || len(rows[1]) != len(export.Header) {
		t.Errorf("csv: %d rows (want %d + header)", len(rows), len(all))
	}
}

func TestRenormalize(t *testing.T) {
	srv := startSamples(t)
	cfgPath, _ := sampleConfig(t, srv, 4)
	if r := runCLI(t, "", "crawl", "--config", cfgPath); r.code != exitOK {
		t.Fatalf("crawl: %s", r.stderr)
	}
	// The rules have not changed since the crawl: nothing to rewrite.
	r := runCLI(t, "", "renormalize", "--config", cfgPath)
	want := fmt.Sprintf("%d articles renormalized, 0 changed", len(sampleportals.Expectations()))
	if r.code != exitOK || !strings.Contains(r.stdout, want) {
		t.Errorf("renormalize: %d %q %s; want %q", r.code, r.stdout, r.stderr, want)
	}
}
