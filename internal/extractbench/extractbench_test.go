package extractbench_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/markusmobius/go-trafilatura"
	"github.com/vksnews/vksnews/internal/extractbench"
	"github.com/vksnews/vksnews/internal/extractbench/extractors"
)

// benchmarkDir is the public benchmark in the shared folder beside the repository.
var benchmarkDir = filepath.Join("..", "..", "..", "shared", "benchmarks", "article-extraction")

// minF1 is the generic extractor's benchmark F1 (0.971 when this was
// written, docs/BENCHMARKS.md) less a margin for harmless changes.
const minF1 = 0.965

// TestPublicBenchmark runs the generic extractor over the 181 pages of the
// public article-extraction benchmark and fails when its body F1 drops
// below minF1 or when it refuses a page (every page is a real article).
func TestPublicBenchmark(t *testing.T) {
	if _, err := os.Stat(filepath.Join(benchmarkDir, "ground-truth.json")); err != nil {
		t.Skipf("public benchmark not found: %v", err)
	}
	pages, err := extractbench.Load(benchmarkDir)
	if err != nil {
		t.Fatal(err)
	}
	r := extractbench.Run(pages, extractors.Generic)
	t.Logf("generic on %d pages: F1 %.3f, precision %.3f, recall %.3f, %d refused, %s",
		len(pages), r.Score.F1, r.Score.Precision, r.Score.Recall, len(r.Refused), r.Duration)
	if r.Score.F1 < minF1 {
		t.Errorf("F1 %.3f < %.3f", r.Score.F1, minF1)
	}
	for id, msg := range r.Refused {
		t.Errorf("page %s refused: %s", id, msg)
	}
}

// TestScoreLikeEvaluatePy checks the scorer against figures worked out by
// hand with evaluate.py's rules (4-token shingles, counts normalized per
// page, precision and recall averaged over pages).
func TestScoreLikeEvaluatePy(t *testing.T) {
	tests := []struct {
		truth, pred string
		p, r        float64
	}{
		{"a b c d e", "a b c d e", 1, 1},
		{"a b c d e", "", 0, 0},          // nothing predicted
		{"a b c d e", "a b c d", 1, 0.5}, // 1 of 2 true shingles
		{"a b c", "a b c", 1, 1},         // a short text is one shingle
		{"one two three four five six", "one two three four x y", 1.0 / 3, 1.0 / 3},
	}
	for _, tt := range tests {
		s := extractbench.ScoreText(tt.truth, tt.pred)
		if !near(s.Precision, tt.p) || !near(s.Recall, tt.r) {
			t.Errorf("ScoreText(%q, %q) = P %.3f R %.3f, want P %.3f R %.3f", tt.truth, tt.pred, s.Precision, s.Recall, tt.p, tt.r)
		}
	}
}

func near(a, b float64) bool { return a-b < 1e-9 && b-a < 1e-9 }

// BenchmarkExtractors runs the generic extractor and go-trafilatura side by
// side over every page of the public benchmark (one op = all 181 pages):
// trafilatura as the benchmark ran it (fallback on) and with its defaults.
// go test -bench Extractors -benchtime 3x ./internal/extractbench
func BenchmarkExtractors(b *testing.B) {
	if _, err := os.Stat(filepath.Join(benchmarkDir, "ground-truth.json")); err != nil {
		b.Skipf("public benchmark not found: %v", err)
	}
	pages, err := extractbench.Load(benchmarkDir)
	if err != nil {
		b.Fatal(err)
	}
	var size int64
	for _, p := range pages {
		size += int64(len(p.HTML))
	}
	plain := func(_ string, h []byte) (string, error) {
		r, err := trafilatura.Extract(bytes.NewReader(h), trafilatura.Options{})
		if err != nil {
			return "", err
		}
		return r.ContentText, nil
	}
	exs := map[string]extractbench.Extractor{"generic": extractors.Generic, "trafilatura": extractors.Trafilatura, "trafilatura-defaults": plain}
	for _, name := range []string{"generic", "trafilatura", "trafilatura-defaults"} {
		ex := exs[name]
		b.Run(name, func(b *testing.B) {
			b.SetBytes(size)
			for b.Loop() {
				for _, p := range pages {
					_, _ = ex(p.URL, p.HTML)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N*len(pages)), "ms/page")
		})
	}
}
