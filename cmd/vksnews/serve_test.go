package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/vksnews/vksnews/internal/sampleportals"
)

// syncBuffer is a bytes.Buffer safe for a writer and a reader goroutine.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// background runs a long-running command in-process until the returned
// stop is called; stop returns the exit code and the output.
func background(t *testing.T, environ []string, args ...string) (out *syncBuffer, stop func() (int, string)) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	out = &syncBuffer{}
	errb := &syncBuffer{}
	done := make(chan int, 1)
	go func() { done <- run(ctx, args, env{strings.NewReader(""), out, errb, environ}) }()
	var once sync.Once
	code := -1
	stop = func() (int, string) {
		once.Do(func() {
			cancel()
			select {
			case code = <-done:
			case <-time.After(30 * time.Second):
				t.Errorf("%q did not stop within 30 s of cancellation", args)
			}
		})
		return code, errb.String()
	}
	t.Cleanup(func() { stop() })
	return out, stop
}

var servingRE = regexp.MustCompile(`http://(127\.0\.0\.1:\d+)/`)

// waitServing waits until out announces the address it serves.
func waitServing(t *testing.T, out *syncBuffer) string {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		s := out.String()
		if i := strings.Index(s, "serving the UI and API at "); i >= 0 {
			if m := servingRE.FindStringSubmatch(s[i:]); m != nil {
				return m[1]
			}
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("never served; output:\n%s", out.String())
	return ""
}

func getJSON(t *testing.T, u string, v any) int {
	t.Helper()
	resp, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if v != nil {
		if err := json.Unmarshal(body, v); err != nil {
			t.Fatalf("GET %s: %v: %.300s", u, err, body)
		}
	}
	return resp.StatusCode
}

func TestDemoCrawlsAndServes(t *testing.T) {
	data := t.TempDir()
	out, stop := background(t, []string{"VKSNEWS_ADMIN_TOKEN=s3cret"}, "demo", "--data", data, "--addr", "127.0.0.1:0")
	addr := waitServing(t, out)
	want := len(sampleportals.Expectations())
	if !strings.Contains(out.String(), fmt.Sprintf("%d articles stored", want)) {
		t.Errorf("demo output lacks %q:\n%s", fmt.Sprintf("%d articles stored", want), out.String())
	}

	if !strings.Contains(out.String(), fmt.Sprintf("to analyst@example.org: Tin VKSND %s: %d bài mới", time.Now().In(hcm(t)).Format("02/01/2006"), want)) {
		t.Errorf("demo did not show the digest it sent:\n%s", out.String())
	}

	var res struct {
		Total uint64 `json:"total"`
		Hits  []struct {
			Article struct{ Title string } `json:"article"`
		} `json:"hits"`
		Facets map[string][]struct {
			Value string
			Count int
		} `json:"facets"`
	}
	q := url.Values{"q": {"vien kiem sat khanh hoa"}}
	if code := getJSON(t, "http://"+addr+"/api/search?"+q.Encode(), &res); code != 200 || res.Total == 0 {
		t.Fatalf("search: %d, total %d", code, res.Total)
	}
	if !strings.Contains(res.Hits[0].Article.Title, "Khánh Hòa") {
		t.Errorf("top hit for an unaccented query: %q", res.Hits[0].Article.Title)
	}
	if len(res.Facets["province_now"]) == 0 {
		t.Error("no province_now facet")
	}
	var sources []struct {
		Portal   string
		Status   string
		Articles int
		Health   struct {
			Articles int     `json:"articles"`
			WithBody float64 `json:"with_body"`
		} `json:"extraction_health"`
	}
	if code := getJSON(t, "http://"+addr+"/api/sources", &sources); code != 200 || len(sources) != len(sampleportals.Sites()) {
		t.Fatalf("sources: %d %+v", code, sources)
	}
	for _, s := range sources {
		if s.Articles == 0 || (s.Status != "ok" && s.Status != "partial") || s.Health.Articles != s.Articles || s.Health.WithBody != 1 {
			t.Errorf("source %+v", s)
		}
	}
	var errBody struct{ Error string }
	if code := getJSON(t, "http://"+addr+"/api/search?q=%22unbalanced", &errBody); code != 400 || errBody.Error == "" {
		t.Errorf("bad query: %d %q", code, errBody.Error)
	}
	req, _ := http.NewRequest("POST", "http://"+addr+"/api/crawl", nil)
	req.Header.Set("Authorization", "Bearer s3cret")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusAccepted {
		t.Errorf("POST /api/crawl with the token: %d", resp.StatusCode)
	}

	// The UI, the digests the demo's mail server received, a preview.
	for path, want := range map[string]string{
		"/?q=vien+kiem+sat":      "Khánh Hòa",
		"/digests":               "analyst@example.org",
		"/digests/preview?sub=1": "Không có bài mới",
		"/sources":               "khanhhoa",
	} {
		resp, err := http.Get("http://" + addr + path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 || !strings.Contains(string(body), want) {
			t.Errorf("GET %s: %d, body lacks %q", path, resp.StatusCode, want)
		}
	}

	// While demo holds the data dir, another command fails at once.
	start := time.Now()
	r := runCLI(t, "", "search", "--data", data, "--config", writeEmptyConfig(t), "khanh hoa")
	if r.code != exitFail || !strings.Contains(r.stderr, "in use by another process") || time.Since(start) > 5*time.Second {
		t.Errorf("search while demo runs: code %d after %s: %q", r.code, time.Since(start), r.stderr)
	}

	if code, stderr := stop(); code != exitOK {
		t.Errorf("demo exited %d after cancel: %s", code, stderr)
	}
}

// writeEmptyConfig writes a config with no portals.
func writeEmptyConfig(t *testing.T) string {
	t.Helper()
	p := t.TempDir() + "/empty.yaml"
	if err := os.WriteFile(p, []byte("timezone: Asia/Ho_Chi_Minh\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestSearchReindexAndServeShutdown(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a subprocess")
	}
	srv := startSamples(t)
	cfgPath, _ := sampleConfig(t, srv, 4)
	if r := runCLI(t, "", "crawl", "--config", cfgPath); r.code != exitOK {
		t.Fatalf("crawl: %s", r.stderr)
	}
	r := runCLI(t, "", "search", "--config", cfgPath, "--json", "--sort", "date", "Khánh Hoà")
	if r.code != exitOK || strings.Count(r.stdout, "\n") == 0 {
		t.Fatalf("search: %d %s", r.code, r.stderr)
	}
	if r := runCLI(t, "", "search", "--config", cfgPath, "--size", "1000", "x"); r.code != exitUsage {
		t.Errorf("search --size 1000: code %d", r.code)
	}
	r2 := runCLI(t, "", "reindex", "--config", cfgPath)
	if r2.code != exitOK || !strings.Contains(r2.stdout, fmt.Sprintf("indexed %d articles", len(sampleportals.Expectations()))) {
		t.Fatalf("reindex: %d %s %s", r2.code, r2.stdout, r2.stderr)
	}
	if again := runCLI(t, "", "search", "--config", cfgPath, "--json", "--sort", "date", "Khánh Hoà"); again.stdout != r.stdout {
		t.Errorf("search after reindex differs")
	}

	// serve in a real process, then SIGTERM: a clean exit 0.
	l, _ := net.Listen("tcp", "127.0.0.1:0")
	addr := l.Addr().String()
	l.Close()
	cmd := exec.Command(os.Args[0], "serve", "--config", cfgPath, "--addr", addr)
	cmd.Env = append(os.Environ(), "VKSNEWS_TEST_MAIN=1")
	var stderr syncBuffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		if resp, err := http.Get("http://" + addr + "/healthz"); err == nil {
			resp.Body.Close()
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	if code := getJSON(t, "http://"+addr+"/api/search?q=khanh+hoa", nil); code != 200 {
		t.Errorf("serve search: %d", code)
	}
	// Health counted at start-up, from the pass that repairs the index.
	var rows []struct {
		Portal string
		Health struct {
			Articles int     `json:"articles"`
			WithDate float64 `json:"with_date"`
		} `json:"extraction_health"`
	}
	getJSON(t, "http://"+addr+"/api/sources", &rows)
	perPortal := map[string]int{}
	for _, e := range sampleportals.Expectations() {
		perPortal[e.Site]++
	}
	for _, r := range rows {
		if r.Health.Articles != perPortal[r.Portal] || r.Health.WithDate < 0.9 {
			t.Errorf("health of %s at start-up: %+v", r.Portal, r.Health)
		}
	}
	cmd.Process.Signal(syscall.SIGTERM)
	if err := cmd.Wait(); err != nil {
		t.Errorf("serve after SIGTERM: %v\n%s", err, stderr.String())
	}
}
