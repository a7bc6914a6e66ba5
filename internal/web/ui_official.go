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
	"github.com/vksnews/vksnews/internal/article"
	"github.com/vksnews/vksnews/internal/filter"
	"github.com/vksnews/vksnews/internal/vntext"
)

// officialMaxArticles bounds the articles one official page reads.
const officialMaxArticles = 1000

// officialView is the data of the official page.
type officialPageView struct {
	Name      string
	Total     uint64
	Shown     int
	Truncated bool
	Persons   []personView // namesakes apart, the most written about first
	SearchURL string
}

// careerStep is one stretch of time over which the articles give the
// person the same title in the same unit.
type careerStep struct {
	Title, Unit string
	From, To    string
	Articles    int
	FirstURL    string
}

// mention is one statement of the person's title in an article (dated
// when the article is), with the unit it places them in.
type mention struct {
	date        article.Date // zero when the article has no date
	title, unit string
	place       article.Unit // the unit as the article describes it
	url         string
	article     relatedView
}

func (s *Server) handleOfficialPage(w http.ResponseWriter, r *http.Request) {
	name := strings.TrimSpace(r.PathValue("name"))
	if name == "" || !utf8.ValidString(name) || utf8.RuneCountInString(name) > 100 {
		s.renderError(w, r, http.StatusBadRequest, "Tên cán bộ không hợp lệ.")
		return
	}
	key := vntext.Key(name)
	v := officialPageView{Name: name, SearchURL: "/?" + urlValues("official", name, "sort", "date")}
	var mentions []mention
	spellings := map[string]int{}
	loc := s.loc()
	const size = index.MaxSize
	articles := 0
	for p := 1; p*size <= officialMaxArticles; p++ {
		res, err := s.Search.Search(r.Context(), index.Request{
			Filters: filter.Filters{Official: name}, Sort: index.SortDate, Page: p, Size: size, Location: s.Location,
		})
		if err != nil {
			if errors.Is(err, index.ErrBadRequest) {
				s.renderError(w, r, http.StatusBadRequest, queryErrorVN(err))
				return
			}
			s.Logger.Error("official page", "name", name, "err", err)
			s.renderError(w, r, http.StatusInternalServerError, "Tìm kiếm thất bại, xin thử lại sau.")
			return
		}
		v.Total = res.Total
		for _, h := range res.Hits {
			a := h.Article
			articles++
			d, hasDate := filter.Date(a, loc)
			rv := relatedView{URL: articleURL(a.ID), Title: a.Title, Unit: a.Unit.Name}
			if hasDate {
				rv.Date = dateVN(d)
			}
			officials := slices.Clone(a.Officials)
			for _, sec := range a.Sections {
				officials = append(officials, sec.Officials...)
			}
			for _, o := range officials {
				if vntext.Key(o.Name) != key {
					continue
				}
				spellings[o.Name]++
				mentions = append(mentions, mention{date: d, title: o.Title,
					unit: firstNonEmpty(o.Unit, a.Unit.Name), place: unitOf(a, o), url: rv.URL, article: rv})
			}
		}
		if len(res.Hits) < size {
			break
		}
	}
	if articles == 0 {
		s.renderError(w, r, http.StatusNotFound, "Không có bài viết nào nêu tên "+strconv.Quote(name)+".")
		return
	}
	v.Shown = articles
	v.Truncated = uint64(v.Shown) < v.Total
	best := 0
	for sp, n := range spellings {
		if n > best || (n == best && sp < v.Name) {
			v.Name, best = sp, n
		}
	}
	v.Persons = namesakes(mentions)
	s.render(w, http.StatusOK, "official", page{Title: v.Name, Data: v})
}

// timeline orders the mentions by date and merges neighbours that give the
// same title in the same unit into one step.
func timeline(ms []mention) []careerStep {
	ms = slices.DeleteFunc(slices.Clone(ms), func(m mention) bool { return m.date == (article.Date{}) || m.title == "" })
	slices.SortStableFunc(ms, func(a, b mention) int {
		return a.date.In(vietnam).Compare(b.date.In(vietnam))
	})
	var out []careerStep
	var lastKey string
	for _, m := range ms {
		k := vntext.Key(m.title) + "|" + vntext.Key(m.unit)
		if len(out) > 0 && k == lastKey {
			st := &out[len(out)-1]
			st.To = dateVN(m.date)
			st.Articles++
			continue
		}
		out = append(out, careerStep{Title: m.title, Unit: m.unit, From: dateVN(m.date), To: dateVN(m.date), Articles: 1, FirstURL: m.url})
		lastKey = k
	}
	return out
}

// urlValues encodes name/value pairs in order of the names.
func urlValues(kv ...string) string {
	var b strings.Builder
	for i := 0; i+1 < len(kv); i += 2 {
		if b.Len() > 0 {
			b.WriteByte('&')
		}
		b.WriteString(kv[i] + "=" + url.QueryEscape(kv[i+1]))
	}
	return b.String()
}
