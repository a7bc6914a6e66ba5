package web

import (
	"encoding/xml"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"time"

	"github.com/vksnews/vksnews/index"
	"github.com/vksnews/vksnews/internal/export"
)

// feedSize is how many of the newest matches the Atom feed carries.
const feedSize = 50

// exportRequest parses the current search for an export; on a bad request
// it answers 400 with the message and returns false.
func (s *Server) exportRequest(w http.ResponseWriter, r *http.Request) (index.Request, bool) {
	req, err := SearchRequest(r.URL.Query())
	if err != nil {
		setSecurityHeaders(w.Header())
		http.Error(w, err.Error(), http.StatusBadRequest)
		return req, false
	}
	req.Location, req.Facets = s.Location, false
	return req, true
}

// startExport checks the request with a first search, so that a bad one
// gets a clean 400 before any byte of the file is written.
func (s *Server) startExport(w http.ResponseWriter, r *http.Request, req index.Request, ctype, name string) bool {
	probe := req
	probe.Page, probe.Size = 1, 1
	res, err := s.Search.Search(r.Context(), probe)
	if err != nil {
		setSecurityHeaders(w.Header())
		if errors.Is(err, index.ErrBadRequest) {
			http.Error(w, err.Error(), http.StatusBadRequest)
		} else {
			s.Logger.Error("export", "query", req.Query, "err", err)
			http.Error(w, "search failed", http.StatusInternalServerError)
		}
		return false
	}
	h := w.Header()
	setSecurityHeaders(h)
	h.Set("Content-Type", ctype)
	h.Set("Content-Disposition", `attachment; filename="`+name+`"`)
	h.Set("X-Total-Count", fmt.Sprint(res.Total))
	return true
}

func (s *Server) handleExportCSV(w http.ResponseWriter, r *http.Request) {
	req, ok := s.exportRequest(w, r)
	if !ok || !s.startExport(w, r, req, "text/csv; charset=utf-8", exportName(req, time.Now().In(s.loc()), "csv")) {
		return
	}
	s.writeExport(w, r, req, "csv", export.ForSpreadsheet(valueLabel))
}

func (s *Server) handleExportJSONL(w http.ResponseWriter, r *http.Request) {
	req, ok := s.exportRequest(w, r)
	if !ok || !s.startExport(w, r, req, "application/x-ndjson; charset=utf-8", exportName(req, time.Now().In(s.loc()), "jsonl")) {
		return
	}
	s.writeExport(w, r, req, "jsonl")
}

// writeExport writes every match of req in format after startExport.
func (s *Server) writeExport(w http.ResponseWriter, r *http.Request, req index.Request, format string, opts ...export.Option) {
	x, err := export.NewWriter(w, format, s.loc(), opts...)
	if err == nil {
		// Every match, not a page window: exports have no 10,000 cap.
		err = s.Search.ForEachMatch(r.Context(), req.Query, req.Filters, req.Location, x.Write)
		if cerr := x.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		// The status is sent; the truncated file is all we can give.
		s.Logger.Error("export "+format, "err", err)
	}
}

// Atom 1.0 (RFC 4287).
type atomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Title   string      `xml:"title"`
	ID      string      `xml:"id"`
	Updated string      `xml:"updated"`
	Links   []atomLink  `xml:"link"`
	Author  atomPerson  `xml:"author"`
	Entries []atomEntry `xml:"entry"`
}

type atomLink struct {
	Rel  string `xml:"rel,attr,omitempty"`
	Type string `xml:"type,attr,omitempty"`
	Href string `xml:"href,attr"`
}

type atomPerson struct {
	Name string `xml:"name"`
}

type atomEntry struct {
	Title      string         `xml:"title"`
	ID         string         `xml:"id"`
	Updated    string         `xml:"updated"`
	Published  string         `xml:"published,omitempty"`
	Links      []atomLink     `xml:"link"`
	Author     *atomPerson    `xml:"author,omitempty"`
	Categories []atomCategory `xml:"category"`
	Summary    atomText       `xml:"summary"`
}

type atomCategory struct {
	Term  string `xml:"term,attr"`
	Label string `xml:"label,attr,omitempty"`
}

type atomText struct {
	Type string `xml:"type,attr"`
	Text string `xml:",chardata"`
}

func (s *Server) handleFeed(w http.ResponseWriter, r *http.Request) {
	req, ok := s.exportRequest(w, r)
	if !ok {
		return
	}
	req.Sort, req.Page, req.Size = index.SortDate, 1, feedSize
	res, err := s.Search.Search(r.Context(), req)
	if err != nil {
		setSecurityHeaders(w.Header())
		if errors.Is(err, index.ErrBadRequest) {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		s.Logger.Error("feed", "query", req.Query, "err", err)
		http.Error(w, "search failed", http.StatusInternalServerError)
		return
	}
	base := baseURL(r)
	st := newSearchState(r.URL.Query())
	title := "vksnews"
	if req.Query != "" {
		title += ": " + req.Query
	}
	feed := atomFeed{
		Title:  title,
		ID:     base + st.with("/feed.atom", "page", "", "size", "", "sort", ""),
		Author: atomPerson{Name: "vksnews"},
		Links: []atomLink{
			{Rel: "self", Type: "application/atom+xml", Href: base + r.URL.RequestURI()},
			{Rel: "alternate", Type: "text/html", Href: base + st.with("/", "sort", "date")},
		},
	}
	var newest time.Time
	for _, h := range res.Hits {
		a := h.Article
		updated := a.FetchedAt
		if a.Published != nil {
			updated = *a.Published
		}
		if updated.After(newest) {
			newest = updated
		}
		e := atomEntry{
			Title:   a.Title,
			ID:      "urn:vksnews:article:" + a.ID,
			Updated: updated.Format(time.RFC3339),
			Links:   []atomLink{{Rel: "alternate", Type: "text/html", Href: base + articleURL(a.ID)}},
			Summary: atomText{Type: "text", Text: shorten(firstNonEmpty(a.Summary, a.Body), 500)},
		}
		if a.Published != nil {
			e.Published = a.Published.Format(time.RFC3339)
		}
		if a.URL != "" {
			e.Links = append(e.Links, atomLink{Rel: "via", Type: "text/html", Href: a.URL})
		}
		if name := firstNonEmpty(a.Author, a.Unit.Name); name != "" {
			e.Author = &atomPerson{Name: name}
		}
		for _, t := range a.EventTypes {
			e.Categories = append(e.Categories, atomCategory{Term: t, Label: valueLabel("event_type", t)})
		}
		feed.Entries = append(feed.Entries, e)
	}
	if newest.IsZero() {
		newest = time.Unix(0, 0)
	}
	feed.Updated = newest.UTC().Format(time.RFC3339)
	out, err := xml.MarshalIndent(feed, "", " ")
	if err != nil {
		s.Logger.Error("feed", "err", err)
		http.Error(w, "feed failed", http.StatusInternalServerError)
		return
	}
	h := w.Header()
	setSecurityHeaders(h)
	h.Set("Content-Type", "application/atom+xml; charset=utf-8")
	w.Write([]byte(xml.Header))
	w.Write(out)
}

// baseURL is the scheme and host the request came to, for the absolute
// links a feed needs.
func baseURL(r *http.Request) string {
	u := url.URL{Scheme: "http", Host: r.Host}
	if r.TLS != nil {
		u.Scheme = "https"
	}
	return u.String()
}
