package config

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"gopkg.in/yaml.v3"
)

// TestLoadErrorsGolden loads each broken file of testdata/errors and compares
// every problem reported, one per line, with its .golden file: all of them
// at once, in the file's order, in words.
func TestLoadErrorsGolden(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "errors", "*.yaml"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no test files: %v", err)
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			_, err := Load(file, nil)
			if err == nil {
				t.Fatal("no error")
			}
			got := err.Error() + "\n"
			golden := strings.TrimSuffix(file, ".yaml") + ".golden"
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if got != string(want) {
				t.Errorf("got:\n%swant:\n%s", got, want)
			}
			for _, line := range strings.Split(got, "\n") {
				if strings.Contains(line, "unmarshal") || strings.Contains(line, "!!") {
					t.Errorf("yaml.v3's wording in %q", line)
				}
			}
		})
	}
}

// TestThreeTyposAtOnce checks the case of issue 14 on its own: three
// problems of three kinds come back together, each a *FieldError with the
// line the operator has to edit.
func TestThreeTyposAtOnce(t *testing.T) {
	_, err := Load(filepath.Join("testdata", "errors", "three_typos.yaml"), nil)
	var joined interface{ Unwrap() []error }
	if !errors.As(err, &joined) {
		t.Fatalf("err = %v, want the problems joined", err)
	}
	want := []struct {
		line  int
		field string
	}{{5, "crawl.delay"}, {10, "portals[0].preset"}, {11, "portals[0].strat_urls"}}
	errs := joined.Unwrap()
	if len(errs) != len(want) {
		t.Fatalf("%d problems, want %d: %v", len(errs), len(want), err)
	}
	for i, w := range want {
		var fe *FieldError
		if !errors.As(errs[i], &fe) || fe.Line != w.line || fe.Field != w.field {
			t.Errorf("problem %d = %v, want line %d, field %s", i, errs[i], w.line, w.field)
		}
	}
}

// TestMergeKeys checks that anchors and merge keys keep working: the keys
// written beside a merge win over the merged ones.
func TestMergeKeys(t *testing.T) {
	doc := `
crawl: &slow {delay: 5s, timeout: 1m}
portals:
  - &base
    name: a
    preset: nukeviet
    start_urls: ["https://a.gov.vn/"]
    selectors: {title: h1}
  - <<: *base
    name: b
    start_urls: ["https://b.gov.vn/"]
digest:
  since: 48h
`
	c, err := Parse([]byte(doc), nil)
	if err != nil {
		t.Fatal(err)
	}
	b, ok := c.Portal("b")
	if !ok || b.Preset != "nukeviet" || b.Selectors.Title != "h1" || b.StartURLs[0] != "https://b.gov.vn/" {
		t.Errorf("portal b = %+v", b)
	}
	if c.Crawl.Delay != 5*time.Second || c.Crawl.Parallelism != 2 {
		t.Errorf("crawl = %+v", c.Crawl)
	}
}

// TestHint checks the suggestions for misspelt keys.
func TestHint(t *testing.T) {
	keys := []string{"name", "title", "start_urls", "feeds", "schedule"}
	for _, tt := range []struct{ key, want string }{
		{"strat_urls", " (did you mean start_urls?)"},
		{"tilte", " (did you mean title?)"},
		{"Name", " (did you mean name?)"},
		{"shedule", " (did you mean schedule?)"},
		{"max_pages", " (the keys here are name, title, start_urls, feeds, schedule)"},
		{"x", " (the keys here are name, title, start_urls, feeds, schedule)"},
	} {
		if got := hint(tt.key, keys); got != tt.want {
			t.Errorf("hint(%q) = %q, want %q", tt.key, got, tt.want)
		}
	}
	if got := hint("zzz", yamlKeys(20)); got != "" {
		t.Errorf("hint among 20 keys = %q, want none", got)
	}
}

func yamlKeys(n int) []string {
	keys := make([]string, n)
	for i := range keys {
		keys[i] = strings.Repeat("k", i+4)
	}
	return keys
}

// FuzzLoad feeds the loader arbitrary files: it must never panic, and a
// file it accepts must be valid.
func FuzzLoad(f *testing.F) {
	seeds, _ := filepath.Glob(filepath.Join("testdata", "*.yaml"))
	more, _ := filepath.Glob(filepath.Join("testdata", "errors", "*.yaml"))
	for _, file := range append(seeds, more...) {
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte(minimal + "crawl: &a [*a]\n"))
	f.Add([]byte("a: &a [*a, *a]\nb: &b [*a, *a]\nportals: [*b, *b]\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := Parse(data, nil)
		if err != nil {
			return
		}
		if err := c.Validate(); err != nil {
			t.Errorf("accepted an invalid config: %v", err)
		}
	})
}

// TestSameAsYAMLv3 checks that the decoder reads valid files exactly as
// yaml.v3's own decoder does, on the shipped config and DESIGN.md's example.
func TestSameAsYAMLv3(t *testing.T) {
	for _, file := range []string{"vksnews.yaml", filepath.Join("testdata", "design.yaml")} {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		got, err := Parse(data, nil)
		if err != nil {
			t.Fatal(err)
		}
		want := Default()
		dec := yaml.NewDecoder(bytes.NewReader(data))
		dec.KnownFields(true)
		if err := dec.Decode(&want); err != nil {
			t.Fatal(err)
		}
		want.fillDefaults()
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: decoders differ:\n got %+v\nwant %+v", file, got, want)
		}
	}
}

// TestAliasBomb checks that aliases within aliases, which expand a short
// file to billions of values, are refused quickly.
func TestAliasBomb(t *testing.T) {
	var doc strings.Builder
	doc.WriteString("x0: &c0 {delay: 1s}\n")
	for i := 1; i < 10; i++ {
		refs := strings.TrimSuffix(strings.Repeat(fmt.Sprintf("*c%d, ", i-1), 10), ", ")
		fmt.Fprintf(&doc, "x%d: &c%d {<<: [%s]}\n", i, i, refs)
	}
	doc.WriteString(minimal + "crawl: *c9\n")
	start := time.Now()
	_, err := Parse([]byte(doc.String()), nil)
	if err == nil || !strings.Contains(err.Error(), ": crawl: the file expands to more than") {
		t.Errorf("err = %v", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("took %v", d)
	}
}

// TestManyProblems checks that a flood of problems is cut to a readable
// number, with a count of the rest.
func TestManyProblems(t *testing.T) {
	doc := minimal + "    feeds: [" + strings.TrimSuffix(strings.Repeat("[x], ", 100), ", ") + "]\n"
	_, err := Parse([]byte(doc), nil)
	if err == nil {
		t.Fatal("accepted")
	}
	lines := strings.Split(err.Error(), "\n")
	if len(lines) != maxProblems+1 || lines[maxProblems] != "and 70 more problems" {
		t.Errorf("%d lines, the last %q", len(lines), lines[len(lines)-1])
	}
}
