package web

import (
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/mail"
	"net/url"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/vksnews/vksnews/index"
	"github.com/vksnews/vksnews/internal/filter"
	"github.com/vksnews/vksnews/internal/store"
)

// SavedSearches is where saved searches live; *store.Store satisfies it.
type SavedSearches interface {
	SavedSearches() ([]store.SavedSearch, error)
	SavedSearch(id string) (store.SavedSearch, bool, error)
	PutSavedSearch(ss store.SavedSearch, now time.Time) (store.SavedSearch, error)
	DeleteSavedSearch(id string) (bool, error)
}

// Limits on a saved search, so that one request cannot store megabytes.
const (
	maxSavedBody       = 64 << 10
	maxSavedName       = 200
	maxSavedRecipients = 50
)

// savedSearchInput is the body of POST /api/saved-searches: a saved
// search, whose id edits that search. The fields GET adds or the store sets
// (created, updated, feed_url, search_url) shadow the embedded ones and are
// ignored in whatever form they come, so that a client can post back what
// it read.
type savedSearchInput struct {
	store.SavedSearch
	Created   json.RawMessage `json:"created"`
	Updated   json.RawMessage `json:"updated"`
	FeedURL   json.RawMessage `json:"feed_url"`
	SearchURL json.RawMessage `json:"search_url"`
}

// savedSearchOut is a saved search as the API returns it: with the links
// to its Atom feed and to its search in the UI.
type savedSearchOut struct {
	store.SavedSearch
	FeedURL   string `json:"feed_url"`
	SearchURL string `json:"search_url"`
}

// problem is one thing wrong with a saved search, in English for the API
// and in Vietnamese for the UI.
type problem struct{ en, vi string }

// CheckSavedSearch validates and cleans a saved search: a name, a query the
// query language accepts, known filters with valid values, a delivery mode
// (default: digest with recipients, else feed) and valid recipient
// addresses, required for digest and alert. Every problem is reported.
func CheckSavedSearch(ss store.SavedSearch) (store.SavedSearch, error) {
	ss, probs := checkSaved(ss)
	var errs []error
	for _, p := range probs {
		errs = append(errs, errors.New(p.en))
	}
	return ss, errors.Join(errs...)
}

// checkSaved is CheckSavedSearch with the problems in both languages.
func checkSaved(ss store.SavedSearch) (store.SavedSearch, []problem) {
	var probs []problem
	bad := func(en, vi string) { probs = append(probs, problem{en, vi}) }
	ss.Name = strings.TrimSpace(ss.Name)
	switch {
	case ss.Name == "":
		bad("name: required", "Cần đặt tên cho tìm kiếm.")
	case !utf8.ValidString(ss.Name):
		bad("name: not valid UTF-8", "Tên có ký tự không hợp lệ.")
	case utf8.RuneCountInString(ss.Name) > maxSavedName:
		bad(fmt.Sprintf("name: longer than %d characters", maxSavedName), fmt.Sprintf("Tên dài quá %d ký tự.", maxSavedName))
	}
	ss.Query = strings.TrimSpace(ss.Query)
	if _, err := index.ParseQuery(ss.Query); err != nil {
		bad("query: "+strings.TrimPrefix(err.Error(), index.ErrBadRequest.Error()+": "), "Từ khóa không hợp lệ: "+queryErrorVN(err))
	}
	vals := url.Values{}
	clean := map[string]string{}
	for k, v := range ss.Filters {
		if v = strings.TrimSpace(v); v != "" {
			vals.Set(k, v)
			clean[k] = v
		}
	}
	if _, err := filter.Parse(vals, true); err != nil {
		bad("filters: "+strings.ReplaceAll(err.Error(), "\n", "; "), "Bộ lọc không hợp lệ.")
	}
	ss.Filters = clean
	var to []string
	for _, r := range ss.Recipients {
		if r = strings.TrimSpace(r); r == "" {
			continue
		}
		if _, err := mail.ParseAddress(r); err != nil {
			bad(fmt.Sprintf("recipients: invalid address %q", truncate(r, 80)), fmt.Sprintf("Địa chỉ thư không hợp lệ: %s", truncate(r, 80)))
		}
		to = append(to, r)
	}
	ss.Recipients = to
	if len(to) > maxSavedRecipients {
		bad(fmt.Sprintf("recipients: at most %d", maxSavedRecipients), fmt.Sprintf("Tối đa %d người nhận.", maxSavedRecipients))
	}
	if ss.Delivery == "" {
		ss.Delivery = store.DeliveryFeed
		if len(to) > 0 {
			ss.Delivery = store.DeliveryDigest
		}
	}
	switch {
	case !slices.Contains(store.Deliveries, ss.Delivery):
		bad(fmt.Sprintf("delivery: want digest, alert or feed, not %q", truncate(ss.Delivery, 40)), "Cách nhận không hợp lệ.")
	case ss.Delivery != store.DeliveryFeed && len(to) == 0:
		bad("recipients: required for delivery "+ss.Delivery, "Cần ít nhất một địa chỉ thư để nhận bản tin hoặc cảnh báo.")
	}
	if ss.Recipients == nil {
		ss.Recipients = []string{}
	}
	return ss, probs
}

// savedOut adds the links to a saved search.
func savedOut(ss store.SavedSearch) savedSearchOut {
	st := savedState(ss)
	return savedSearchOut{SavedSearch: ss, FeedURL: st.with("/feed.atom"), SearchURL: st.with("/")}
}

// savedState is the UI's search state of a saved search.
func savedState(ss store.SavedSearch) searchState {
	v := url.Values{}
	if ss.Query != "" {
		v.Set("q", ss.Query)
	}
	for k, f := range ss.Filters {
		v.Set(k, f)
	}
	return newSearchState(v)
}

// adminOK checks the admin token of a write when one is set, answering 401
// itself when it is missing or wrong.
func (s *Server) adminOK(w http.ResponseWriter, r *http.Request) bool {
	token, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	if !s.tokenOK(token, ok) {
		w.Header().Set("WWW-Authenticate", `Bearer realm="vksnews"`)
		writeError(w, http.StatusUnauthorized, "missing or wrong bearer token (this server needs VKSNEWS_ADMIN_TOKEN to change saved searches)")
		return false
	}
	return true
}

// tokenOK reports whether a write may go ahead: no admin token is set, or
// the given one (present says it was given at all) is it.
func (s *Server) tokenOK(token string, present bool) bool {
	if s.AdminToken == "" {
		return true
	}
	return present && subtle.ConstantTimeCompare([]byte(token), []byte(s.AdminToken)) == 1
}

func (s *Server) savedEnabled(w http.ResponseWriter) bool {
	if s.Saved == nil {
		writeError(w, http.StatusNotFound, "saved searches are not available on this server")
		return false
	}
	return true
}

func (s *Server) handleSavedList(w http.ResponseWriter, r *http.Request) {
	if !s.savedEnabled(w) {
		return
	}
	all, err := s.Saved.SavedSearches()
	if err != nil {
		s.Logger.Error("saved searches", "err", err)
		writeError(w, http.StatusInternalServerError, "could not read the saved searches")
		return
	}
	out := make([]savedSearchOut, 0, len(all))
	for _, ss := range all {
		out = append(out, savedOut(ss))
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) handleSavedGet(w http.ResponseWriter, r *http.Request) {
	if !s.savedEnabled(w) {
		return
	}
	id := r.PathValue("id")
	ss, ok, err := s.Saved.SavedSearch(id)
	switch {
	case err != nil:
		s.Logger.Error("saved search", "id", id, "err", err)
		writeError(w, http.StatusInternalServerError, "could not read the saved search")
	case !ok:
		writeError(w, http.StatusNotFound, "no saved search with id "+fmt.Sprintf("%q", truncate(id, 64)))
	default:
		writeJSON(w, http.StatusOK, savedOut(ss))
	}
}

func (s *Server) handleSavedPost(w http.ResponseWriter, r *http.Request) {
	if !s.savedEnabled(w) || !s.adminOK(w, r) {
		return
	}
	var in savedSearchInput
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxSavedBody))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&in); err != nil {
		writeError(w, http.StatusBadRequest, "body: want a JSON object {name, query, filters, delivery, recipients}: "+truncate(err.Error(), 200))
		return
	}
	if err := dec.Decode(&struct{}{}); err != io.EOF {
		writeError(w, http.StatusBadRequest, "body: one JSON object only")
		return
	}
	ss, err := CheckSavedSearch(in.SavedSearch)
	if err != nil {
		writeError(w, http.StatusBadRequest, strings.ReplaceAll(err.Error(), "\n", "; "))
		return
	}
	saved, err := s.Saved.PutSavedSearch(ss, time.Now())
	switch {
	case errors.Is(err, store.ErrNotFound):
		writeError(w, http.StatusNotFound, "no saved search with id "+fmt.Sprintf("%q", truncate(in.ID, 64)))
	case err != nil:
		s.Logger.Error("save search", "err", err)
		writeError(w, http.StatusInternalServerError, "could not save the search")
	case in.ID == "":
		w.Header().Set("Location", "/api/saved-searches/"+url.PathEscape(saved.ID))
		writeJSON(w, http.StatusCreated, savedOut(saved))
	default:
		writeJSON(w, http.StatusOK, savedOut(saved))
	}
}

func (s *Server) handleSavedDelete(w http.ResponseWriter, r *http.Request) {
	if !s.savedEnabled(w) || !s.adminOK(w, r) {
		return
	}
	id := r.PathValue("id")
	ok, err := s.Saved.DeleteSavedSearch(id)
	switch {
	case err != nil:
		s.Logger.Error("delete saved search", "id", id, "err", err)
		writeError(w, http.StatusInternalServerError, "could not delete the saved search")
	case !ok:
		writeError(w, http.StatusNotFound, "no saved search with id "+fmt.Sprintf("%q", truncate(id, 64)))
	default:
		w.WriteHeader(http.StatusNoContent)
	}
}
