package web

import (
	"net/http"
	"net/url"
	"sort"
	"strings"
	"time"

	"github.com/vksnews/vksnews/internal/filter"
	"github.com/vksnews/vksnews/internal/store"
)

// deliveryLabels names the delivery modes in Vietnamese.
var deliveryLabels = map[string]string{
	store.DeliveryDigest: "Bản tin hằng ngày qua thư",
	store.DeliveryAlert:  "Cảnh báo ngay khi có bài mới",
	store.DeliveryFeed:   "Chỉ nguồn Atom",
}

// savedPageView is the data of /saved: the saved searches and the form
// that saves (or edits) one.
type savedPageView struct {
	Enabled   bool
	NeedToken bool // the server has an admin token: forms ask for it
	Items     []savedItemView
	Form      savedFormView
	Errors    []string
	Notice    string
}

type savedItemView struct {
	ID, Name, Query    string
	Filters            []activeFilter
	Delivery           string
	Recipients         string
	FeedURL, SearchURL string
	EditURL, DeleteURL string
	Created, Updated   string
}

type savedFormView struct {
	ID, Name, Q string
	Filters     []activeFilter // shown
	Hidden      []keyValue     // sent back
	Delivery    string
	Deliveries  []keyValue // code, label
	Recipients  string
}

// savedForm fills the form from a search state (the search being saved)
// or a stored saved search.
func savedForm(ss store.SavedSearch) savedFormView {
	f := savedFormView{ID: ss.ID, Name: ss.Name, Q: ss.Query, Delivery: ss.Delivery, Recipients: strings.Join(ss.Recipients, ", ")}
	if f.Delivery == "" {
		f.Delivery = store.DeliveryDigest
	}
	for _, d := range store.Deliveries {
		f.Deliveries = append(f.Deliveries, keyValue{d, deliveryLabels[d]})
	}
	for _, k := range filter.Names {
		if v := ss.Filters[k]; v != "" {
			f.Filters = append(f.Filters, activeFilter{Label: filterLabels[k], Value: valueLabel(k, v)})
			f.Hidden = append(f.Hidden, keyValue{k, v})
		}
	}
	return f
}

// filtersOf reads the filters of a URL query or form.
func filtersOf(v url.Values) map[string]string {
	out := map[string]string{}
	for _, k := range filter.Names {
		if s := strings.TrimSpace(v.Get(k)); s != "" {
			out[k] = s
		}
	}
	return out
}

func (s *Server) handleSavedPage(w http.ResponseWriter, r *http.Request) {
	v := savedPageView{Enabled: s.Saved != nil, NeedToken: s.AdminToken != ""}
	if !v.Enabled {
		s.render(w, http.StatusOK, "saved", page{Title: "Tìm kiếm đã lưu", Nav: "saved", Data: v})
		return
	}
	q := r.URL.Query()
	form := store.SavedSearch{Query: q.Get("q"), Filters: filtersOf(q)}
	if id := q.Get("edit"); id != "" {
		ss, ok, err := s.Saved.SavedSearch(id)
		if err != nil {
			s.Logger.Error("saved search", "id", id, "err", err)
			s.renderError(w, r, http.StatusInternalServerError, "Không đọc được tìm kiếm đã lưu.")
			return
		}
		if !ok {
			s.renderError(w, r, http.StatusNotFound, "Không có tìm kiếm đã lưu số "+id+".")
			return
		}
		form = ss
	}
	if form.Name == "" {
		form.Name = form.Query
	}
	v.Form = savedForm(form)
	if id := q.Get("saved"); id != "" {
		v.Notice = "Đã lưu tìm kiếm."
	}
	if q.Get("deleted") != "" {
		v.Notice = "Đã xóa tìm kiếm."
	}
	s.renderSaved(w, r, http.StatusOK, v)
}

// renderSaved lists the saved searches under the form of v.
func (s *Server) renderSaved(w http.ResponseWriter, r *http.Request, status int, v savedPageView) {
	all, err := s.Saved.SavedSearches()
	if err != nil {
		s.Logger.Error("saved searches", "err", err)
		s.renderError(w, r, http.StatusInternalServerError, "Không đọc được các tìm kiếm đã lưu.")
		return
	}
	for _, ss := range all {
		out := savedOut(ss)
		it := savedItemView{
			ID: ss.ID, Name: ss.Name, Query: ss.Query, Delivery: deliveryLabels[ss.Delivery],
			Recipients: strings.Join(ss.Recipients, ", "), FeedURL: out.FeedURL, SearchURL: out.SearchURL,
			EditURL: "/saved?edit=" + url.QueryEscape(ss.ID), DeleteURL: "/saved/" + url.PathEscape(ss.ID) + "/delete",
			Created: s.fmtTime(&ss.Created), Updated: s.fmtTime(&ss.Updated),
		}
		keys := make([]string, 0, len(ss.Filters))
		for k := range ss.Filters {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			it.Filters = append(it.Filters, activeFilter{Label: filterLabels[k], Value: valueLabel(k, ss.Filters[k])})
		}
		v.Items = append(v.Items, it)
	}
	s.render(w, status, "saved", page{Title: "Tìm kiếm đã lưu", Nav: "saved", Data: v})
}

// handleSavedForm saves the form of /saved, then goes back to the list
// (303, so that reloading does not post again).
func (s *Server) handleSavedForm(w http.ResponseWriter, r *http.Request) {
	f, ok := s.savedFormValues(w, r)
	if !ok {
		return
	}
	in := store.SavedSearch{ID: f.Get("id"), Name: f.Get("name"), Query: f.Get("q"), Filters: filtersOf(f),
		Delivery: f.Get("delivery"), Recipients: splitRecipients(f.Get("recipients"))}
	v := savedPageView{Enabled: true, NeedToken: s.AdminToken != "", Form: savedForm(in)}
	if !s.tokenOK(f.Get("token"), f.Has("token")) {
		v.Errors = []string{"Mã quản trị không đúng: cần mã VKSNEWS_ADMIN_TOKEN của máy chủ để lưu."}
		s.renderSaved(w, r, http.StatusUnauthorized, v)
		return
	}
	ss, probs := checkSaved(in)
	if len(probs) > 0 {
		for _, p := range probs {
			v.Errors = append(v.Errors, p.vi)
		}
		s.renderSaved(w, r, http.StatusBadRequest, v)
		return
	}
	saved, err := s.Saved.PutSavedSearch(ss, time.Now())
	if err != nil {
		s.Logger.Error("save search", "err", err)
		s.renderError(w, r, http.StatusInternalServerError, "Không lưu được tìm kiếm.")
		return
	}
	http.Redirect(w, r, "/saved?saved="+url.QueryEscape(saved.ID), http.StatusSeeOther)
}

// savedFormValues reads a form posted to the saved-search pages, answering
// itself (and returning false) when saved searches are off or the form is
// unreadable.
func (s *Server) savedFormValues(w http.ResponseWriter, r *http.Request) (url.Values, bool) {
	if s.Saved == nil {
		s.renderError(w, r, http.StatusNotFound, "Máy chủ này không lưu tìm kiếm.")
		return nil, false
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxSavedBody)
	if err := r.ParseForm(); err != nil {
		s.renderError(w, r, http.StatusBadRequest, "Biểu mẫu không đọc được.")
		return nil, false
	}
	return r.PostForm, true
}

func (s *Server) handleSavedDeleteForm(w http.ResponseWriter, r *http.Request) {
	f, ok := s.savedFormValues(w, r)
	if !ok {
		return
	}
	if !s.tokenOK(f.Get("token"), f.Has("token")) {
		s.renderSaved(w, r, http.StatusUnauthorized, savedPageView{Enabled: true, NeedToken: true, Form: savedForm(store.SavedSearch{}),
			Errors: []string{"Mã quản trị không đúng: cần mã VKSNEWS_ADMIN_TOKEN của máy chủ để xóa."}})
		return
	}
	id := r.PathValue("id")
	if _, err := s.Saved.DeleteSavedSearch(id); err != nil {
		s.Logger.Error("delete saved search", "id", id, "err", err)
		s.renderError(w, r, http.StatusInternalServerError, "Không xóa được tìm kiếm.")
		return
	}
	http.Redirect(w, r, "/saved?deleted=1", http.StatusSeeOther)
}

// splitRecipients reads the addresses typed in one box, separated by
// commas, semicolons or new lines.
func splitRecipients(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' || r == '\n' || r == '\r' })
}
