package index

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/vksnews/vksnews/internal/article"
	"github.com/vksnews/vksnews/internal/filter"
	"github.com/vksnews/vksnews/internal/vntext"
)

// document is what bleve indexes for one article; see newMapping for how
// each field is analysed.
type document struct {
	Title       string     `json:"title"`
	TitleF      string     `json:"title_f"`
	Text        string     `json:"text"`
	TextF       string     `json:"text_f"`
	Bigram      []string   `json:"bigram"`
	Province    []string   `json:"province"`
	ProvinceNow []string   `json:"province_now"`
	Level       []string   `json:"level"`
	Unit        []string   `json:"unit"`
	MProvince   []string   `json:"m_province"`
	MProvinceNw []string   `json:"m_province_now"`
	MLevel      []string   `json:"m_level"`
	MUnit       []string   `json:"m_unit"`
	EventType   []string   `json:"event_type"`
	Official    []string   `json:"official"`
	Portal      string     `json:"portal"`
	Facet       []string   `json:"facet"`
	Date        *time.Time `json:"date,omitempty"`
	SortDate    string     `json:"sort_date,omitempty"`
	Published   *time.Time `json:"published,omitempty"`
	EventDate   *time.Time `json:"event_date,omitempty"`
	Doc         string     `json:"doc"`
	Hash        string     `json:"hash"`
}

// Type names the document type for bleve's mapping.
func (document) Type() string { return docType }

// newDocument builds the indexed form of a, its month counted in zone.
func newDocument(a article.Article, zone *time.Location) (document, error) {
	raw, err := json.Marshal(a)
	if err != nil {
		return document{}, fmt.Errorf("encode article: %w", err)
	}
	hash, err := article.ContentHash(a)
	if err != nil {
		return document{}, err
	}
	d := document{
		Title:     a.Title,
		TitleF:    a.Title,
		Text:      searchText(a),
		Portal:    vntext.Key(a.Portal),
		EventType: a.EventTypes,
		Doc:       string(raw),
		Hash:      hash,
	}
	// The folded text holds the title too, so that a search matches (and
	// first ranks) on one posting list per word; see buildQuery.
	d.TextF = a.Title + "\n\n" + d.Text
	d.Bigram = []string{a.Title, d.Text}
	// The unit fields and facets are the article's own unit; the mentions
	// fields every unit it names (DESIGN.md), the own one included.
	d.Province = addKey(d.Province, a.Unit.Province)
	d.ProvinceNow = addKey(d.ProvinceNow, a.Unit.ProvinceNow)
	d.Level = addKey(d.Level, a.Unit.Level)
	d.Unit = addKey(d.Unit, a.Unit.Name)
	d.Facet = addFacet(d.Facet, facetProvinceNow, a.Unit.ProvinceNow)
	d.Facet = addFacet(d.Facet, facetLevel, a.Unit.Level)
	d.Facet = addFacet(d.Facet, facetUnit, a.Unit.Name)
	for _, u := range append([]article.Unit{a.Unit}, a.Units...) {
		d.MProvince = addKey(d.MProvince, u.Province)
		d.MProvinceNw = addKey(d.MProvinceNw, u.ProvinceNow)
		d.MLevel = addKey(d.MLevel, u.Level)
		d.MUnit = addKey(d.MUnit, u.Name)
		d.Facet = addFacet(d.Facet, facetMentionsUnit, u.Name)
	}
	for _, o := range a.Officials {
		d.Official = addKey(d.Official, o.Name)
		d.Facet = addFacet(d.Facet, facetOfficial, o.Name)
	}
	for _, e := range a.EventTypes {
		d.Facet = addFacet(d.Facet, facetEventType, e)
	}
	if t, ok := sortDate(a); ok {
		d.Date = &t
		d.SortDate = t.UTC().Format(sortDateLayout)
		m := monthOf(a, zone)
		d.Facet = addFacet(d.Facet, facetMonth, m)
		for _, e := range a.EventTypes {
			d.Facet = addFacet(d.Facet, facetMonthEvent, m+"|"+e)
		}
	}
	if a.EventDate != nil {
		d.Facet = addFacet(d.Facet, facetEventMonth, fmt.Sprintf("%04d-%02d", a.EventDate.Year, int(a.EventDate.Month)))
	}
	if a.Published != nil {
		t := a.Published.UTC()
		d.Published = &t
	}
	if a.EventDate != nil {
		t := a.EventDate.In(time.UTC)
		d.EventDate = &t
	}
	return d, nil
}

// searchText is the body text that is searched: the summary, the body, and
// the unit and official names the normalizer found (a portal's default unit
// is often not written in the text).
func searchText(a article.Article) string {
	var b strings.Builder
	b.Grow(len(a.Summary) + len(a.Body) + 256)
	for _, s := range []string{a.Summary, a.Body} {
		if s != "" {
			b.WriteString(s)
			b.WriteString("\n\n")
		}
	}
	for _, u := range append([]article.Unit{a.Unit}, a.Units...) {
		if u.Name != "" {
			b.WriteString(u.Name)
			b.WriteString(".\n")
		}
	}
	for _, o := range a.Officials {
		b.WriteString(o.Name)
		b.WriteString(".\n")
	}
	return b.String()
}

// sortDateLayout writes the sort date in UTC with a fixed width, so that
// its text sorts as the instant does.
const sortDateLayout = "2006-01-02T15:04:05.000000000Z"

// sortDate is the instant an article sorts and filters on: when it was
// published, else noon UTC of its event day, which falls on that same day in
// every zone within twelve hours of UTC (Vietnam's included).
func sortDate(a article.Article) (time.Time, bool) {
	if a.Published != nil {
		return a.Published.UTC(), true
	}
	if a.EventDate != nil {
		return a.EventDate.In(time.UTC).Add(12 * time.Hour), true
	}
	return time.Time{}, false
}

// monthOf is the "YYYY-MM" of the article's date in loc.
func monthOf(a article.Article, loc *time.Location) string {
	d, ok := filter.Date(a, loc)
	if !ok {
		return ""
	}
	return fmt.Sprintf("%04d-%02d", d.Year, int(d.Month))
}

// addKey appends the folded filter key of v unless empty or present.
func addKey(vs []string, v string) []string {
	k := vntext.Key(v)
	if k == "" || slices.Contains(vs, k) {
		return vs
	}
	return append(vs, k)
}

// addFacet appends the display value v of a facet, prefixed with the
// facet's name, unless empty or present.
func addFacet(vs []string, f facet, v string) []string {
	v = strings.TrimSpace(v)
	if v == "" {
		return vs
	}
	v = f.prefix + v
	if slices.Contains(vs, v) {
		return vs
	}
	return append(vs, v)
}
