// Package extractbench runs an article extractor over ScrapingHub's public
// article-extraction benchmark (a folder holding html/*.html.gz and
// ground-truth.json) and scores it exactly as the benchmark's evaluate.py
// does: precision, recall and F1 of the body's 4-token shingles, each page
// weighted equally. It writes the output/NAME.json file that evaluate.py reads.
package extractbench

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
	"unicode"
)

// Page is one benchmark page: its id, the URL it was fetched from, its HTML
// (decompressed) and its true body.
type Page struct {
	ID, URL string
	HTML    []byte
	Truth   string
}

// Extractor returns the body text of one page; an error counts as a refusal
// (an empty body) in the score.
type Extractor func(pageURL string, html []byte) (body string, err error)

// Load reads every page of the benchmark folder dir, sorted by id.
func Load(dir string) ([]Page, error) {
	b, err := os.ReadFile(filepath.Join(dir, "ground-truth.json"))
	if err != nil {
		return nil, fmt.Errorf("benchmark %s: %w", dir, err)
	}
	var gt map[string]struct {
		ArticleBody string `json:"articleBody"`
		URL         string `json:"url"`
	}
	if err := json.Unmarshal(b, &gt); err != nil {
		return nil, fmt.Errorf("benchmark %s: ground-truth.json: %w", dir, err)
	}
	pages := make([]Page, 0, len(gt))
	for id, g := range gt {
		h, err := readGzip(filepath.Join(dir, "html", id+".html.gz"))
		if err != nil {
			return nil, fmt.Errorf("benchmark %s: page %s: %w", dir, id, err)
		}
		pages = append(pages, Page{ID: id, URL: g.URL, HTML: h, Truth: g.ArticleBody})
	}
	if len(pages) == 0 {
		return nil, fmt.Errorf("benchmark %s: %w", dir, ErrNoPages)
	}
	sort.Slice(pages, func(i, j int) bool { return pages[i].ID < pages[j].ID })
	return pages, nil
}

func readGzip(name string) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	z, err := gzip.NewReader(f)
	if err != nil {
		return nil, err
	}
	defer z.Close()
	return io.ReadAll(z)
}

// Result is an extractor's run over the benchmark.
type Result struct {
	Bodies   map[string]string // id → extracted body ("" when refused)
	Refused  map[string]string // id → the error
	PerPage  map[string]Score  // id → that page's score
	Score    Score             // the benchmark's figure: mean precision and recall, their F1
	Duration time.Duration     // extraction time of all pages (no loading)
}

// Score is token-shingle precision, recall and F1.
type Score struct{ Precision, Recall, F1 float64 }

// Run extracts every page with ex and scores the bodies against the truth.
func Run(pages []Page, ex Extractor) Result {
	res := Result{Bodies: map[string]string{}, Refused: map[string]string{}, PerPage: map[string]Score{}}
	start := time.Now()
	for _, p := range pages {
		body, err := ex(p.URL, p.HTML)
		if err != nil {
			res.Refused[p.ID] = err.Error()
			body = ""
		}
		res.Bodies[p.ID] = body
	}
	res.Duration = time.Since(start)
	var counts []tpFpFn
	for _, p := range pages {
		c := shingleMatch(p.Truth, res.Bodies[p.ID])
		counts = append(counts, c)
		res.PerPage[p.ID] = metrics([]tpFpFn{c})
	}
	res.Score = metrics(counts)
	return res
}

// WriteOutput writes dir/output/name.json in the form evaluate.py reads.
func WriteOutput(dir, name, version string, bodies map[string]string) error {
	out := struct {
		Version string                       `json:"version"`
		Output  map[string]map[string]string `json:"output"`
	}{Version: version, Output: map[string]map[string]string{}}
	for id, b := range bodies {
		out.Output[id] = map[string]string{"articleBody": b}
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", " ")
	if err := enc.Encode(out); err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Join(dir, "output"), 0o755); err != nil {
		return fmt.Errorf("write benchmark output: %w", err)
	}
	if err := os.WriteFile(filepath.Join(dir, "output", name+".json"), buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("write benchmark output: %w", err)
	}
	return nil
}

// ErrNoPages is wrapped by Load when a benchmark folder holds no page.
var ErrNoPages = errors.New("benchmark holds no page")

// tpFpFn are one page's shingle counts, normalized to sum 1 as evaluate.py
// does so that long pages weigh no more than short ones.
type tpFpFn struct{ tp, fp, fn float64 }

// tokenize splits text as Python's re `\w+` does: runs of letters, digits
// and underscores.
func tokenize(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_') })
}

// shingles counts the 4-token shingles of s (a shorter text is one shingle;
// an empty one has none).
func shingles(s string) map[string]int {
	toks := tokenize(s)
	out := map[string]int{}
	const n = 4
	for i := 0; i < max(1, len(toks)-n+1); i++ {
		end := min(i+n, len(toks))
		if end > i {
			out[strings.Join(toks[i:end], "\x00")]++
		}
	}
	return out
}

func shingleMatch(truth, pred string) tpFpFn {
	t, p := shingles(truth), shingles(pred)
	var c tpFpFn
	for k, tc := range t {
		pc := p[k]
		c.tp += float64(min(tc, pc))
		c.fn += float64(max(0, tc-pc))
	}
	for k, pc := range p {
		c.fp += float64(max(0, pc-t[k]))
	}
	if s := c.tp + c.fp + c.fn; s > 0 {
		c.tp, c.fp, c.fn = c.tp/s, c.fp/s, c.fn/s
	}
	return c
}

// metrics averages precision and recall over pages (skipping pages where
// they are undefined, as evaluate.py does) and takes their F1.
func metrics(cs []tpFpFn) Score {
	var ps, rs []float64
	for _, c := range cs {
		if c.tp+c.fp > 0 {
			ps = append(ps, ratio(c.tp, c.fp, c.fn))
		}
		if c.tp+c.fn > 0 {
			rs = append(rs, ratio(c.tp, c.fn, c.fp))
		}
	}
	var s Score
	s.Precision, s.Recall = mean(ps), mean(rs)
	if s.Precision+s.Recall > 0 {
		s.F1 = 2 * s.Precision * s.Recall / (s.Precision + s.Recall)
	}
	return s
}

// ratio is tp/(tp+miss), with evaluate.py's conventions for empty cases.
func ratio(tp, miss, other float64) float64 {
	switch {
	case miss == 0 && other == 0:
		return 1
	case tp == 0 && miss == 0:
		return 0
	}
	return tp / (tp + miss)
}

func mean(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	var s float64
	for _, x := range xs {
		s += x
	}
	return s / float64(len(xs))
}

// ScoreText scores one extracted body against its true text.
func ScoreText(truth, pred string) Score { return metrics([]tpFpFn{shingleMatch(truth, pred)}) }
