// Package filter holds the article filters that the command line, the JSON
// API and the digest share (DESIGN.md: province, province_now, level, unit,
// event_type, official, portal, from, to, and the mentions_* filters), their
// validation, and matching against a stored article for the consumers that
// scan the store.
package filter

import (
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/vksnews/vksnews/internal/article"
	"github.com/vksnews/vksnews/internal/vntext"
)

// Names lists the filter names in the order of DESIGN.md.
var Names = []string{"province", "province_now", "level", "unit", "event_type", "official", "portal", "from", "to",
	"mentions_unit", "mentions_province", "mentions_province_now", "mentions_level"}

// Filters restricts a set of articles; the zero value matches everything.
// Text values compare without regard to case, Unicode form or diacritics.
//
// Province, ProvinceNow, Level and Unit are about the article's own unit
// (its "unit"); the Mentions ones match any unit the article names (its
// "units"), so that a round-up or a visit of the Supreme procuracy is found
// under every unit it covers without counting as that unit's own news.
type Filters struct {
	Province    string
	ProvinceNow string
	Level       string
	Unit        string
	EventType   string
	Official    string
	Portal      string
	From, To    *article.Date // inclusive, on the article's date

	MentionsUnit        string
	MentionsProvince    string
	MentionsProvinceNow string
	MentionsLevel       string
}

// Parse reads filters from name/value pairs (URL query or CLI flags). It
// rejects unknown names when strict, bad dates, unknown level and event-type
// codes, and values that are not valid UTF-8, naming the filter in the error.
func Parse(values url.Values, strict bool) (Filters, error) {
	var f Filters
	var errs []error
	for name, vs := range values {
		if len(vs) == 0 || (!strict && !slices.Contains(Names, name)) {
			continue
		}
		if err := f.Set(name, vs[len(vs)-1]); err != nil {
			errs = append(errs, err)
		}
	}
	if f.From != nil && f.To != nil && f.To.Before(*f.From) {
		errs = append(errs, fmt.Errorf("to: %s is before from %s", f.To, f.From))
	}
	return f, errors.Join(errs...)
}

// Set sets one filter by name.
func (f *Filters) Set(name, value string) error {
	value = strings.TrimSpace(value)
	if !utf8.ValidString(value) {
		return fmt.Errorf("%s: not valid UTF-8", name)
	}
	if len(value) > 200 {
		return fmt.Errorf("%s: longer than 200 bytes", name)
	}
	switch name {
	case "province":
		f.Province = value
	case "province_now":
		f.ProvinceNow = value
	case "level", "mentions_level":
		if value != "" && !slices.Contains(article.Levels, value) {
			return fmt.Errorf("%s: unknown level %q (want one of %s)", name, value, strings.Join(article.Levels, ", "))
		}
		if name == "level" {
			f.Level = value
		} else {
			f.MentionsLevel = value
		}
	case "unit":
		f.Unit = value
	case "mentions_unit":
		f.MentionsUnit = value
	case "mentions_province":
		f.MentionsProvince = value
	case "mentions_province_now":
		f.MentionsProvinceNow = value
	case "event_type":
		if value != "" && !slices.Contains(article.EventTypes, value) {
			return fmt.Errorf("event_type: unknown event type %q (want one of %s)", value, strings.Join(article.EventTypes, ", "))
		}
		f.EventType = value
	case "official":
		f.Official = value
	case "portal":
		f.Portal = value
	case "from", "to":
		if value == "" {
			return nil
		}
		d, err := article.ParseDate(value)
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		if name == "from" {
			f.From = &d
		} else {
			f.To = &d
		}
	default:
		return fmt.Errorf("unknown filter %q (want one of %s)", name, strings.Join(Names, ", "))
	}
	return nil
}

// IsZero reports whether no filter is set.
func (f Filters) IsZero() bool { return f == Filters{} }

// Date is the date an article is filtered and sorted on: the day it was
// published (in loc), else the day of the event.
func Date(a article.Article, loc *time.Location) (article.Date, bool) {
	if a.Published != nil {
		return article.DateOf(a.Published.In(loc)), true
	}
	if a.EventDate != nil {
		return *a.EventDate, true
	}
	return article.Date{}, false
}

// Match reports whether a matches every filter. The unit filters (province,
// province_now, level, unit) look at the article's own unit; the mentions_*
// ones match when any unit the article names matches.
func (f Filters) Match(a article.Article, loc *time.Location) bool {
	if f.Portal != "" && vntext.Key(a.Portal) != vntext.Key(f.Portal) {
		return false
	}
	if f.EventType != "" && !slices.Contains(a.EventTypes, f.EventType) {
		return false
	}
	if f.Official != "" && !slices.ContainsFunc(a.Officials, func(o article.Official) bool { return vntext.Key(o.Name) == vntext.Key(f.Official) }) {
		return false
	}
	own := []article.Unit{a.Unit}
	// The normalizer puts the own unit in units; an article stored before
	// it did must still be found under its own unit.
	named := append(own, a.Units...)
	for _, c := range []struct {
		units []article.Unit
		get   func(article.Unit) string
		key   func(string) string // provinces take the place-name tolerance
		want  string
	}{
		{own, unitProvince, vntext.PlaceKey, f.Province},
		{own, unitProvinceNow, vntext.PlaceKey, f.ProvinceNow},
		{own, unitLevel, vntext.Key, f.Level},
		{own, unitName, vntext.Key, f.Unit},
		{named, unitProvince, vntext.PlaceKey, f.MentionsProvince},
		{named, unitProvinceNow, vntext.PlaceKey, f.MentionsProvinceNow},
		{named, unitLevel, vntext.Key, f.MentionsLevel},
		{named, unitName, vntext.Key, f.MentionsUnit},
	} {
		if c.want != "" && !slices.ContainsFunc(c.units, func(u article.Unit) bool { return c.key(c.get(u)) == c.key(c.want) }) {
			return false
		}
	}
	if f.From != nil || f.To != nil {
		d, ok := Date(a, loc)
		if !ok || (f.From != nil && d.Before(*f.From)) || (f.To != nil && f.To.Before(d)) {
			return false
		}
	}
	return true
}

func unitProvince(u article.Unit) string    { return u.Province }
func unitProvinceNow(u article.Unit) string { return u.ProvinceNow }
func unitLevel(u article.Unit) string       { return u.Level }
func unitName(u article.Unit) string        { return u.Name }
