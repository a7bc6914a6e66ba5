package index

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/vksnews/vksnews/internal/article"
	"github.com/vksnews/vksnews/internal/filter"
	"github.com/vksnews/vksnews/internal/normalize"
	"github.com/vksnews/vksnews/internal/vntext"
)

// filterQuery builds the filter clauses: keyword terms on folded keys, and
// the date range on the article's date in loc.
func filterQuery(f filter.Filters, loc *time.Location) ([]query.Query, error) {
	var qs []query.Query
	add := func(field, value string) {
		if value != "" {
			q := bleve.NewTermQuery(value)
			q.SetField(field)
			qs = append(qs, q)
		}
	}
	for _, l := range [][2]string{{"level", f.Level}, {"mentions_level", f.MentionsLevel}} {
		if l[1] != "" && !slices.Contains(article.Levels, l[1]) {
			return nil, fmt.Errorf("%w: %s: unknown level %q (want one of %s)", ErrBadRequest, l[0], l[1], strings.Join(article.Levels, ", "))
		}
	}
	if f.EventType != "" && !slices.Contains(article.EventTypes, f.EventType) {
		return nil, fmt.Errorf("%w: event_type: unknown event type %q", ErrBadRequest, f.EventType)
	}
	for _, c := range []struct {
		name, field, value string
		now                bool
	}{
		{"province", fProvince, f.Province, false},
		{"province_now", fProvinceNow, f.ProvinceNow, true},
		{"mentions_province", fMProvince, f.MentionsProvince, false},
		{"mentions_province_now", fMProvNow, f.MentionsProvinceNow, true},
	} {
		if c.value == "" {
			continue
		}
		p, ok := lookupProvince(c.value)
		if !ok {
			return nil, fmt.Errorf("%w: %s: unknown province %q", ErrBadRequest, c.name, c.value)
		}
		if c.now {
			add(c.field, vntext.Key(p.Now))
		} else {
			add(c.field, vntext.Key(p.Name))
		}
	}
	add(fLevel, f.Level)
	add(fMLevel, f.MentionsLevel)
	add(fEventType, f.EventType)
	add(fUnit, vntext.Key(f.Unit))
	add(fMUnit, vntext.Key(f.MentionsUnit))
	add(fOfficial, vntext.Key(f.Official))
	add(fPortal, vntext.Key(f.Portal))
	if f.From != nil && f.To != nil && f.To.Before(*f.From) {
		return nil, fmt.Errorf("%w: to %s is before from %s", ErrBadRequest, f.To, f.From)
	}
	if f.From != nil || f.To != nil {
		var start, end time.Time
		if f.From != nil {
			start = f.From.In(loc)
		}
		if f.To != nil {
			end = f.To.In(loc).AddDate(0, 0, 1)
		}
		incl, excl := true, false
		q := bleve.NewDateRangeInclusiveQuery(start, end, &incl, &excl)
		q.SetField(fDate)
		qs = append(qs, q)
	}
	return qs, nil
}

// provinceKeys maps the folded spellings of every province (its name and
// aliases, without marks, case or punctuation) to the province, so that a
// filter value typed "vinh long" or "TP.HCM" is recognised.
var provinceKeys = buildProvinceKeys()

func buildProvinceKeys() map[string]normalize.Province {
	m := map[string]normalize.Province{}
	for _, p := range normalize.Provinces() {
		for _, name := range append([]string{p.Name}, p.Aliases...) {
			m[vntext.PlaceKey(name)] = p
		}
	}
	return m
}

// lookupProvince finds a province by any spelling of its name, before or
// after the merger.
func lookupProvince(s string) (normalize.Province, bool) {
	p, ok := provinceKeys[vntext.PlaceKey(s)]
	return p, ok
}
