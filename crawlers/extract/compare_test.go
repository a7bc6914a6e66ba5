package extract

import (
	"bytes"
	"encoding/json"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/PuerkitoBio/goquery"
	"github.com/markusmobius/go-trafilatura"
)

// expectedPage is a hand-checked page: its title, published day and body.
type expectedPage struct {
	File  string `json:"file"`
	URL   string `json:"url"`
	Title string `json:"title"`
	Date  string `json:"date"` // YYYY-MM-DD
	Body  string `json:"body"`
}

// tokens splits text into lower-case words without punctuation.
func tokens(s string) map[string]int {
	out := map[string]int{}
	for _, f := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		out[f]++
	}
	return out
}

// prf returns token-level precision, recall and F1 of got against want.
func prf(got, want string) (p, r, f float64) {
	g, w := tokens(got), tokens(want)
	var common, ng, nw int
	for t, c := range g {
		ng += c
		common += min(c, w[t])
	}
	for _, c := range w {
		nw += c
	}
	if ng == 0 || nw == 0 {
		return 0, 0, 0
	}
	p, r = float64(common)/float64(ng), float64(common)/float64(nw)
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return p, r, f
}

var (
	isoDay = regexp.MustCompile(`(\d{4})-(\d{2})-(\d{2})`)
	dmyDay = regexp.MustCompile(`(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})`)
	viDay  = regexp.MustCompile(`(?i)ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})`)
)

// dayOf reads the civil day of a Published string (test helper only; the
// real date parsing belongs to normalize).
func dayOf(s string) string {
	if m := isoDay.FindStringSubmatch(s); m != nil {
		return m[1] + "-" + m[2] + "-" + m[3]
	}
	m := viDay.FindStringSubmatch(s)
	if m == nil {
		m = dmyDay.FindStringSubmatch(s)
	}
	if m == nil {
		return ""
	}
	d, _ := strconv.Atoi(m[1])
	mo, _ := strconv.Atoi(m[2])
	return m[3] + "-" + pad2(mo) + "-" + pad2(d)
}

func pad2(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// compareResult is one extractor's score on one page.
type compareResult struct {
	title, date bool
	p, r, f     float64
	took        time.Duration
}

// TestCompareTrafilatura runs the generic extractor and go-trafilatura on
// the hand-checked pages and reports title, date and body P/R/F1 per page
// and in total (go test ./crawlers/extract -run Compare -v).
func TestCompareTrafilatura(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("testdata", "expected.json"))
	if err != nil {
		t.Fatal(err)
	}
	var pages []expectedPage
	if err := json.Unmarshal(b, &pages); err != nil {
		t.Fatal(err)
	}
	gen, err := New("generic", Selectors{})
	if err != nil {
		t.Fatal(err)
	}
	const runs = 5
	var totals [2]compareResult
	var countTitle, countDate [2]int
	for _, pg := range pages {
		src, err := os.ReadFile(filepath.Join("testdata", pg.File))
		if err != nil {
			t.Fatal(err)
		}
		u, _ := url.Parse(pg.URL)
		var res [2]compareResult

		start := time.Now()
		var raw struct{ title, published, body string }
		for range runs {
			doc, err := goquery.NewDocumentFromReader(bytes.NewReader(src))
			if err != nil {
				t.Fatal(err)
			}
			r, err := gen.Article(u, doc)
			if err != nil {
				t.Fatalf("%s: %v", pg.File, err)
			}
			raw.title, raw.published, raw.body = r.Title, r.Published, r.BodyText
		}
		res[0].took = time.Since(start) / runs
		res[0].title = raw.title == pg.Title
		res[0].date = dayOf(raw.published) == pg.Date
		res[0].p, res[0].r, res[0].f = prf(raw.body, pg.Body)

		start = time.Now()
		var tr *trafilatura.ExtractResult
		for range runs {
			tr, err = trafilatura.Extract(bytes.NewReader(src), trafilatura.Options{OriginalURL: u, ExcludeComments: true, EnableFallback: true})
			if err != nil {
				break
			}
		}
		res[1].took = time.Since(start) / runs
		if err == nil && tr != nil {
			res[1].title = strings.TrimSpace(tr.Metadata.Title) == pg.Title
			res[1].date = !tr.Metadata.Date.IsZero() && tr.Metadata.Date.Format(time.DateOnly) == pg.Date
			res[1].p, res[1].r, res[1].f = prf(tr.ContentText, pg.Body)
		} else {
			t.Logf("%s: trafilatura: %v", pg.File, err)
		}
		for i, name := range []string{"generic", "trafilatura"} {
			t.Logf("%-24s %-11s title=%-5v date=%-5v P=%.2f R=%.2f F1=%.2f %8s/page", pg.File, name, res[i].title, res[i].date, res[i].p, res[i].r, res[i].f, res[i].took.Round(time.Microsecond))
			totals[i].p += res[i].p
			totals[i].r += res[i].r
			totals[i].f += res[i].f
			totals[i].took += res[i].took
		}
		if !res[0].title || !res[0].date || res[0].f < 0.95 {
			t.Errorf("%s: generic extractor: title=%v date=%v F1=%.2f", pg.File, res[0].title, res[0].date, res[0].f)
		}
		countTitle[0] += b2i(res[0].title)
		countTitle[1] += b2i(res[1].title)
		countDate[0] += b2i(res[0].date)
		countDate[1] += b2i(res[1].date)
	}
	n := float64(len(pages))
	for i, name := range []string{"generic", "trafilatura"} {
		t.Logf("TOTAL %-11s titles %d/%d dates %d/%d mean P=%.2f R=%.2f F1=%.2f mean %s/page",
			name, countTitle[i], len(pages), countDate[i], len(pages), totals[i].p/n, totals[i].r/n, totals[i].f/n, (totals[i].took / time.Duration(len(pages))).Round(time.Microsecond))
	}
}
