package digest

import (
	"cmp"
	"net/url"
	"slices"
	"strings"
	"time"
	"unicode"

	"github.com/vksnews/vksnews/internal/article"
	"github.com/vksnews/vksnews/internal/vntext"
)

// UnknownProvince heads the group of articles whose province is not known.
const UnknownProvince = "Không rõ tỉnh"

// EventLabel returns the Vietnamese heading of an event-type code; unknown
// codes fall under "Khác".
func EventLabel(code string) string {
	if l, ok := article.EventLabel(code); ok {
		return l
	}
	l, _ := article.EventLabel(article.EventKhac)
	return l
}

// view is what both templates render.
type view struct {
	Subject   string
	From, To  string // the window, dd/mm/yyyy hh:mm
	Count     int
	Provinces []provinceGroup
	Failures  []failureItem
}

// provinceGroup is the articles of one province, by event type.
type provinceGroup struct {
	Name   string
	Count  int
	Events []eventGroup
}

// eventGroup is the articles of one event type within a province.
type eventGroup struct {
	Label    string
	Articles []item
}

// item is one article as the digest shows it. Every string is single-line
// text; the HTML template escapes it.
type item struct {
	Title, Date, Unit, Officials string
	// Old is the publication day of an article published well before it
	// was first seen (a portal's archive reached late): it is new to the
	// reader of the digest, not news.
	Old            string
	Link, Original string
}

// failureItem is one failed portal.
type failureItem struct{ Portal, Error, At string }

// buildView groups arts by province (after the merger), then by their first
// (most relevant) event type in the order of DESIGN.md. Each article appears
// once.
func (d *Digest) buildView(subject string, after, until time.Time, arts []article.Article, fails []PortalFailure) view {
	v := view{Subject: subject, From: stamp(after, d.loc), To: stamp(until, d.loc), Count: len(arts)}
	byProv := map[string]map[string][]article.Article{}
	for _, a := range arts {
		p, e := provinceOf(a), eventOf(a)
		if byProv[p] == nil {
			byProv[p] = map[string][]article.Article{}
		}
		byProv[p][e] = append(byProv[p][e], a)
	}
	provs := make([]string, 0, len(byProv))
	for p := range byProv {
		provs = append(provs, p)
	}
	slices.SortFunc(provs, func(a, b string) int {
		// The unknown group goes last; the others in folded alphabetical order.
		if (a == UnknownProvince) != (b == UnknownProvince) {
			if a == UnknownProvince {
				return 1
			}
			return -1
		}
		return cmp.Or(strings.Compare(vntext.Key(a), vntext.Key(b)), strings.Compare(a, b))
	})
	for _, p := range provs {
		g := provinceGroup{Name: p}
		for _, code := range eventOrder() {
			as := byProv[p][code]
			if len(as) == 0 {
				continue
			}
			slices.SortStableFunc(as, newestFirst)
			eg := eventGroup{Label: EventLabel(code)}
			for _, a := range as {
				eg.Articles = append(eg.Articles, d.itemOf(a))
			}
			g.Count += len(as)
			g.Events = append(g.Events, eg)
		}
		v.Provinces = append(v.Provinces, g)
	}
	for _, f := range fails {
		v.Failures = append(v.Failures, failureItem{Portal: oneLine(f.Portal), Error: oneLine(f.Error), At: stamp(f.At, d.loc)})
	}
	return v
}

// eventOrder is the order of event groups: DESIGN.md's.
func eventOrder() []string { return article.EventTypes }

// provinceOf is the province an article is filed under: its unit's province
// after the merger, else the first such province among the units it names.
func provinceOf(a article.Article) string {
	if p := oneLine(a.Unit.ProvinceNow); p != "" {
		return p
	}
	for _, u := range a.Units {
		if p := oneLine(u.ProvinceNow); p != "" {
			return p
		}
	}
	return UnknownProvince
}

// eventOf is the event type an article is filed under: its most relevant
// known one, else khac.
func eventOf(a article.Article) string {
	for _, e := range a.EventTypes {
		if _, ok := article.EventLabel(e); ok {
			return e
		}
	}
	return article.EventKhac
}

// newestFirst orders articles by publication time, newest first, then title.
func newestFirst(a, b article.Article) int {
	ta, tb := time.Time{}, time.Time{}
	if a.Published != nil {
		ta = *a.Published
	}
	if b.Published != nil {
		tb = *b.Published
	}
	return cmp.Or(tb.Compare(ta), strings.Compare(a.Title, b.Title), strings.Compare(a.ID, b.ID))
}

// oldAfter is how long after its publication an article first seen is
// marked as old news in the digest.
const oldAfter = 7 * 24 * time.Hour

// maxOfficials bounds the officials listed per article; round-ups name dozens.
const maxOfficials = 5

// itemOf renders one article for the templates.
func (d *Digest) itemOf(a article.Article) item {
	it := item{
		Title:    oneLine(a.Title),
		Unit:     oneLine(a.Unit.Name),
		Link:     d.baseURL + "/articles/" + url.PathEscape(a.ID),
		Original: oneLine(a.URL),
	}
	if it.Title == "" {
		it.Title = "(không có tiêu đề)"
	}
	switch {
	case a.EventDate != nil:
		it.Date = a.EventDate.In(d.loc).Format("02/01/2006")
	case a.Published != nil:
		it.Date = a.Published.In(d.loc).Format("02/01/2006")
	}
	if a.Published != nil && !a.FetchedAt.IsZero() && a.FetchedAt.Sub(*a.Published) > oldAfter {
		it.Old = a.Published.In(d.loc).Format("02/01/2006")
	}
	var offs []string
	for i, o := range a.Officials {
		if i == maxOfficials {
			offs = append(offs, "…")
			break
		}
		s := oneLine(o.Name)
		if t := oneLine(o.Title); t != "" {
			s += " (" + t + ")"
		}
		offs = append(offs, s)
	}
	it.Officials = strings.Join(offs, "; ")
	return it
}

// stamp formats t in loc for the digest; the zero time is empty.
func stamp(t time.Time, loc *time.Location) string {
	if t.IsZero() {
		return ""
	}
	return t.In(loc).Format("02/01/2006 15:04")
}

// oneLine turns text from a crawled page into one line: control characters
// (CR, LF, tabs, NUL…) become spaces and runs of spaces collapse. Nothing an
// article says can then start a new line in the message.
func oneLine(s string) string {
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || r == '\u2028' || r == '\u2029' {
			return ' '
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}
