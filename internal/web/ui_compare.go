package web

import (
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/vksnews/vksnews/index"
	"github.com/vksnews/vksnews/internal/article"
	"github.com/vksnews/vksnews/internal/filter"
	"github.com/vksnews/vksnews/internal/vntext"
)

// Province comparison: two to four provinces (after the merger) side by
// side, with the articles of their own units per month and per event type,
// for one query (or all news).
const (
	compareMax       = 4
	compareMaxMonths = 24 // the table lists the latest two years
)

type compareView struct {
	Q          string
	Choices    []string // the provinces that have articles, for the pickers
	Picked     []string // up to compareMax, "" for an empty picker
	Columns    []compareColumn
	Months     []compareRow
	EventTypes []compareRow
	Err        string
}

type compareColumn struct {
	Province  string
	Total     uint64
	Chart     *monthChart
	SearchURL string
}

type compareRow struct {
	Label string
	Cells []int
}

func (s *Server) handleComparePage(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	v := compareView{Q: strings.TrimSpace(q.Get("q"))}
	ctx := r.Context()
	all, err := s.Search.Search(ctx, index.Request{Size: 1, Facets: true, Location: s.Location})
	if err != nil {
		s.Logger.Error("compare page", "err", err)
		s.renderError(w, r, http.StatusInternalServerError, "Tìm kiếm thất bại, xin thử lại sau.")
		return
	}
	for _, p := range all.Facets["province_now"] {
		v.Choices = append(v.Choices, p.Value)
	}
	slices.SortFunc(v.Choices, func(a, b string) int { return strings.Compare(vntext.Key(a), vntext.Key(b)) })
	var picked []string
	for _, p := range q["p"] {
		if p = strings.TrimSpace(p); p != "" && !slices.ContainsFunc(picked, func(x string) bool { return vntext.Key(x) == vntext.Key(p) }) && len(picked) < compareMax {
			picked = append(picked, p)
		}
	}
	v.Picked = append(slices.Clone(picked), make([]string, compareMax-len(picked))...)
	if len(picked) == 1 {
		v.Err = "Chọn ít nhất hai tỉnh/thành để so sánh."
	}
	if len(picked) < 2 {
		s.render(w, http.StatusOK, "compare", page{Title: "So sánh tỉnh/thành", Nav: "compare", Data: v})
		return
	}
	months := map[string][]int{}
	events := map[string][]int{}
	for i, p := range picked {
		res, err := s.Search.Search(ctx, index.Request{Query: v.Q, Filters: filter.Filters{ProvinceNow: p}, Size: 1, Facets: true, Location: s.Location})
		if errors.Is(err, index.ErrBadRequest) {
			v.Err = queryErrorVN(err)
			s.render(w, http.StatusBadRequest, "compare", page{Title: "So sánh tỉnh/thành", Nav: "compare", Data: v})
			return
		}
		if err != nil {
			s.Logger.Error("compare page", "province", p, "err", err)
			s.renderError(w, r, http.StatusInternalServerError, "Tìm kiếm thất bại, xin thử lại sau.")
			return
		}
		st := newSearchState(url.Values{"q": {v.Q}, "province_now": {p}})
		v.Columns = append(v.Columns, compareColumn{Province: p, Total: res.Total, Chart: newMonthChart(st, res.Facets["month"]),
			SearchURL: st.with("/", "sort", "date")})
		for _, m := range res.Facets["month"] {
			if months[m.Value] == nil {
				months[m.Value] = make([]int, len(picked))
			}
			months[m.Value][i] = m.Count
		}
		for _, e := range res.Facets["event_type"] {
			if events[e.Value] == nil {
				events[e.Value] = make([]int, len(picked))
			}
			events[e.Value][i] = e.Count
		}
	}
	keys := make([]string, 0, len(months))
	for m := range months {
		keys = append(keys, m)
	}
	slices.Sort(keys)
	slices.Reverse(keys)
	for _, m := range keys[:min(len(keys), compareMaxMonths)] {
		label := m
		if len(m) == 7 {
			label = m[5:] + "/" + m[:4]
		}
		v.Months = append(v.Months, compareRow{Label: label, Cells: months[m]})
	}
	for _, e := range article.EventTypes {
		if c := events[e]; c != nil {
			v.EventTypes = append(v.EventTypes, compareRow{Label: valueLabel("event_type", e), Cells: c})
		}
	}
	s.render(w, http.StatusOK, "compare", page{Title: "So sánh " + strings.Join(picked, ", "), Nav: "compare", Data: v})
}
