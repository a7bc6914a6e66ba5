package normalize

import (
	"time"

	"github.com/vksnews/vksnews/internal/article"
)

// Helpers that run one rule of normalize.Article on text not yet in Text
// form, as the tests state their cases.

// unitOf is what normalize.Article does for this field, on raw text.
func unitOf(text string, p Portal) (article.Unit, bool) {
	ms := findUnits(Text(text), portalProvince(p), 1)
	if len(ms) == 0 {
		return article.Unit{}, false
	}
	return ms[0].unit, true
}

// unitsOf is what normalize.Article does for this field, on raw text.
func unitsOf(text string, p Portal) []article.Unit {
	ms := findUnits(Text(text), portalProvince(p), -1)
	return dedupeUnits(ms)
}

// officialsOf is what normalize.Article does for this field, on raw text.
func officialsOf(text string, p Portal, exclude ...string) []article.Official {
	ctx := ""
	if u, ok := unitOf(p.Unit, p); ok {
		ctx = u.Name
	}
	return officials(Text(text), p, ctx, exclude)
}

// eventDateOf is what normalize.Article does for this field, on raw text.
func eventDateOf(lead string, published *time.Time) *article.Date {
	return eventDate(Text(lead), published)
}

// sectionsOf is what normalize.Article does for this field, on raw text.
func sectionsOf(body string, published *time.Time, p Portal) []article.Section {
	return sections(Text(body), published, p)
}

// eventTypesOf is what normalize.Article does for this field, on raw text.
func eventTypesOf(title, lead, body string) []string {
	return eventTypes(Text(title), Text(lead), Text(body))
}
