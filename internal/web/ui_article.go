package web

import (
	"net/http"
	"net/url"
	"strconv"
	"unicode/utf8"

	"github.com/vksnews/vksnews/index"
	"github.com/vksnews/vksnews/internal/article"
	"github.com/vksnews/vksnews/internal/filter"
)

// maxRelated is how many related articles the article page lists.
const maxRelated = 10

// articleView is the data of the article page.
type articleView struct {
	A          article.Article
	Date       string
	Published  string
	FetchedAt  string
	UnitURL    string
	Unit       unitView
	Units      []unitView
	EventTypes []link
	Officials  []officialView
	Sections   []sectionView
	Related    []relatedView
	RelatedErr string
}

type unitView struct {
	Name, Level, Province, ProvinceNow string
	URL, ProvinceNowURL                string
}

type sectionView struct {
	Unit       unitView
	EventDate  string
	EventTypes []link
	Officials  []officialView
	Paragraphs []string
}

type relatedView struct {
	URL, Title, Date, Unit, Why string
}

func newUnitView(u article.Unit) unitView {
	uv := unitView{Name: u.Name, Level: valueLabel("level", u.Level), Province: u.Province, ProvinceNow: u.ProvinceNow}
	if u.Name != "" {
		uv.URL = "/?" + url.Values{"unit": {u.Name}}.Encode()
	}
	if u.ProvinceNow != "" {
		uv.ProvinceNowURL = "/?" + url.Values{"province_now": {u.ProvinceNow}}.Encode()
	}
	return uv
}

func eventLinks(codes []string) []link {
	var out []link
	for _, e := range codes {
		out = append(out, link{Label: valueLabel("event_type", e), URL: "/?" + url.Values{"event_type": {e}}.Encode()})
	}
	return out
}

func officialViews(os []article.Official) []officialView {
	var out []officialView
	for _, o := range os {
		out = append(out, officialView{Name: o.Name, Title: o.Title, URL: officialURL(o.Name)})
	}
	return out
}

func (s *Server) handleArticlePage(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	if !utf8.ValidString(id) || len(id) > 200 {
		s.renderError(w, r, http.StatusBadRequest, "Mã bài viết không hợp lệ.")
		return
	}
	a, ok, err := s.Article(r.Context(), id)
	switch {
	case err != nil:
		s.Logger.Error("article page", "id", id, "err", err)
		s.renderError(w, r, http.StatusInternalServerError, "Không đọc được bài viết, xin thử lại sau.")
		return
	case !ok:
		s.renderError(w, r, http.StatusNotFound, "Không có bài viết mã "+strconv.Quote(truncate(id, 64))+".")
		return
	}
	loc := s.loc()
	v := articleView{A: a, Unit: newUnitView(a.Unit), EventTypes: eventLinks(a.EventTypes), Officials: officialViews(a.Officials)}
	if d, ok := filter.Date(a, loc); ok {
		v.Date = dateVN(d)
	}
	if a.Published != nil {
		v.Published = a.Published.In(loc).Format("15:04 02/01/2006")
	}
	if !a.FetchedAt.IsZero() {
		v.FetchedAt = a.FetchedAt.In(loc).Format("15:04 02/01/2006")
	}
	for _, u := range a.Units {
		v.Units = append(v.Units, newUnitView(u))
	}
	for _, sec := range a.Sections {
		sv := sectionView{Unit: newUnitView(sec.Unit), EventTypes: eventLinks(sec.EventTypes),
			Officials: officialViews(sec.Officials), Paragraphs: paragraphs(sec.Text)}
		if sec.EventDate != nil {
			sv.EventDate = dateVN(*sec.EventDate)
		}
		v.Sections = append(v.Sections, sv)
	}
	v.Related, err = s.related(r, a)
	if err != nil {
		s.Logger.Error("related articles", "id", id, "err", err)
		v.RelatedErr = "Không tìm được bài liên quan."
	}
	s.render(w, http.StatusOK, "article", page{Title: a.Title, Data: v})
}

// related finds the newest articles of the same unit and of the same
// officials (the first three named), excluding a itself.
func (s *Server) related(r *http.Request, a article.Article) ([]relatedView, error) {
	type probe struct {
		f   filter.Filters
		why string
	}
	var probes []probe
	if a.Unit.Name != "" {
		probes = append(probes, probe{filter.Filters{Unit: a.Unit.Name}, "Cùng đơn vị"})
	}
	for i, o := range a.Officials {
		if i == 3 {
			break
		}
		probes = append(probes, probe{filter.Filters{Official: o.Name}, "Cùng cán bộ " + o.Name})
	}
	seen := map[string]bool{a.ID: true}
	var out []relatedView
	for _, p := range probes {
		res, err := s.Search.Search(r.Context(), index.Request{Filters: p.f, Sort: index.SortDate, Size: 6, Location: s.Location})
		if err != nil {
			return out, err
		}
		for _, h := range res.Hits {
			if seen[h.Article.ID] || len(out) >= maxRelated {
				continue
			}
			seen[h.Article.ID] = true
			rv := relatedView{URL: articleURL(h.Article.ID), Title: h.Article.Title, Unit: h.Article.Unit.Name, Why: p.why}
			if d, ok := filter.Date(h.Article, s.loc()); ok {
				rv.Date = dateVN(d)
			}
			out = append(out, rv)
		}
	}
	return out, nil
}
