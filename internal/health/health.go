// Package health notices when a portal's extraction gets worse: a template
// change on the portal makes the share of its newest articles with a date, a
// unit or a body of normal length drop against the portal's own history.
// It is pure: callers feed it one Sample per stored article.
package health

import (
	"fmt"
	"math"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/vksnews/vksnews/internal/article"
)

// NormalBody is the body length, in characters, that a real article
// reaches; shorter bodies are teasers, captions or the wrong block.
const NormalBody = 300

// Window is how many of a portal's newest articles are compared with the
// older ones; MinHistory is how many older ones a comparison needs.
const (
	Window     = 20
	MinHistory = 20
)

// Thresholds of a drop: the share must fall by at least MinFall and the
// fall must be unlikely by chance (a two-proportion z statistic of at
// least MinZ), so that one odd article in the window warns of nothing.
const (
	MinFall = 0.25
	MinZ    = 3.0
)

// Sample is what extraction found in one article.
type Sample struct {
	At               time.Time // when the article was first fetched
	Date, Unit, Body bool      // a publication date, a unit, a body of normal length
}

// Of is the Sample of one normalized article fetched at at (zero: the
// article's own FetchedAt).
func Of(a article.Article, at time.Time) Sample {
	if at.IsZero() {
		at = a.FetchedAt
	}
	return Sample{
		At:   at,
		Date: a.Published != nil,
		Unit: a.Unit.Level != "",
		Body: utf8.RuneCountInString(strings.TrimSpace(a.Body)) >= NormalBody,
	}
}

// The facts whose shares Find watches.
const (
	FactDate = "date"
	FactUnit = "unit"
	FactBody = "body"
)

// facts are the shares Find watches, with the words its warnings use.
var facts = []struct {
	fact, words string
	get         func(Sample) bool
}{
	{FactDate, "a date", func(s Sample) bool { return s.Date }},
	{FactUnit, "a unit", func(s Sample) bool { return s.Unit }},
	{FactBody, "a body of normal length", func(s Sample) bool { return s.Body }},
}

// Drop is one fact whose share fell sharply: from Before, in the older
// articles, to After, in the Newest ones.
type Drop struct {
	Fact          string // FactDate, FactUnit or FactBody
	Before, After float64
	Newest        int
}

// String is the warning in English, as /api/sources and the digest give it.
func (d Drop) String() string {
	words := d.Fact
	for _, f := range facts {
		if f.fact == d.Fact {
			words = f.words
		}
	}
	return fmt.Sprintf("share of articles with %s fell from %.0f%% to %.0f%% in the %d newest: did the portal's template change?",
		words, 100*d.Before, 100*d.After, d.Newest)
}

// Drops compares the Window newest samples with the older ones and returns
// one warning per fact whose share fell sharply, e.g. "share of articles
// with a date fell from 98% to 35% in the 20 newest: did the portal's
// template change?". It returns nil when the history is too short. The
// samples may be in any order; Drops does not modify them.
func Drops(samples []Sample) []string {
	var out []string
	for _, d := range Find(samples) {
		out = append(out, d.String())
	}
	return out
}

// Find is Drops as data, for a page that words the warnings itself.
func Find(samples []Sample) []Drop {
	if len(samples) < Window+MinHistory {
		return nil
	}
	s := append([]Sample(nil), samples...)
	sort.SliceStable(s, func(i, j int) bool { return s[i].At.Before(s[j].At) })
	old, recent := s[:len(s)-Window], s[len(s)-Window:]
	var out []Drop
	for _, f := range facts {
		po, pr := share(old, f.get), share(recent, f.get)
		if po-pr >= MinFall && z(po, len(old), pr, len(recent)) >= MinZ {
			out = append(out, Drop{Fact: f.fact, Before: po, After: pr, Newest: len(recent)})
		}
	}
	return out
}

func share(s []Sample, get func(Sample) bool) float64 {
	n := 0
	for _, x := range s {
		if get(x) {
			n++
		}
	}
	return float64(n) / float64(len(s))
}

// z is the two-proportion z statistic of p1 (of n1) against p2 (of n2),
// with the pooled proportion; +Inf when both samples agree perfectly
// within themselves but differ.
func z(p1 float64, n1 int, p2 float64, n2 int) float64 {
	p := (p1*float64(n1) + p2*float64(n2)) / float64(n1+n2)
	se := math.Sqrt(p * (1 - p) * (1/float64(n1) + 1/float64(n2)))
	if se == 0 {
		return 0
	}
	return (p1 - p2) / se
}
