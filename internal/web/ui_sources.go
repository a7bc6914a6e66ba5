package web

import (
	"cmp"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/vksnews/vksnews/internal/health"
)

// lowShare is the extraction-health share under which the sources page
// warns: a portal whose template changed drops well below it at once.
const lowShare = 0.8

// sourceView is one row of the sources page.
type sourceView struct {
	Source
	LastRun, LastSuccess, NextRun string
	StatusOK                      bool
	Shares                        []shareView
	Warn                          bool
	Drops                         []string // sharp drops against the portal's history, in words
	SearchURL                     string
}

// dropFacts words health's facts the way the page's shares do.
var dropFacts = map[string]string{
	health.FactDate: "có ngày",
	health.FactUnit: "có đơn vị",
	health.FactBody: "có nội dung đủ dài",
}

// dropWarning words a drop in Vietnamese, with its figures.
func dropWarning(d health.Drop) string {
	return fmt.Sprintf("Tỷ lệ bài %s giảm từ %s xuống %s trong %d bài mới nhất: cổng tin có thể đã đổi giao diện.",
		cmp.Or(dropFacts[d.Fact], d.Fact), fmtPercent(d.Before), fmtPercent(d.After), d.Newest)
}

type shareView struct {
	Label string
	Value string
	Low   bool
}

// sourcesView is the data of the sources page.
type sourcesView struct {
	Rows   []sourceView
	Admin  bool   // the server has an admin token: show the "crawl now" form
	Renorm bool   // and can re-normalize: show that form too
	Notice string // the result of the last admin action
}

func (s *Server) handleSourcesPage(w http.ResponseWriter, r *http.Request) {
	sv := sourcesView{Admin: s.AdminToken != "" && s.StartCrawl != nil, Renorm: s.AdminToken != "" && s.StartRenormalize != nil}
	switch r.URL.Query().Get("done") {
	case "crawl":
		sv.Notice = "Đã bắt đầu thu thập; tải lại trang sau ít phút để xem kết quả."
	case "renormalize":
		sv.Notice = "Đã bắt đầu chuẩn hóa lại toàn bộ kho bài; các bài thay đổi được lập chỉ mục lại."
	case "busy":
		sv.Notice = "Việc này đang chạy; xin đợi nó xong."
	}
	if s.Sources == nil {
		s.render(w, http.StatusOK, "sources", page{Title: "Nguồn tin", Nav: "sources", Data: sv})
		return
	}
	rows, err := s.Sources(r.Context())
	if err != nil {
		s.Logger.Error("sources page", "err", err)
		s.renderError(w, r, http.StatusInternalServerError, "Không đọc được tình trạng các nguồn tin.")
		return
	}
	var out []sourceView
	for _, src := range rows {
		v := sourceView{Source: src, LastRun: s.fmtTime(src.LastRun), LastSuccess: s.fmtTime(src.LastSuccess), NextRun: s.fmtTime(src.NextRun),
			SearchURL: "/?" + urlValues("portal", src.Portal, "sort", "date")}
		v.StatusOK = src.LastError == "" && (src.Status == "" || strings.EqualFold(src.Status, "ok"))
		if h := src.Health; h.Articles > 0 {
			for _, sh := range []struct {
				label string
				f     float64
			}{{"có ngày", h.WithDate}, {"có đơn vị", h.WithUnit}, {"có loại sự kiện", h.WithEventType}, {"có nội dung", h.WithBody}} {
				low := sh.f < lowShare
				v.Warn = v.Warn || low
				v.Shares = append(v.Shares, shareView{Label: sh.label, Value: fmtPercent(sh.f), Low: low})
			}
			for _, d := range h.Drops {
				v.Drops = append(v.Drops, dropWarning(d))
			}
			v.Warn = v.Warn || len(v.Drops) > 0
		}
		out = append(out, v)
	}
	sv.Rows = out
	s.render(w, http.StatusOK, "sources", page{Title: "Nguồn tin", Nav: "sources", Data: sv})
}

// adminForm runs one admin action from the sources page's form, which
// carries the admin token, then goes back to the page.
func (s *Server) adminForm(start func() error, done string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if start == nil || s.AdminToken == "" {
			s.renderError(w, r, http.StatusForbidden, "Máy chủ này không cho làm việc này từ giao diện (cần đặt VKSNEWS_ADMIN_TOKEN).")
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, 4<<10)
		if err := r.ParseForm(); err != nil || !s.tokenOK(r.PostForm.Get("token"), r.PostForm.Has("token")) {
			s.renderError(w, r, http.StatusUnauthorized, "Mã quản trị không đúng.")
			return
		}
		switch err := start(); {
		case errors.Is(err, ErrCrawlRunning):
			http.Redirect(w, r, "/sources?done=busy", http.StatusSeeOther)
		case err != nil:
			s.Logger.Error("admin action from the UI", "action", done, "err", err)
			s.renderError(w, r, http.StatusInternalServerError, "Không bắt đầu được.")
		default:
			http.Redirect(w, r, "/sources?done="+done, http.StatusSeeOther)
		}
	}
}

func (s *Server) fmtTime(t *time.Time) string {
	if t == nil || t.IsZero() {
		return ""
	}
	return t.In(s.loc()).Format("15:04 02/01/2006")
}

// mailView is one received digest email.
type mailView struct {
	Mail
	When     string
	SafeHTML string // the HTML part, sanitized, for a sandboxed frame
}

// digestsView is the data of the digests page.
type digestsView struct {
	Configured bool
	Mails      []mailView
	Preview    bool
	Subs       []keyValue // number, name of each subscription to preview
}

func (s *Server) handleDigestsPage(w http.ResponseWriter, r *http.Request) {
	v := digestsView{Configured: s.Mails != nil, Preview: s.DigestPreview != nil}
	if s.SubscriptionNames != nil {
		for i, n := range s.SubscriptionNames() {
			v.Subs = append(v.Subs, keyValue{strconv.Itoa(i), n})
		}
	}
	if s.Mails != nil {
		mails, err := s.Mails(r.Context())
		if err != nil {
			s.Logger.Error("digests page", "err", err)
			s.renderError(w, r, http.StatusInternalServerError, "Không đọc được hộp thư bản tin.")
			return
		}
		for i := len(mails) - 1; i >= 0; i-- { // newest first
			m := mails[i]
			v.Mails = append(v.Mails, mailView{Mail: m, When: s.fmtTime(&m.Received), SafeHTML: s.ui.email.Sanitize(m.HTML)})
		}
	}
	s.render(w, http.StatusOK, "digests", page{Title: "Bản tin", Nav: "digests", Data: v})
}

// previewView is the data of the digest preview page.
type previewView struct {
	Sub                 int
	Subject, Text, HTML string
	Last                *lastView // the last digest sent, if any
}

// lastView is the last digest a subscription sent.
type lastView struct {
	When, Subject, Text, HTML string
}

func (s *Server) handleDigestPreview(w http.ResponseWriter, r *http.Request) {
	if s.DigestPreview == nil {
		s.renderError(w, r, http.StatusNotFound, "Chưa cấu hình xem trước bản tin.")
		return
	}
	sub, err := strconv.Atoi(r.URL.Query().Get("sub"))
	if err != nil || sub < 0 {
		s.renderError(w, r, http.StatusBadRequest, "Tham số sub phải là số thứ tự của một đăng ký (0, 1, 2…).")
		return
	}
	subject, text, html, err := s.DigestPreview(r.Context(), sub)
	switch {
	case errors.Is(err, ErrNoSubscription):
		s.renderError(w, r, http.StatusNotFound, "Không có đăng ký số "+strconv.Itoa(sub)+".")
		return
	case err != nil:
		s.Logger.Error("digest preview", "sub", sub, "err", err)
		s.renderError(w, r, http.StatusInternalServerError, "Không dựng được bản tin xem trước.")
		return
	}
	// The HTML part goes, sanitized, into a sandboxed srcdoc frame: no
	// script runs there and it cannot reach this page.
	v := previewView{Sub: sub, Subject: subject, Text: text, HTML: s.ui.email.Sanitize(html)}
	if s.DigestLast != nil {
		when, subj, text, html, ok, err := s.DigestLast(r.Context(), sub)
		if err != nil {
			s.Logger.Error("last digest", "sub", sub, "err", err)
		}
		if ok {
			v.Last = &lastView{When: s.fmtTime(&when), Subject: subj, Text: text, HTML: s.ui.email.Sanitize(html)}
		}
	}
	s.render(w, http.StatusOK, "preview", page{Title: "Xem trước bản tin", Nav: "digests", Data: v})
}
