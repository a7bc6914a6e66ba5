package main

import (
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vksnews/vksnews/internal/sampleportals"
)

// TestCheckCommand runs `vksnews check` on every sample portal online, then
// on the start page saved to a file (offline), then on a page with no
// article (exit 1), and with bad usage (exit 2).
func TestCheckCommand(t *testing.T) {
	srv := startSamples(t)
	cfg, _ := sampleConfig(t, srv, 1)
	for _, s := range sampleportals.Sites() {
		r := runCLI(t, "", "check", "--config", cfg, "--portal", s.Name)
		if r.code != exitOK || !strings.Contains(r.stdout, "article 3: ") || !strings.Contains(r.stdout, "next page: http") {
			t.Errorf("check %s online: code %d, stderr %q\n%s", s.Name, r.code, r.stderr, r.stdout)
		}
	}

	s := sampleportals.Sites()[0]
	start := srv.URL(s.Name) + s.StartPaths[0]
	resp, err := http.Get(start)
	if err != nil {
		t.Fatal(err)
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	file := filepath.Join(dir, "start.html")
	if err := os.WriteFile(file, body, 0o644); err != nil {
		t.Fatal(err)
	}
	srv.Close() // offline from here on
	r := runCLI(t, "", "check", "--config", cfg, "--portal", s.Name, "--url", start, file)
	if r.code != exitOK || !strings.Contains(r.stdout, "article links: ") || strings.Contains(r.stdout, "article links: 0") {
		t.Errorf("check offline: code %d, stderr %q\n%s", r.code, r.stderr, r.stdout)
	}

	empty := filepath.Join(dir, "empty.html")
	if err := os.WriteFile(empty, []byte("<html><body><p>Trang chủ</p></body></html>"), 0o644); err != nil {
		t.Fatal(err)
	}
	if r := runCLI(t, "", "check", "--config", cfg, "--portal", s.Name, empty); r.code != exitFail || !strings.Contains(r.stderr, "no article") {
		t.Errorf("check of a page without articles: code %d, stderr %q", r.code, r.stderr)
	}
	if r := runCLI(t, "", "check", "--config", cfg); r.code != exitUsage {
		t.Errorf("check without --portal: code %d", r.code)
	}
	if r := runCLI(t, "", "check", "--config", cfg, "--portal", "nosuch"); r.code != exitUsage {
		t.Errorf("check of an unknown portal: code %d", r.code)
	}
}
