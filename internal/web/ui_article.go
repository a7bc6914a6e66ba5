package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
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
	Portal     string // the portal's title, else its name
	Date       string
	EventDate  string   // the event's day, or for a round-up the span of its sections' days
	Intro      []string // a round-up's paragraphs before its first section (its body otherwise)
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
	N          int // from 1
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
		uv.URL = unitURL(u.Name)
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
		v.Published = fmtPublished(*a.Published, loc)
	}
	v.Portal = s.portalTitles(r.Context())[a.Portal]
	if v.Portal == "" {
		v.Portal = a.Portal
	}
	v.Intro = paragraphs(a.Body)
	if len(a.Sections) > 0 {
		// A round-up shows its sections, each with its own facts, in place
		// of the body that holds the same text.
		v.Intro = paragraphs(introOf(a))
	}
	v.EventDate = eventSpan(a)
	if !a.FetchedAt.IsZero() {
		v.FetchedAt = a.FetchedAt.In(loc).Format("15:04 02/01/2006")
	}
	for _, u := range a.Units {
		v.Units = append(v.Units, newUnitView(u))
	}
	for i, sec := range a.Sections {
		sv := sectionView{N: i + 1, Unit: newUnitView(sec.Unit), EventTypes: eventLinks(sec.EventTypes),
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

// fmtPublished shows a publication time; a time of exactly midnight is a
// day without a time (most portals publish only the day), so only the day
// is shown rather than an invented "00:00".
func fmtPublished(t time.Time, loc *time.Location) string {
	t = t.In(loc)
	if t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 {
		return t.Format("02/01/2006")
	}
	return t.Format("15:04 02/01/2006")
}

// introOf is the part of a round-up's body before its first section's
// text: the lead that introduces the sections.
func introOf(a article.Article) string {
	first := strings.TrimSpace(a.Sections[0].Text)
	if first == "" {
		return ""
	}
	probe := first
	if len(probe) > 80 {
		probe = probe[:80]
		for !utf8.ValidString(probe) {
			probe = probe[:len(probe)-1]
		}
	}
	if i := strings.Index(a.Body, probe); i >= 0 {
		return a.Body[:i]
	}
	return ""
}

// eventSpan is the day an article's event happened; for a round-up with
// dated sections, the first and the last of their days.
func eventSpan(a article.Article) string {
	var lo, hi *article.Date
	for _, sec := range a.Sections {
		if d := sec.EventDate; d != nil {
			if lo == nil || d.Before(*lo) {
				lo = d
			}
			if hi == nil || hi.Before(*d) {
				hi = d
			}
		}
	}
	switch {
	case lo != nil && *lo != *hi:
		return dateVN(*lo) + " – " + dateVN(*hi)
	case lo != nil:
		return dateVN(*lo)
	case a.EventDate != nil:
		return dateVN(*a.EventDate)
	}
	return ""
}

// portalTitles maps portal names to their titles, for pages that would
// otherwise show a code; empty when the sources cannot be read.
func (s *Server) portalTitles(ctx context.Context) map[string]string {
	out := map[string]string{}
	if s.Sources == nil {
		return out
	}
	rows, err := s.Sources(ctx)
	if err != nil {
		s.Logger.Warn("portal titles", "err", err)
		return out
	}
	for _, r := range rows {
		if r.Title != "" {
			out[r.Portal] = r.Title
		}
	}
	return out
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
