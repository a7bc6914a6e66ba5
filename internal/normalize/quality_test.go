package normalize

import (
	"encoding/json"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/vksnews/vksnews/internal/article"
)

// labeledCase is one hand-labeled article of testdata/labeled. Seed cases
// name a file of shared/seeds as their body instead of carrying it; Origin
// says where a copied article came from (the sample portals' content).
// enforceHeldOut turns the held-out floors of issue 11 into failures.
const enforceHeldOut = true

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
		// Held-out labels only: every event type a reader accepts (the
		// primary first) and the persons named who hold no office.
		EventTypes   []string `json:"event_types"`
		NonOfficials []string `json:"non_officials"`
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

// labeledDir is where the two labeled sets live: "tuning" holds the cases
// the rules were tuned on; "heldout" was written and labelled before the
// rules of issue 11 were changed and is never tuned on.
func labeledDir(set string) string { return filepath.Join("testdata", "labeled", set) }

func loadLabeled(t testing.TB, set string) map[string]labeledCase {
	files, err := filepath.Glob(filepath.Join(labeledDir(set), "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no labeled cases in %s: %v", set, err)
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

// scores are the figures of one labeled set.
type scores struct {
	used                                         int
	unitLP, unitNow, pub, evDate, primary        tally
	titles, secondary                            tally
	offTP, offFP, offFN, nonOfficialsAsOfficials int
}

func (s scores) precision() float64 { return float64(s.offTP) / float64(max(1, s.offTP+s.offFP)) }
func (s scores) recall() float64    { return float64(s.offTP) / float64(max(1, s.offTP+s.offFN)) }

// measure normalizes every case of a set and scores it against its labels.
// With exact (the held-out set), officials must match their whole labeled
// title and unit to count as titles right.
func measure(t *testing.T, cases map[string]labeledCase, exact bool) scores {
	var s scores
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
		s.used++
		p := Portal{Name: c.Portal.Name, Unit: c.Portal.Unit}
		a := Article(article.Raw{URL: "https://example.gov.vn/" + name, Title: c.Title, Published: c.Published, Summary: c.Summary, BodyText: body, Author: c.Author}, p)
		L := c.Labels
		okLP := a.Unit.Level == L.Unit.Level && a.Unit.Province == L.Unit.Province
		s.unitLP.add(okLP)
		s.unitNow.add(a.Unit.ProvinceNow == L.Unit.ProvinceNow)
		var gotPub string
		if a.Published != nil {
			gotPub = a.Published.Format(time.RFC3339)
		}
		s.pub.add(gotPub == deref(L.Published))
		var gotEv string
		if a.EventDate != nil {
			gotEv = a.EventDate.String()
		}
		s.evDate.add(gotEv == deref(L.EventDate))
		gotPrimary := ""
		if len(a.EventTypes) > 0 {
			gotPrimary = a.EventTypes[0]
		}
		s.primary.add(gotPrimary == L.PrimaryEvent)
		badSecondary := 0
		if L.EventTypes != nil {
			for _, c := range a.EventTypes[min(1, len(a.EventTypes)):] {
				ok := slices.Contains(L.EventTypes, c)
				s.secondary.add(ok)
				if !ok {
					badSecondary++
				}
			}
		}
		tp, fp, fn, titlesOK := matchOfficials(a.Officials, L.Officials, exact)
		s.offTP, s.offFP, s.offFN = s.offTP+tp, s.offFP+fp, s.offFN+fn
		if exact {
			for i := range L.Officials {
				s.titles.add(i < titlesOK)
			}
		}
		nonOff := 0
		for _, o := range a.Officials {
			for _, n := range append(slices.Clone(L.NonOfficials), L.Authors...) {
				if strings.EqualFold(Text(n), o.Name) || (!exact && strings.Contains(n, o.Name)) {
					nonOff++
				}
			}
		}
		s.nonOfficialsAsOfficials += nonOff
		if testing.Verbose() && (!okLP || gotEv != deref(L.EventDate) || gotPrimary != L.PrimaryEvent || gotPub != deref(L.Published) || fp+fn > 0 || nonOff > 0 || badSecondary > 0 || (exact && titlesOK < len(L.Officials))) {
			t.Logf("%s: unit %+v | published %q | event %q want %q | types %v want %v | officials tp=%d fp=%d fn=%d titles %d/%d %+v",
				name, a.Unit, gotPub, gotEv, deref(L.EventDate), a.EventTypes, L.EventTypes, tp, fp, fn, titlesOK, len(L.Officials), a.Officials)
		}
	}
	return s
}

// TestQuality measures normalization against both labeled sets, reports
// them side by side, and fails below the floors: issue 3's on the tuning
// set, issue 11's on the held-out set.
func TestQuality(t *testing.T) {
	tune := measure(t, loadLabeled(t, "tuning"), false)
	held := measure(t, loadLabeled(t, "heldout"), true)
	t.Logf("labeled articles measured: tuning %d, held-out %d", tune.used, held.used)
	t.Logf("%-28s %8s %8s %8s %8s", "field", "tuning", "min", "held-out", "min")
	rows := []struct {
		name          string
		tune, tuneMin float64
		held, heldMin float64
	}{
		{"unit level+province", tune.unitLP.rate(), 0.95, held.unitLP.rate(), 0.95},
		{"province_now", tune.unitNow.rate(), 0.95, held.unitNow.rate(), 0.95},
		{"published", tune.pub.rate(), 0.98, held.pub.rate(), 0.98},
		{"event_date", tune.evDate.rate(), 0.95, held.evDate.rate(), 0.90},
		{"officials precision", tune.precision(), 0.95, held.precision(), 0.95},
		{"officials recall", tune.recall(), 0.90, held.recall(), 0.93},
		{"official titles exact", tune.titles.rate(), 0, held.titles.rate(), 0.90},
		{"primary event type", tune.primary.rate(), 0.90, held.primary.rate(), 0.93},
		{"secondary types precision", tune.secondary.rate(), 0, held.secondary.rate(), 0.90},
	}
	for _, r := range rows {
		t.Logf("%-28s %8.3f %8.2f %8.3f %8.2f", r.name, r.tune, r.tuneMin, r.held, r.heldMin)
		if r.tune < r.tuneMin {
			t.Errorf("tuning: %s = %.3f, below %.2f", r.name, r.tune, r.tuneMin)
		}
		if enforceHeldOut && r.held < r.heldMin {
			t.Errorf("held-out: %s = %.3f, below %.2f", r.name, r.held, r.heldMin)
		}
	}
	t.Logf("%-28s %8d %8s %8d %8s", "secondary types output", tune.secondary.n, "", held.secondary.n, "")
	t.Logf("%-28s %8d %8d %8d %8d", "non-officials as officials", tune.nonOfficialsAsOfficials, 0, held.nonOfficialsAsOfficials, 0)
	if tune.nonOfficialsAsOfficials > 0 {
		t.Errorf("tuning: %d authors listed as officials", tune.nonOfficialsAsOfficials)
	}
	if enforceHeldOut && held.nonOfficialsAsOfficials > 0 {
		t.Errorf("held-out: %d citizens, parties or authors listed as officials", held.nonOfficialsAsOfficials)
	}
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// matchOfficials counts an extracted official as right when the label has
// the same name and, on the tuning set, the extracted title contains the
// labeled one. With exact (the held-out set, whose labels give the whole
// title and the unit), a name match is enough for tp, and titlesOK counts
// the matches whose title and unit are both exactly the labeled ones.
func matchOfficials(got, want []article.Official, exact bool) (tp, fp, fn, titlesOK int) {
	used := make([]bool, len(want))
	for _, g := range got {
		hit := false
		for i, w := range want {
			if used[i] || g.Name != Text(w.Name) {
				continue
			}
			if exact {
				if foldTitle(g.Title) == foldTitle(w.Title) && g.Unit == Text(w.Unit) {
					titlesOK++
				}
			} else if !strings.Contains(strings.ToLower(g.Title), strings.ToLower(w.Title)) {
				continue
			}
			used[i], hit = true, true
			break
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
	return tp, fp, fn, titlesOK
}

// foldTitle compares titles without regard to case, spacing or the dash used.
func foldTitle(s string) string {
	s = strings.NewReplacer("–", "-", "—", "-").Replace(strings.ToLower(Text(s)))
	return strings.Join(strings.Fields(s), " ")
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
	cases := loadLabeled(b, "tuning")
	maps.Copy(cases, loadLabeled(b, "heldout"))
	for name, c := range cases {
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
