package normalize

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/vksnews/vksnews/internal/article"
)

// labeledCase is one hand-labeled article of testdata/labeled. Seed cases
// name a file of shared/seeds as their body instead of carrying it; Origin
// says where a copied article came from (the sample portals' content).
type labeledCase struct {
	Seed      string `json:"seed,omitempty"`
	Origin    string `json:"origin,omitempty"`
	Title     string `json:"title"`
	Published string `json:"published"`
	Summary   string `json:"summary,omitempty"`
	Body      string `json:"body,omitempty"`
	Author    string `json:"author,omitempty"`
	Portal    struct {
		Name string `json:"name"`
		Unit string `json:"unit"`
	} `json:"portal"`
	Labels struct {
		Unit struct {
			Level       string `json:"level"`
			Province    string `json:"province"`
			ProvinceNow string `json:"province_now"`
		} `json:"unit"`
		Published    *string            `json:"published"`
		EventDate    *string            `json:"event_date"`
		Officials    []article.Official `json:"officials"`
		PrimaryEvent string             `json:"primary_event"`
		Authors      []string           `json:"authors"`
	} `json:"labels"`
}

type tally struct{ ok, n int }

func (t *tally) add(ok bool) {
	t.n++
	if ok {
		t.ok++
	}
}
func (t tally) rate() float64 {
	if t.n == 0 {
		return 1
	}
	return float64(t.ok) / float64(t.n)
}

func loadLabeled(t testing.TB) map[string]labeledCase {
	files, err := filepath.Glob(filepath.Join("testdata", "labeled", "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no labeled cases: %v", err)
	}
	out := map[string]labeledCase{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatalf("read %s: %v", f, err)
		}
		var c labeledCase
		if err := json.Unmarshal(b, &c); err != nil {
			t.Fatalf("parse %s: %v", f, err)
		}
		out[filepath.Base(f)] = c
	}
	return out
}

// TestQuality measures normalization against the hand-labeled set and fails
// below the thresholds of issue 3.
func TestQuality(t *testing.T) {
	cases := loadLabeled(t)
	var unitLP, unitNow, pub, evDate, primary tally
	var offTP, offFP, offFN, authorsAsOfficials int
	used := 0
	for name, c := range cases {
		body := c.Body
		if c.Seed != "" {
			dir := findSeeds()
			if dir == "" {
				continue
			}
			m, _ := filepath.Glob(filepath.Join(dir, c.Seed+"_*.txt"))
			if len(m) != 1 {
				continue
			}
			b, err := os.ReadFile(m[0])
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			body = string(b)
		}
		used++
		p := Portal{Name: c.Portal.Name, Unit: c.Portal.Unit}
		a := Article(article.Raw{URL: "https://example.gov.vn/" + name, Title: c.Title, Published: c.Published, Summary: c.Summary, BodyText: body, Author: c.Author}, p)
		L := c.Labels
		okLP := a.Unit.Level == L.Unit.Level && a.Unit.Province == L.Unit.Province
		unitLP.add(okLP)
		unitNow.add(a.Unit.ProvinceNow == L.Unit.ProvinceNow)
		var gotPub string
		if a.Published != nil {
			gotPub = a.Published.Format(time.RFC3339)
		}
		pub.add(gotPub == deref(L.Published))
		var gotEv string
		if a.EventDate != nil {
			gotEv = a.EventDate.String()
		}
		evDate.add(gotEv == deref(L.EventDate))
		gotPrimary := ""
		if len(a.EventTypes) > 0 {
			gotPrimary = a.EventTypes[0]
		}
		primary.add(gotPrimary == L.PrimaryEvent)
		tp, fp, fn := matchOfficials(a.Officials, L.Officials)
		offTP, offFP, offFN = offTP+tp, offFP+fp, offFN+fn
		for _, o := range a.Officials {
			for _, au := range L.Authors {
				if strings.Contains(au, o.Name) {
					authorsAsOfficials++
				}
			}
		}
		if testing.Verbose() && (!okLP || gotEv != deref(L.EventDate) || gotPrimary != L.PrimaryEvent || gotPub != deref(L.Published) || fp+fn > 0) {
			t.Logf("%s: unit %+v | published %q | event %q want %q | primary %q want %q | officials tp=%d fp=%d fn=%d %+v",
				name, a.Unit, gotPub, gotEv, deref(L.EventDate), gotPrimary, L.PrimaryEvent, tp, fp, fn, a.Officials)
		}
	}
	prec := float64(offTP) / float64(max(1, offTP+offFP))
	rec := float64(offTP) / float64(max(1, offTP+offFN))
	t.Logf("labeled articles measured: %d", used)
	t.Logf("%-24s %8s %8s", "field", "score", "min")
	rows := []struct {
		name       string
		got, floor float64
	}{
		{"unit level+province", unitLP.rate(), 0.95},
		{"province_now", unitNow.rate(), 0.95},
		{"published", pub.rate(), 0.98},
		{"event_date", evDate.rate(), 0.95},
		{"officials precision", prec, 0.95},
		{"officials recall", rec, 0.90},
		{"primary event type", primary.rate(), 0.90},
	}
	for _, r := range rows {
		t.Logf("%-24s %8.3f %8.2f", r.name, r.got, r.floor)
		if r.got < r.floor {
			t.Errorf("%s = %.3f, below %.2f", r.name, r.got, r.floor)
		}
	}
	t.Logf("%-24s %8d %8d", "authors as officials", authorsAsOfficials, 0)
	if authorsAsOfficials > 0 {
		t.Errorf("%d authors listed as officials", authorsAsOfficials)
	}
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// matchOfficials counts an extracted official as right when the label has the
// same name and the extracted title contains the labeled one.
func matchOfficials(got, want []article.Official) (tp, fp, fn int) {
	used := make([]bool, len(want))
	for _, g := range got {
		hit := false
		for i, w := range want {
			if !used[i] && g.Name == w.Name && strings.Contains(strings.ToLower(g.Title), strings.ToLower(w.Title)) {
				used[i], hit = true, true
				break
			}
		}
		if hit {
			tp++
		} else {
			fp++
		}
	}
	for _, u := range used {
		if !u {
			fn++
		}
	}
	return tp, fp, fn
}

// findSeeds is seedsDir without a testing.TB: "" when absent.
func findSeeds() string {
	dir, err := os.Getwd()
	if err != nil {
		return ""
	}
	for {
		for _, cand := range []string{filepath.Join(dir, "shared", "seeds"), filepath.Join(dir, "..", "shared", "seeds")} {
			if fi, err := os.Stat(cand); err == nil && fi.IsDir() {
				return cand
			}
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// BenchmarkArticleLabeled normalizes every labeled article that carries its
// own body (real-looking text with officials, dates and units, unlike the
// repeated paragraph of BenchmarkArticle) and reports articles per second.
func BenchmarkArticleLabeled(b *testing.B) {
	var raws []article.Raw
	var ps []Portal
	size := 0
	for name, c := range loadLabeled(b) {
		if c.Body == "" {
			continue
		}
		raws = append(raws, article.Raw{URL: "https://example.gov.vn/" + name, Title: c.Title, Published: c.Published, Summary: c.Summary, BodyText: c.Body, Author: c.Author})
		ps = append(ps, Portal{Name: c.Portal.Name, Unit: c.Portal.Unit})
		size += len(c.Title) + len(c.Summary) + len(c.Body)
	}
	b.SetBytes(int64(size / len(raws)))
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		Article(raws[n%len(raws)], ps[n%len(raws)])
		n++
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "articles/s")
}
