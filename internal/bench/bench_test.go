package bench

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/vksnews/vksnews/internal/archive"
)

func TestSearchPrintsEveryKindAndKeepsTheDataDir(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	var out strings.Builder
	err := Search(context.Background(), &out, SearchOptions{Articles: 100, Clients: 2, Queries: 3, DataDir: dir, Compact: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, row := range []string{
		`(?m)^\| indexing \(normalize \+ index\) \| \d+ articles/s`,
		`(?m)^\| index size / text size \| \d+\.\d\d `,
		`(?m)^index compacted and reopened in `,
		`(?m)^\| word \| \S+ \| \S+ \| \S+ \| \S+ \|$`,
		`(?m)^\| phrase \| `,
		`(?m)^\| filtered \+ faceted \| `,
		`(?m)^peak RSS of this process: \d+ MB$`,
	} {
		if !regexp.MustCompile(row).MatchString(out.String()) {
			t.Errorf("output lacks %s:\n%s", row, out.String())
		}
	}
	// The kept dir is a real data dir: the store and the index hold the corpus.
	arc, err := archive.Open(context.Background(), dir, archive.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer arc.Close()
	n, err := arc.Index.Count()
	if err != nil {
		t.Fatal(err)
	}
	if n != 100 {
		t.Errorf("kept index holds %d articles, want 100", n)
	}
}

func TestSearchRefusesTooSmallACorpus(t *testing.T) {
	if err := Search(context.Background(), &strings.Builder{}, SearchOptions{Articles: 10, Clients: 1, Queries: 1}); err == nil {
		t.Error("10 articles: no error")
	}
}

func TestCrawlStoresEveryArticleAndLeavesNoTempDir(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	var out strings.Builder
	if err := Crawl(context.Background(), &out, CrawlOptions{Articles: 30, Parallelism: 4}); err != nil {
		t.Fatal(err)
	}
	// The row: articles, new, failed first.
	if !regexp.MustCompile(`(?m)^\| 30 \| 30 \| 0 \| `).MatchString(out.String()) {
		t.Errorf("want 30 articles, 30 new, 0 failed:\n%s", out.String())
	}
	if !strings.Contains(out.String(), "MB anonymous") {
		t.Errorf("no resident split:\n%s", out.String())
	}
	left, err := os.ReadDir(tmp)
	if err != nil {
		t.Fatal(err)
	}
	if len(left) != 0 {
		t.Errorf("temporary data dir left behind: %v", left)
	}
}

func TestProcFieldReadsScaledValues(t *testing.T) {
	p := filepath.Join(t.TempDir(), "status")
	if err := os.WriteFile(p, []byte("Name:\tx\nVmHWM:\t  2048 kB\nRssAnon:\t12 kB\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name    string
		want    int64
		wantErr bool
	}{
		{"VmHWM:", 2048 * 1024, false},
		{"RssAnon:", 12 * 1024, false},
		{"RssFile:", 0, true},
		{"Name:", 0, true}, // not a number
	} {
		got, err := procField(p, tc.name, 1024)
		if (err != nil) != tc.wantErr || got != tc.want {
			t.Errorf("%s: got %d, %v; want %d, error %v", tc.name, got, err, tc.want, tc.wantErr)
		}
	}
}
