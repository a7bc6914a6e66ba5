package normalize

import (
	"github.com/vksnews/vksnews/internal/article"
)

// Article normalizes one raw page. It never invents values: unknown facts
// are nil or empty. Slices in the result are non-nil (they encode as []) so
// the JSON is stable.
func Article(raw article.Raw, p Portal) article.Article {
	url := raw.CanonicalURL
	if url == "" {
		url = raw.URL
	}
	body, author, source := cleanBody(raw.BodyText)
	if a := Text(raw.Author); a != "" {
		author = a
	}
	if s := Text(raw.Source); s != "" {
		source = s
	}
	a := article.Article{
		ID:         article.IDFor(url),
		URL:        url,
		Portal:     raw.Portal,
		Title:      Text(raw.Title),
		Summary:    Text(raw.Summary),
		Body:       body,
		Author:     author,
		Source:     source,
		FetchedAt:  raw.FetchedAt,
		Units:      []article.Unit{},
		Officials:  []article.Official{},
		EventTypes: []string{},
		Sections:   []article.Section{},
	}
	if a.Portal == "" {
		a.Portal = p.Name
	}
	if t, ok := Published(raw.Published, p.location()); ok {
		a.Published = &t
	}
	home := portalProvince(p)
	lead := leadOf(a.Summary, a.Body)
	a.Unit = subjectUnit(a.Title, lead, home, p)
	a.Units = dedupeUnits(findUnits(a.Title+"\n"+a.Summary+"\n"+a.Body, home, -1))
	if !a.Unit.IsZero() && !containsUnit(a.Units, a.Unit) {
		a.Units = append([]article.Unit{a.Unit}, a.Units...)
	}
	return a
}

// leadOf returns the opening paragraph of the article: the summary when the
// page gives one, else the first paragraph of the body.
func leadOf(summary, body string) string {
	if summary != "" {
		return summary
	}
	for len(body) > 0 {
		i := indexParagraph(body)
		if i < 0 {
			return body
		}
		if p := body[:i]; len(p) > 40 {
			return p
		}
		body = body[i+1:]
	}
	return ""
}

func indexParagraph(s string) int {
	for i := 0; i < len(s); i++ {
		if s[i] == '\n' {
			return i
		}
	}
	return -1
}

// subjectUnit is the unit the article is about: the first procuracy the
// headline names, else the lead's, else the portal's own unit.
func subjectUnit(title, lead string, home int, p Portal) article.Unit {
	if ms := findUnits(title, home, 1); len(ms) > 0 {
		return ms[0].unit
	}
	if ms := findUnits(lead, home, 1); len(ms) > 0 {
		return ms[0].unit
	}
	if p.Unit != "" {
		if ms := findUnits(Text(p.Unit), home, 1); len(ms) > 0 {
			return ms[0].unit
		}
	}
	return article.Unit{}
}

func containsUnit(us []article.Unit, u article.Unit) bool {
	for _, x := range us {
		if x == u {
			return true
		}
	}
	return false
}
