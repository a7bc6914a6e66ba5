package web

import (
	"slices"
	"strings"

	"github.com/vksnews/vksnews/internal/article"
	"github.com/vksnews/vksnews/internal/vntext"
)

// personView is one person of an official page: the people who share a
// name are told apart by where they work.
type personView struct {
	Heading  string // where the person works, for namesakes
	Timeline []careerStep
	Articles []relatedView
}

// unitOf is the unit an article places official o in: the unit it names
// for them, found among the article's units for its level and province,
// else the article's own unit.
func unitOf(a article.Article, o article.Official) article.Unit {
	if o.Unit != "" {
		k := vntext.Key(o.Unit)
		for _, u := range append([]article.Unit{a.Unit}, a.Units...) {
			if vntext.Key(u.Name) == k {
				return u
			}
		}
		return article.Unit{Name: o.Unit}
	}
	return a.Unit
}

// placeKey is where a mention places its person: the province (after the
// merger) of the unit, so that moving between a province's units is one
// career; a unit without a province (the Supreme and high-level
// procuracies) is a place of its own.
func placeKey(u article.Unit) string {
	if u.ProvinceNow != "" {
		return "p:" + vntext.Key(u.ProvinceNow)
	}
	if u.Name != "" {
		return "u:" + vntext.Key(u.Name)
	}
	return ""
}

// namesakes splits the mentions of one name into people. People with the
// same name in different provinces (or national units) are different
// people, unless a title links them: a title that names the other place
// ("nguyên Viện trưởng VKSND tỉnh Khánh Hòa") makes them one. Mentions
// that place nobody join the only person there is, or stand apart.
func namesakes(ms []mention) []personView {
	// Places, and the words that name each in a title.
	var places []string
	names := map[string][]string{}
	for _, m := range ms {
		k := placeKey(m.place)
		if k == "" {
			continue
		}
		if !slices.Contains(places, k) {
			places = append(places, k)
		}
		for _, n := range []string{m.place.ProvinceNow, m.place.Province, m.place.Name} {
			if f := vntext.Key(n); f != "" && !slices.Contains(names[k], f) {
				names[k] = append(names[k], f)
			}
		}
	}
	// Union-find over the places, joined by titles that name another.
	parent := map[string]string{}
	var find func(string) string
	find = func(k string) string {
		if parent[k] == "" || parent[k] == k {
			return k
		}
		parent[k] = find(parent[k])
		return parent[k]
	}
	for _, m := range ms {
		k := placeKey(m.place)
		t := vntext.Key(m.title)
		if k == "" || t == "" {
			continue
		}
		for _, other := range places {
			if other == k {
				continue
			}
			if slices.ContainsFunc(names[other], func(n string) bool { return strings.Contains(t, n) }) {
				parent[find(other)] = find(k)
			}
		}
	}
	groups := map[string][]mention{}
	var order []string
	for _, m := range ms {
		g := find(placeKey(m.place))
		if placeKey(m.place) == "" {
			g = ""
		}
		if _, ok := groups[g]; !ok {
			order = append(order, g)
		}
		groups[g] = append(groups[g], m)
	}
	if un, ok := groups[""]; ok && len(groups) == 2 {
		// Mentions without a place go to the one person there is.
		for _, g := range order {
			if g != "" {
				groups[g] = append(groups[g], un...)
			}
		}
		delete(groups, "")
		order = slices.DeleteFunc(order, func(g string) bool { return g == "" })
	}
	var out []personView
	for _, g := range order {
		gm := groups[g]
		p := personView{Timeline: timeline(gm)}
		seen := map[string]bool{}
		var where []string
		for _, m := range gm {
			if !seen[m.url] {
				seen[m.url] = true
				p.Articles = append(p.Articles, m.article)
			}
			if w := firstNonEmpty(m.place.ProvinceNow, m.place.Name); w != "" && !slices.Contains(where, w) {
				where = append(where, w)
			}
		}
		p.Heading = strings.Join(where, ", ")
		if p.Heading == "" {
			p.Heading = "Không rõ đơn vị"
		}
		out = append(out, p)
	}
	slices.SortStableFunc(out, func(a, b personView) int { return len(b.Articles) - len(a.Articles) })
	return out
}
