package web

import (
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/vksnews/vksnews/index"
	"github.com/vksnews/vksnews/internal/filter"
	"github.com/vksnews/vksnews/internal/vntext"
)

// unitMaxArticles bounds the articles one unit page reads for its list of
// officials.
const unitMaxArticles = 500

// unitPageView is the data of /units/{name}: one unit's own news over time,
// its officials with their latest titles, and its event types.
type unitPageView struct {
	Name        string
	Level       string
	ProvinceNow string
	Total       uint64
	Mentions    uint64 // articles that name the unit, its own included
	Months      *monthChart
	EventTypes  []facetValueView
	Officials   []unitOfficial
	Articles    []relatedView
	SearchURL   string
	MentionsURL string
}

// unitOfficial is an official of the unit, with the title of the newest
// article that names them.
type unitOfficial struct {
	Name, Title, Since, URL string
	Articles                int
}

func unitURL(name string) string { return "/units/" + url.PathEscape(name) }

func (s *Server) handleUnitPage(w http.ResponseWriter, r *http.Request) {
	name := strings.TrimSpace(r.PathValue("name"))
	if name == "" || !utf8.ValidString(name) || utf8.RuneCountInString(name) > 200 {
		s.renderError(w, r, http.StatusBadRequest, "Tên đơn vị không hợp lệ.")
		return
	}
	ctx := r.Context()
	st := newSearchState(url.Values{"unit": {name}})
	v := unitPageView{Name: name, SearchURL: st.with("/", "sort", "date"),
		MentionsURL: "/?" + urlValues("mentions_unit", name, "sort", "date")}
	fail := func(err error) {
		if errors.Is(err, index.ErrBadRequest) {
			s.renderError(w, r, http.StatusBadRequest, queryErrorVN(err))
			return
		}
		s.Logger.Error("unit page", "unit", name, "err", err)
		s.renderError(w, r, http.StatusInternalServerError, "Tìm kiếm thất bại, xin thử lại sau.")
	}
	res, err := s.Search.Search(ctx, index.Request{Filters: filter.Filters{Unit: name}, Sort: index.SortDate,
		Size: index.MaxSize, Facets: true, Location: s.Location})
	if err != nil {
		fail(err)
		return
	}
	ment, err := s.Search.Search(ctx, index.Request{Filters: filter.Filters{MentionsUnit: name}, Size: 1, Location: s.Location})
	if err != nil {
		fail(err)
		return
	}
	v.Total, v.Mentions = res.Total, ment.Total
	if res.Total == 0 && ment.Total == 0 {
		s.renderError(w, r, http.StatusNotFound, "Không có bài viết nào của đơn vị "+strconv.Quote(name)+".")
		return
	}
	v.Months = newMonthChart(st, res.Facets["month"])
	for _, e := range res.Facets["event_type"] {
		v.EventTypes = append(v.EventTypes, facetValueView{Label: valueLabel("event_type", e.Value), Count: e.Count,
			URL: st.with("/", "event_type", e.Value)})
	}
	key := vntext.Key(name)
	byName := map[string]*unitOfficial{}
	var order []string
	loc := s.loc()
	add := func(hits []index.Hit) {
		for _, h := range hits {
			a := h.Article
			if vntext.Key(a.Unit.Name) == key && v.Name == name {
				v.Name, v.Level, v.ProvinceNow = a.Unit.Name, valueLabel("level", a.Unit.Level), a.Unit.ProvinceNow
			}
			d, ok := filter.Date(a, loc)
			if len(v.Articles) < 50 {
				rv := relatedView{URL: articleURL(a.ID), Title: a.Title}
				if ok {
					rv.Date = dateVN(d)
				}
				v.Articles = append(v.Articles, rv)
			}
			for _, o := range a.Officials {
				// An official of another unit named in the article (a
				// visitor from the Supreme procuracy) is not this unit's.
				if o.Unit != "" && vntext.Key(o.Unit) != key {
					continue
				}
				k := vntext.Key(o.Name)
				uo := byName[k]
				if uo == nil {
					// Hits come newest first: the first title is the latest.
					uo = &unitOfficial{Name: o.Name, URL: officialURL(o.Name)}
					byName[k] = uo
					order = append(order, k)
				}
				if uo.Title == "" && o.Title != "" {
					uo.Title = o.Title
					if ok {
						uo.Since = dateVN(d)
					}
				}
				uo.Articles++
			}
		}
	}
	add(res.Hits)
	for p := 2; uint64((p-1)*index.MaxSize) < res.Total && p*index.MaxSize <= unitMaxArticles; p++ {
		more, err := s.Search.Search(ctx, index.Request{Filters: filter.Filters{Unit: name}, Sort: index.SortDate,
			Page: p, Size: index.MaxSize, Location: s.Location})
		if err != nil {
			fail(err)
			return
		}
		add(more.Hits)
	}
	for _, k := range order {
		v.Officials = append(v.Officials, *byName[k])
	}
	slices.SortStableFunc(v.Officials, func(a, b unitOfficial) int { return b.Articles - a.Articles })
	s.render(w, http.StatusOK, "unit", page{Title: v.Name, Data: v})
}
