package web

import (
	"errors"
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/vksnews/vksnews/index"
	"github.com/vksnews/vksnews/internal/article"
	"github.com/vksnews/vksnews/internal/filter"
	"github.com/vksnews/vksnews/internal/vntext"
)

// stateKeys are the URL parameters that make up a search page's state; any
// other parameter is dropped from the links the page builds.
var stateKeys = append([]string{"q", "sort", "size", "by"}, filter.Names...)

// searchState is the URL state of the search page.
type searchState struct {
	v url.Values
}

func newSearchState(q url.Values) searchState {
	v := url.Values{}
	for _, k := range stateKeys {
		if s := strings.TrimSpace(q.Get(k)); s != "" {
			v.Set(k, s)
		}
	}
	if p := q.Get("page"); p != "" {
		v.Set("page", p)
	}
	return searchState{v: v}
}

// with returns the search URL with each key/value pair set (an empty value
// removes the key) and the page reset to the first.
func (st searchState) with(path string, kv ...string) string {
	v := url.Values{}
	for k, vs := range st.v {
		v[k] = append([]string(nil), vs...)
	}
	v.Del("page")
	for i := 0; i+1 < len(kv); i += 2 {
		if kv[i+1] == "" {
			v.Del(kv[i])
		} else {
			v.Set(kv[i], kv[i+1])
		}
	}
	if len(v) == 0 {
		return path
	}
	return path + "?" + v.Encode()
}

// page returns the search URL of page n.
func (st searchState) page(n int) string {
	u := st.with("/")
	if n <= 1 {
		return u
	}
	if strings.Contains(u, "?") {
		return u + "&page=" + strconv.Itoa(n)
	}
	return u + "?page=" + strconv.Itoa(n)
}

// uiMaxSize is the most hits the search page shows at once.
const uiMaxSize = 50

// searchView is the data of the search page.
type searchView struct {
	Q, Sort, From, To string
	Hidden            []keyValue // active filters kept by the search form
	Err               string
	Hint              string // a suggestion about the query, such as quoting an exclusion
	Searched          bool
	Total             uint64
	TookMS            string
	Hits              []hitView
	Facets            []facetView
	Active            []activeFilter
	ClearURL          string
	Pager             pager
	Months            *monthChart // by publication date, or by event date (ByEvent)
	ByEvent           bool
	ByPublishedURL    string // the month chart by the other date
	ByEventURL        string
	Events            *monthChart // event types over time
	CSV, JSONL, Atom  string
	SaveURL           string // the form that saves this search; "" when the server keeps none
	Presets           []preset
}

// preset is a ready-made date range of the search form.
type preset struct {
	Label, URL string
	Active     bool
}

// datePresets are the last 7 and 30 days and this year, ending today in
// loc, each linking to the current search with that range.
func datePresets(st searchState, now time.Time) []preset {
	day := func(t time.Time) string {
		d, _ := article.NewDate(t.Year(), t.Month(), t.Day())
		return d.String()
	}
	today := day(now)
	ranges := []struct{ label, from string }{
		{"7 ngày qua", day(now.AddDate(0, 0, -6))},
		{"30 ngày qua", day(now.AddDate(0, 0, -29))},
		{"Năm nay", day(time.Date(now.Year(), 1, 1, 0, 0, 0, 0, now.Location()))},
	}
	var out []preset
	for _, r := range ranges {
		out = append(out, preset{Label: r.label, URL: st.with("/", "from", r.from, "to", today),
			Active: st.v.Get("from") == r.from && st.v.Get("to") == today})
	}
	return out
}

type keyValue struct{ Key, Value string }

type hitView struct {
	URL        string
	Title      template.HTML
	Date       string
	Portal     string
	Unit       link
	EventTypes []link
	Officials  []officialView
	Snippet    template.HTML
}

type link struct{ Label, URL string }

type officialView struct{ Name, Title, URL string }

type facetView struct {
	Name, Label string
	Values      []facetValueView // the first facetShown
	More        []facetValueView // the rest, behind "Xem thêm"
}

// facetShown is how many values a facet lists before "Xem thêm".
const facetShown = 8

type facetValueView struct {
	Label  string
	Count  int
	URL    string
	Active bool
}

type activeFilter struct{ Label, Value, RemoveURL string }

type pager struct {
	Prev, Next string
	Pages      []pageLink
	Current    int
	Last       int
}

type pageLink struct {
	N       int
	URL     string
	Current bool
	Gap     bool
}

func (s *Server) handleSearchPage(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	// Up to uiMaxSize hits a page keep the page under 200 KB; the API
	// alone serves bigger pages.
	if n, err := strconv.Atoi(q.Get("size")); err == nil && n > uiMaxSize {
		q.Set("size", strconv.Itoa(uiMaxSize))
	}
	st := newSearchState(q)
	view := searchView{
		Q: q.Get("q"), Sort: effectiveSort(q.Get("q"), q.Get("sort")), From: q.Get("from"), To: q.Get("to"),
		ClearURL: "/",
		CSV:      st.with("/export.csv", "size", ""),
		JSONL:    st.with("/export.jsonl", "size", ""),
		Atom:     st.with("/feed.atom", "size", "", "sort", ""),
	}
	if s.Saved != nil {
		view.SaveURL = st.with("/saved", "size", "", "sort", "")
	}
	view.Presets = datePresets(st, time.Now().In(s.loc()))
	for _, k := range filter.Names {
		if k == "from" || k == "to" {
			continue
		}
		if v := st.v.Get(k); v != "" {
			view.Hidden = append(view.Hidden, keyValue{k, v})
		}
	}
	if st.v.Get("size") != "" {
		view.Hidden = append(view.Hidden, keyValue{"size", st.v.Get("size")})
	}
	for _, k := range append([]string{"q"}, filter.Names...) {
		if v := st.v.Get(k); v != "" {
			view.Active = append(view.Active, activeFilter{
				Label: filterLabels[k], Value: valueLabel(k, v), RemoveURL: st.with("/", k, ""),
			})
		}
	}
	view.Hint = exclusionHint(view.Q)
	req, err := SearchRequest(q)
	if err != nil {
		view.Err = queryErrorVN(err)
		s.render(w, http.StatusBadRequest, "search", page{Title: "Tìm kiếm", Nav: "search", Data: view})
		return
	}
	req.Location = s.Location
	res, err := s.Search.Search(r.Context(), req)
	if err != nil {
		if errors.Is(err, index.ErrBadRequest) {
			view.Err = queryErrorVN(err)
			s.render(w, http.StatusBadRequest, "search", page{Title: "Tìm kiếm", Nav: "search", Data: view})
			return
		}
		s.Logger.Error("search page", "query", req.Query, "err", err)
		s.renderError(w, r, http.StatusInternalServerError, "Tìm kiếm thất bại, xin thử lại sau.")
		return
	}
	view.Searched = true
	view.Total = res.Total
	view.TookMS = strconv.FormatFloat(float64(res.Took.Microseconds())/1000, 'f', 1, 64)
	titles := s.portalTitles(r.Context())
	for _, h := range res.Hits {
		view.Hits = append(view.Hits, s.hitView(st, h, titles))
	}
	for _, f := range facetLabels {
		view.Facets = append(view.Facets, facetOf(st, f.name, f.label, res.Facets[f.name]))
	}
	view.ByEvent = q.Get("by") == "event"
	if view.ByEvent {
		view.Months = newMonthChart(st, res.Facets["event_month"])
	} else {
		view.Months = newMonthChart(st, res.Facets["month"])
	}
	view.ByPublishedURL, view.ByEventURL = st.with("/", "by", ""), st.with("/", "by", "event")
	view.Events = newEventChart(st, res.Facets["month_event"])
	view.Pager = newPager(st, req.Page, req.Size, res.Total)
	title := "Tìm kiếm"
	if req.Query != "" {
		title = req.Query + " – Tìm kiếm"
	}
	s.render(w, http.StatusOK, "search", page{Title: title, Nav: "search", Data: view})
}

// effectiveSort is the order a search is listed in, as the sort control
// shows it: the one asked for, else the index's default (relevance when
// the query has words to rank by, newest first otherwise).
func effectiveSort(q, sort string) string {
	if sort != "" {
		return sort
	}
	if pq, err := index.ParseQuery(q); err == nil && len(pq.Groups) == 0 {
		return index.SortDate
	}
	return index.SortRelevance
}

// hitView shows one hit. Its portal is named by its title (titles), and
// not at all when that is the hit's unit, which the line already names.
func (s *Server) hitView(st searchState, h index.Hit, titles map[string]string) hitView {
	a := h.Article
	hv := hitView{URL: articleURL(a.ID), Portal: firstNonEmpty(titles[a.Portal], a.Portal)}
	if vntext.Key(hv.Portal) == vntext.Key(a.Unit.Name) {
		hv.Portal = ""
	}
	if t := h.Highlights["title"]; len(t) > 0 {
		hv.Title = template.HTML(s.ui.marks.Sanitize(strings.Join(t, " ")))
	} else {
		hv.Title = template.HTML(template.HTMLEscapeString(a.Title))
	}
	if b := h.Highlights["body"]; len(b) > 0 {
		hv.Snippet = template.HTML(s.ui.marks.Sanitize(strings.ReplaceAll(strings.Join(b, " "), "… …", " … ")))
	} else {
		hv.Snippet = template.HTML(template.HTMLEscapeString(shorten(firstNonEmpty(a.Summary, a.Body), 300)))
	}
	if d, ok := filter.Date(a, s.loc()); ok {
		hv.Date = dateVN(d)
	}
	if a.Unit.Name != "" {
		hv.Unit = link{Label: a.Unit.Name, URL: st.with("/", "unit", a.Unit.Name)}
	}
	for _, e := range a.EventTypes {
		hv.EventTypes = append(hv.EventTypes, link{Label: valueLabel("event_type", e), URL: st.with("/", "event_type", e)})
	}
	for i, o := range a.Officials {
		if i == 6 {
			break
		}
		hv.Officials = append(hv.Officials, officialView{Name: o.Name, Title: o.Title, URL: officialURL(o.Name)})
	}
	return hv
}

// facetOf lists a facet's values; each links to the search narrowed to it,
// or, when it is the active filter, to the search without it.
func facetOf(st searchState, name, label string, vals []index.FacetValue) facetView {
	fv := facetView{Name: name, Label: label}
	active := vntext.Key(st.v.Get(name))
	for _, v := range vals {
		x := facetValueView{Label: valueLabel(name, v.Value), Count: v.Count}
		if active != "" && vntext.Key(v.Value) == active {
			x.Active = true
			x.URL = st.with("/", name, "")
		} else {
			x.URL = st.with("/", name, v.Value)
		}
		if len(fv.Values) < facetShown || x.Active {
			fv.Values = append(fv.Values, x)
		} else {
			fv.More = append(fv.More, x)
		}
	}
	return fv
}

// newPager links the pages around the current one, within the index's
// window of MaxWindow hits.
func newPager(st searchState, cur, size int, total uint64) pager {
	if size <= 0 {
		size = index.DefaultSize
	}
	last := int((total + uint64(size) - 1) / uint64(size))
	if maxPage := index.MaxWindow / size; last > maxPage {
		last = maxPage
	}
	p := pager{Current: cur, Last: last}
	if last <= 1 {
		return p
	}
	if cur > 1 {
		p.Prev = st.page(cur - 1)
	}
	if cur < last {
		p.Next = st.page(cur + 1)
	}
	prev := 0
	for n := 1; n <= last; n++ {
		if n != 1 && n != last && (n < cur-2 || n > cur+2) {
			continue
		}
		if prev != 0 && n > prev+1 {
			p.Pages = append(p.Pages, pageLink{Gap: true})
		}
		p.Pages = append(p.Pages, pageLink{N: n, URL: st.page(n), Current: n == cur})
		prev = n
	}
	return p
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if strings.TrimSpace(s) != "" {
			return s
		}
	}
	return ""
}

// shorten cuts s to at most n runes at a word boundary.
func shorten(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	cut := string(r[:n])
	if i := strings.LastIndexByte(cut, ' '); i > n/2 {
		cut = cut[:i]
	}
	return cut + "…"
}

// dateParam formats a date for the from/to parameters.
func dateParam(d article.Date) string { return d.String() }
