package web

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"unicode/utf8"

	"github.com/vksnews/vksnews/index"
	"github.com/vksnews/vksnews/internal/article"
	"github.com/vksnews/vksnews/internal/filter"
)

// searchResponse is the body of GET /api/search (DESIGN.md).
type searchResponse struct {
	Total  uint64                        `json:"total"`
	TookMS float64                       `json:"took_ms"`
	Hits   []searchHit                   `json:"hits"`
	Facets map[string][]index.FacetValue `json:"facets"`
}

type searchHit struct {
	Article    article.Article     `json:"article"`
	Score      float64             `json:"score"`
	Highlights map[string][]string `json:"highlights"`
}

// facetNames are the facets every search answer carries, empty or not:
// those of DESIGN.md (province_now, level and unit count the articles' own
// units) and mentions_unit, every unit the articles name.
var facetNames = []string{"province_now", "level", "event_type", "unit", "official", "month", "mentions_unit"}

// SearchRequest reads a search from URL parameters: q, the filters, sort,
// page and size. Errors wrap index.ErrBadRequest and name the parameter.
func SearchRequest(v url.Values) (index.Request, error) {
	req := index.Request{Query: v.Get("q"), Sort: v.Get("sort"), Facets: true}
	for name, vals := range v {
		for _, s := range vals {
			if !utf8.ValidString(s) {
				return req, fmt.Errorf("%w: %s: not valid UTF-8", index.ErrBadRequest, name)
			}
		}
	}
	switch req.Sort {
	case "", "relevance", "date":
	default:
		return req, fmt.Errorf("%w: sort: want relevance or date, not %s", index.ErrBadRequest, quoteInput(req.Sort))
	}
	var err error
	if req.Page, err = intParam(v, "page", 1); err != nil {
		return req, err
	}
	if req.Size, err = intParam(v, "size", 20); err != nil {
		return req, err
	}
	f, err := filter.Parse(v, false)
	if err != nil {
		return req, fmt.Errorf("%w: %w", index.ErrBadRequest, err)
	}
	req.Filters = f
	return req, nil
}

// intParam reads a positive whole-number parameter.
func intParam(v url.Values, name string, def int) (int, error) {
	s := v.Get(name)
	if s == "" {
		return def, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 {
		return 0, fmt.Errorf("%w: %s: want a whole number from 1, not %s", index.ErrBadRequest, name, quoteInput(s))
	}
	return n, nil
}

func (s *Server) handleSearch(w http.ResponseWriter, r *http.Request) {
	req, err := SearchRequest(r.URL.Query())
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	req.Location = s.Location
	res, err := s.Search.Search(r.Context(), req)
	if err != nil {
		if errors.Is(err, index.ErrBadRequest) {
			writeError(w, http.StatusBadRequest, err.Error())
			return
		}
		s.Logger.Error("search", "query", req.Query, "err", err)
		writeError(w, http.StatusInternalServerError, "search failed")
		return
	}
	out := searchResponse{
		Total:  res.Total,
		TookMS: float64(res.Took.Microseconds()) / 1000,
		Hits:   make([]searchHit, 0, len(res.Hits)),
		Facets: map[string][]index.FacetValue{},
	}
	for _, name := range facetNames {
		out.Facets[name] = append([]index.FacetValue{}, res.Facets[name]...)
	}
	for _, h := range res.Hits {
		hl := map[string][]string{"title": {}, "body": {}}
		for k, v := range h.Highlights {
			hl[k] = v
		}
		out.Hits = append(out.Hits, searchHit{Article: h.Article, Score: h.Score, Highlights: hl})
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) handleArticle(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	a, ok, err := s.Article(r.Context(), id)
	switch {
	case err != nil:
		s.Logger.Error("article", "id", id, "err", err)
		writeError(w, http.StatusInternalServerError, "could not read the article")
	case !ok:
		writeError(w, http.StatusNotFound, "no article with id "+strconv.Quote(truncate(id, 64)))
	default:
		writeJSON(w, http.StatusOK, a)
	}
}

func (s *Server) handleSources(w http.ResponseWriter, r *http.Request) {
	rows, err := s.Sources(r.Context())
	if err != nil {
		s.Logger.Error("sources", "err", err)
		writeError(w, http.StatusInternalServerError, "could not read the sources")
		return
	}
	if rows == nil {
		rows = []Source{}
	}
	writeJSON(w, http.StatusOK, rows)
}
