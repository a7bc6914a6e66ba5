package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/vksnews/vksnews/config"
	"github.com/vksnews/vksnews/internal/sampleportals"
)

// The test binary doubles as the vksnews binary for tests that need a real
// process (kill -9): with VKSNEWS_TEST_MAIN set it runs the command line.
func TestMain(m *testing.M) {
	if os.Getenv("VKSNEWS_TEST_MAIN") == "1" {
		os.Exit(runMain(os.Args[1:]))
	}
	os.Exit(m.Run())
}

// result is what one in-process command line produced.
type result struct {
	code           int
	stdout, stderr string
}

// runCLI runs one command line in-process.
func runCLI(t *testing.T, stdin string, args ...string) result {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(context.Background(), args, env{strings.NewReader(stdin), &out, &errb, []string{"VKSNEWS_TEST=1"}})
	return result{code, out.String(), errb.String()}
}

// sampleConfig writes a config file that points at the running sample
// portals, crawled with no delay and the given parallelism, and returns its
// path and data dir.
func sampleConfig(t *testing.T, srv *sampleportals.Server, parallelism int) (cfgPath, dataDir string) {
	t.Helper()
	dir := t.TempDir()
	dataDir = filepath.Join(dir, "data")
	portals := demoConfig(srv, dataDir).Portals
	b, err := yaml.Marshal(map[string]any{"portals": portals})
	if err != nil {
		t.Fatal(err)
	}
	text := fmt.Sprintf("data_dir: %s\ncrawl:\n  delay: 0s\n  parallelism: %d\n%s", dataDir, parallelism, b)
	cfgPath = filepath.Join(dir, "vksnews.yaml")
	if err := os.WriteFile(cfgPath, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := config.Load(cfgPath, nil); err != nil {
		t.Fatalf("sample config does not load: %v\n%s", err, text)
	}
	return cfgPath, dataDir
}

func startSamples(t *testing.T) *sampleportals.Server {
	t.Helper()
	srv, err := sampleportals.Start()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Close)
	return srv
}

func TestUsage(t *testing.T) {
	tests := []struct {
		args     []string
		code     int
		inStderr string
	}{
		{nil, exitUsage, "usage: vksnews"},
		{[]string{"help"}, exitOK, "VKSNEWS_CRAWL_DELAY"},
		{[]string{"frobnicate"}, exitUsage, `unknown command "frobnicate"`},
		{[]string{"crawl", "--no-such-flag"}, exitUsage, "flag provided but not defined"},
		{[]string{"crawl", "--max-pages", "-1"}, exitUsage, "must not be negative"},
		{[]string{"extract", "--url", "http://x/"}, exitUsage, "exactly one of --portal or --preset"},
		{[]string{"extract", "--preset", "generic", "f.html"}, exitUsage, "--url is required"},
		{[]string{"export", "--format", "xml"}, exitUsage, "jsonl or csv"},
		{[]string{"export", "--from", "2024-02-31"}, exitUsage, "from:"},
		{[]string{"crawl", "--config", "/no/such/file.yaml"}, exitFail, "no/such/file.yaml"},
	}
	for _, tt := range tests {
		r := runCLI(t, "", tt.args...)
		// Help asked for goes to stdout, errors to stderr.
		if r.code != tt.code || !strings.Contains(r.stderr+r.stdout, tt.inStderr) {
			t.Errorf("vksnews %q: code %d, stderr %q; want %d and %q", tt.args, r.code, r.stderr, tt.code, tt.inStderr)
		}
		if tt.code != exitOK && strings.Count(strings.TrimSpace(r.stderr), "\n") > 0 && tt.args != nil && tt.args[0] != "crawl" {
			t.Errorf("vksnews %q: error is not one line: %q", tt.args, r.stderr)
		}
	}
}

func TestCrawlBadConfigNamesField(t *testing.T) {
	path := filepath.Join(t.TempDir(), "bad.yaml")
	os.WriteFile(path, []byte("portals:\n  - name: Bad Name\n    start_urls: []\n"), 0o644)
	r := runCLI(t, "", "crawl", "--config", path)
	if r.code != exitFail || !strings.Contains(r.stderr, "portals[0].name") || !strings.Contains(r.stderr, "portals[0].start_urls") {
		t.Errorf("code %d stderr %q", r.code, r.stderr)
	}
	if strings.Count(strings.TrimSpace(r.stderr), "\n") != 0 {
		t.Errorf("error is not one line: %q", r.stderr)
	}
}

// TestEmptyConfigRefused checks that crawl and serve refuse a config that
// names no portal (an empty file, a null document), naming the field, and
// that crawl creates no data dir for it.
func TestEmptyConfigRefused(t *testing.T) {
	for _, doc := range []string{"", "null\n"} {
		dir := t.TempDir()
		path := filepath.Join(dir, "empty.yaml")
		if err := os.WriteFile(path, []byte(doc), 0o644); err != nil {
			t.Fatal(err)
		}
		data := filepath.Join(dir, "data")
		for _, cmd := range []string{"crawl", "serve"} {
			r := runCLI(t, "", cmd, "--config", path, "--data", data)
			if r.code != exitFail || !strings.Contains(r.stderr, "portals: required") {
				t.Errorf("%s with %q: code %d stderr %q", cmd, doc, r.code, r.stderr)
			}
		}
		if _, err := os.Stat(data); err == nil {
			t.Errorf("config %q: the data dir was created", doc)
		}
	}
}
