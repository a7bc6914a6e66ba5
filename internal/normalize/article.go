package normalize

import (
	"strings"
	"unicode/utf8"

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
	exclude := []string{a.Author, a.Source}
	a.Officials = officials(a.Summary+"\n\n"+a.Body, p, a.Unit.Name, exclude)
	a.Sections = sections(a.Body, a.Published, p)
	if len(a.Sections) > 0 {
		// A round-up is the portal's own digest of other units' news.
		if pu := subjectUnit("", "", home, p); !pu.IsZero() {
			a.Unit = pu
		}
		// A round-up reports several events: its date and types are the
		// sections', in the order the round-up gives them.
		a.EventTypes = sectionEventTypes(a.Sections)
		for _, s := range a.Sections {
			for _, o := range s.Officials {
				if !containsOfficial(a.Officials, o.Name) {
					a.Officials = append(a.Officials, o)
				}
			}
			if !s.Unit.IsZero() && !containsUnit(a.Units, s.Unit) {
				a.Units = append(a.Units, s.Unit)
			}
		}
		return a
	}
	a.EventDate = eventDate(lead, a.Published)
	if a.EventDate == nil && a.Summary != "" && !vagueTime(a.Summary) {
		// A summary may leave the date to the body ("Chào mừng …, Công đoàn
		// tổ chức Hội thao"): the body's own lead then gives it.
		a.EventDate = eventDate(leadOf("", a.Body), a.Published)
	}
	a.EventTypes = eventTypes(a.Title, lead, a.Body)
	return a
}

// leadOf returns the opening paragraph of the article: the summary when the
// page gives one, else the first paragraph of the body.
func leadOf(summary, body string) string {
	if summary != "" {
		return summary
	}
	// The opening lines of a page are often a dateline or a caption: the
	// lead is the first paragraph long enough to be prose.
	var lead []string
	for len(body) > 0 && len(lead) < 2 {
		i := indexParagraph(body)
		p := body
		if i >= 0 {
			p, body = body[:i], body[i+1:]
		} else {
			body = ""
		}
		if len(p) > 100 {
			lead = append(lead, p)
		}
	}
	return strings.Join(lead, "\n")
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
	if ms := findUnits(lead, home, -1); len(ms) > 0 {
		// The lead's actor: the first unit named other than as part of a
		// person's title ("Dự có đồng chí A, Phó Viện trưởng VKSND tỉnh X"
		// names a guest's unit, not the one that held the event).
		for _, m := range ms {
			if !inTitle(lead, m.pos) {
				return m.unit
			}
		}
		return ms[0].unit
	}
	if p.Unit != "" {
		if ms := findUnits(Text(p.Unit), home, 1); len(ms) > 0 {
			return ms[0].unit
		}
	}
	return article.Unit{}
}

// inTitle reports whether the unit named at s[pos:] belongs to a person's
// title: a title heads the clause it stands in.
func inTitle(s string, pos int) bool {
	start := max(0, pos-80)
	for start > 0 && !utf8.RuneStart(s[start]) {
		start++
	}
	clause := s[start:pos]
	if i := strings.LastIndexAny(clause, ",.;:\n"); i >= 0 {
		clause = clause[i+1:]
	}
	for _, loc := range grammar.titles.findAll(clause) {
		if grammar.kinds[strings.TrimRight(clause[loc[0]:loc[1]], " \t\n,;.:)")] != kindDept {
			return true
		}
	}
	return false
}

func containsOfficial(os []article.Official, name string) bool {
	for _, o := range os {
		if o.Name == name {
			return true
		}
	}
	return false
}

func containsUnit(us []article.Unit, u article.Unit) bool {
	for _, x := range us {
		if x == u {
			return true
		}
	}
	return false
}

// vagueTime reports a lead that dates its event only vaguely ("Vừa qua",
// "Mới đây"): such an event has no date, whatever later dates the body gives.
func vagueTime(lead string) bool {
	l := strings.ToLower(strings.TrimSpace(lead))
	for _, p := range []string{"vừa qua", "mới đây", "thời gian qua", "những ngày qua", "gần đây"} {
		if strings.HasPrefix(l, p) {
			return true
		}
	}
	return false
}

// sectionEventTypes joins the event types of a round-up's sections: each
// section's main type in order first, then the others.
func sectionEventTypes(ss []article.Section) []string {
	out := []string{}
	seen := map[string]bool{}
	add := func(c string) {
		if !seen[c] && c != article.EventKhac {
			seen[c] = true
			out = append(out, c)
		}
	}
	for _, s := range ss {
		if len(s.EventTypes) > 0 {
			add(s.EventTypes[0])
		}
	}
	for _, s := range ss {
		for _, c := range s.EventTypes {
			add(c)
		}
	}
	if len(out) == 0 {
		out = append(out, article.EventKhac)
	}
	return out
}
