package main

import (
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"
)

func TestHelpAndVersion(t *testing.T) {
	tests := []struct {
		args   []string
		code   int
		stdout []string // each must appear
		stderr string
	}{
		{[]string{"help", "search"}, exitOK, []string{"usage: vksnews search", "-mentions_level", "toi_cao|cap_cao", "YYYY-MM-DD", "example:"}, ""},
		{[]string{"help", "export"}, exitOK, []string{"usage: vksnews export", "--format"}, ""},
		{[]string{"help", "nope"}, exitUsage, nil, `unknown command "nope"`},
		{[]string{"version"}, exitOK, []string{"vksnews ", "commit "}, ""},
		{[]string{"version", "extra"}, exitUsage, nil, `unexpected argument "extra"`},
	}
	for _, tt := range tests {
		r := runCLI(t, "", tt.args...)
		if r.code != tt.code || !strings.Contains(r.stderr, tt.stderr) {
			t.Errorf("vksnews %q: code %d, stderr %q; want %d and %q", tt.args, r.code, r.stderr, tt.code, tt.stderr)
		}
		for _, w := range tt.stdout {
			if !strings.Contains(r.stdout, w) {
				t.Errorf("vksnews %q: stdout lacks %q:\n%s", tt.args, w, r.stdout)
			}
		}
	}
	// search --help prints the same help to stderr and exits 0.
	if r := runCLI(t, "", "search", "--help"); r.code != exitOK || !strings.Contains(r.stderr, "usage: vksnews search") {
		t.Errorf("search --help: code %d, stderr %q", r.code, r.stderr)
	}
}

func TestVersionLine(t *testing.T) {
	bi := &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "v1.2.3"},
		Settings: []debug.BuildSetting{{Key: "vcs.revision", Value: "8ea6c24"}, {Key: "vcs.time", Value: "2026-12-03T10:00:00Z"}, {Key: "vcs.modified", Value: "true"}}}
	if got, want := versionLine(bi, true), "vksnews v1.2.3 (commit 8ea6c24, 2026-12-03T10:00:00Z, modified) go1.26.8"; got != want {
		t.Errorf("versionLine = %q, want %q", got, want)
	}
	if got := versionLine(&debug.BuildInfo{GoVersion: "go1.26.8"}, true); got != "vksnews (devel) (commit unknown) go1.26.8" {
		t.Errorf("versionLine without VCS = %q", got)
	}
}

func TestFlagsAfterTheQuery(t *testing.T) {
	// A bad value after the query is one error line, not read as a word.
	r := runCLI(t, "", "search", "tap huan", "--size", "x")
	if r.code != exitUsage || !strings.Contains(r.stderr, `invalid value "x" for flag -size`) || strings.Count(strings.TrimSpace(r.stderr), "\n") > 0 {
		t.Errorf("search QUERY --size x: code %d, stderr %q", r.code, r.stderr)
	}
	r = runCLI(t, "", "export", "tap huan", "--format", "xml")
	if r.code != exitUsage || !strings.Contains(r.stderr, "jsonl or csv") {
		t.Errorf("export QUERY --format xml: code %d, stderr %q", r.code, r.stderr)
	}
	// A data dir with no index: search says so and creates nothing.
	data := t.TempDir()
	cfg := filepath.Join(t.TempDir(), "c.yaml")
	if err := os.WriteFile(cfg, []byte("data_dir: "+data+"\nportals: [{name: unused, start_urls: [\"http://127.0.0.1:1/\"]}]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	r = runCLI(t, "", "search", "--config", cfg, "tap huan", "--size", "2")
	if r.code != exitFail || !strings.Contains(r.stderr, "no search index") {
		t.Errorf("search without index: code %d, stderr %q", r.code, r.stderr)
	}
	if ents, _ := os.ReadDir(data); len(ents) != 0 {
		t.Errorf("search without index created %v", ents)
	}
	// A missing config names the ways to point at one.
	r = runCLI(t, "", "search", "--config", "/no/such.yaml", "x")
	if r.code != exitFail || !strings.Contains(r.stderr, "VKSNEWS_CONFIG") {
		t.Errorf("missing config: code %d, stderr %q", r.code, r.stderr)
	}
}

func TestParseFlagsAnywhere(t *testing.T) {
	tests := []struct {
		args     []string
		wantArgs []string
		json     bool
		size     int
	}{
		{[]string{"tap huan", "--size", "2"}, []string{"tap huan"}, false, 2},
		{[]string{"--json", "tap", "huan", "--size=3"}, []string{"tap", "huan"}, true, 3},
		{[]string{"tap", "--json", "huan"}, []string{"tap", "huan"}, true, 20},
		// An excluded word after the query is a word, not an unknown flag.
		{[]string{"kiem sat", "-tập", "--json"}, []string{"kiem sat", "-tập"}, true, 20},
		{[]string{"x", "--", "--json"}, []string{"x", "--json"}, false, 20},
		{[]string{"--", "-x"}, []string{"-x"}, false, 20},
	}
	for _, tt := range tests {
		var c common
		fs := newFlags("search", env{environ: nil, stderr: &strings.Builder{}}, &c)
		asJSON := fs.Bool("json", false, "")
		size := fs.Int("size", 20, "")
		if err := parseFlags(fs, tt.args); err != nil {
			t.Errorf("%q: %v", tt.args, err)
			continue
		}
		if strings.Join(fs.Args(), "|") != strings.Join(tt.wantArgs, "|") || *asJSON != tt.json || *size != tt.size {
			t.Errorf("%q: args %q json %v size %d; want %q %v %d", tt.args, fs.Args(), *asJSON, *size, tt.wantArgs, tt.json, tt.size)
		}
	}
	// Before any argument, an unknown flag is an error.
	var c common
	fs := newFlags("search", env{stderr: &strings.Builder{}}, &c)
	if err := parseFlags(fs, []string{"-nope", "x"}); err == nil {
		t.Error("-nope before the query: no error")
	}
}
