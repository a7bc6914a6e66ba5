package web

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/vksnews/vksnews/internal/synthcorpus"

	"github.com/vksnews/vksnews/internal/article"
	"github.com/vksnews/vksnews/internal/health"
)

// xssPayload is what a hostile portal could put in an article; if any of it
// ran, window.__xss would be set.
const xssPayload = `<script>window.__xss=1;alert(1)</script><img src=x onerror="window.__xss=2;alert(2)">`

// xssArticle carries the payload in every text field the UI shows.
func xssArticle() article.Article {
	pub := time.Date(2024, 3, 5, 8, 0, 0, 0, vietnam)
	ev, _ := article.NewDate(2024, 3, 4)
	u := article.Unit{Name: "VKSND tỉnh Khánh Hòa", Level: article.LevelTinh, Province: "Khánh Hòa", ProvinceNow: "Khánh Hòa"}
	return article.Article{
		ID:         article.IDFor("https://evil.example/xss"),
		URL:        "javascript:window.__xss=3",
		Portal:     "khanhhoa",
		Title:      "Tin thử nghiệm an toàn " + xssPayload,
		Published:  &pub,
		EventDate:  &ev,
		Unit:       u,
		Units:      []article.Unit{u},
		Officials:  []article.Official{{Name: "Nguyễn Văn Thử" + xssPayload, Title: "Viện trưởng" + xssPayload, Unit: u.Name}},
		EventTypes: []string{article.EventTapHuan},
		Sections:   []article.Section{{Unit: u, Text: "Phần một " + xssPayload}},
		Author:     "Tác giả " + xssPayload,
		Summary:    "Tóm tắt an toàn " + xssPayload,
		Body:       "Đoạn một an toàn " + xssPayload + "\n\nĐoạn hai " + xssPayload,
		FetchedAt:  pub.Add(time.Hour),
	}
}

// roundUpArticle is a round-up of two units' news.
func roundUpArticle() article.Article {
	d1, _ := article.NewDate(2026, 2, 4)
	d2, _ := article.NewDate(2026, 2, 5)
	pub := time.Date(2026, 2, 6, 9, 0, 0, 0, vietnam)
	u1 := article.Unit{Name: "VKSND khu vực 3 – Vĩnh Long", Level: article.LevelKhuVuc, Province: "Vĩnh Long", ProvinceNow: "Vĩnh Long"}
	u2 := article.Unit{Name: "VKSND khu vực 5 – Vĩnh Long", Level: article.LevelKhuVuc, Province: "Trà Vinh", ProvinceNow: "Vĩnh Long"}
	return article.Article{
		ID: article.IDFor("https://vinhlong.example/tong-hop"), URL: "https://vinhlong.example/tong-hop", Portal: "vinhlong",
		Title: "Hoạt động của các VKSND khu vực trong tuần", Published: &pub,
		Unit:  article.Unit{Name: "VKSND tỉnh Vĩnh Long", Level: article.LevelTinh, Province: "Vĩnh Long", ProvinceNow: "Vĩnh Long"},
		Units: []article.Unit{u1, u2}, EventTypes: []string{article.EventPhienToaRutKinhNghiem, article.EventTapHuan},
		Sections: []article.Section{
			{Unit: u1, EventDate: &d1, EventTypes: []string{article.EventPhienToaRutKinhNghiem},
				Officials: []article.Official{{Name: "Trần Thị Hạnh", Title: "Kiểm sát viên", Unit: u1.Name}},
				Text:      "Ngày 04 tháng 02 năm 2026, VKSND khu vực 3 phối hợp tổ chức phiên tòa rút kinh nghiệm."},
			{Unit: u2, EventDate: &d2, EventTypes: []string{article.EventTapHuan},
				Text: "Ngày 05/02/2026, VKSND khu vực 5 tổ chức tập huấn nghiệp vụ."},
		},
		Body:      "Ngày 04 tháng 02 năm 2026, VKSND khu vực 3 phối hợp tổ chức phiên tòa rút kinh nghiệm.\n\nNgày 05/02/2026, VKSND khu vực 5 tổ chức tập huấn nghiệp vụ.",
		FetchedAt: pub,
	}
}

// testUI is the whole server (API and UI) over a real index.
type testUI struct {
	*httptest.Server
	srv      *Server
	articles map[string]article.Article
	list     []article.Article
}

// newTestUI indexes n synthetic articles plus the XSS article.
func newTestUI(t testing.TB, n int) *testUI {
	t.Helper()
	arts := append(synthcorpus.Articles(n, 7), xssArticle(), roundUpArticle())
	arts = append(arts, namesakeArticles()...)
	ix := openIndexOf(t, fmt.Sprintf("ui-%d", n), arts)
	tu := &testUI{articles: map[string]article.Article{}, list: arts}
	for _, a := range arts {
		tu.articles[a.ID] = a
	}
	now := time.Date(2026, 11, 23, 9, 0, 0, 0, vietnam)
	next := now.Add(2 * time.Hour)
	loc, err := time.LoadLocation("Asia/Ho_Chi_Minh")
	if err != nil {
		loc = vietnam // no tz database: the same offset
	}
	tu.srv = &Server{
		Search:   ix,
		Location: loc,
		Article: func(_ context.Context, id string) (article.Article, bool, error) {
			a, ok := tu.articles[id]
			return a, ok, nil
		},
		Sources: func(context.Context) ([]Source, error) {
			return []Source{
				{Portal: "khanhhoa", Title: "VKSND tỉnh Khánh Hòa", Status: "ok", LastRun: &now, NextRun: &next, Articles: 120,
					Health: Health{Articles: 120, WithDate: 0.99, WithUnit: 0.97, WithEventType: 0.9, WithBody: 1}},
				{Portal: "hatinh", Title: "VKSND tỉnh Hà Tĩnh", Status: "error", LastRun: &now, LastError: "list page: 503 Service Unavailable",
					Articles: 40, Errors: 3, Refused: 2, Health: Health{Articles: 40, WithDate: 0.35, WithUnit: 0.95, WithEventType: 0.9, WithBody: 0.98}},
				// Every share is above lowShare overall, but the newest
				// articles lost their unit: only the drop tells.
				{Portal: "travinh", Title: "VKSND tỉnh Trà Vinh", Status: "ok", LastRun: &now, Articles: 200,
					Health: Health{Articles: 200, WithDate: 1, WithUnit: 0.88, WithEventType: 0.9, WithBody: 1,
						Drops: []health.Drop{{Fact: health.FactUnit, Before: 0.98, After: 0.1, Newest: 20}}}},
			}, nil
		},
		Mails: func(context.Context) ([]Mail, error) {
			return []Mail{{To: []string{"analyst@example.org"}, Subject: "Bản tin VKSND ngày 23/11/2026",
				Received: now, Text: "3 bài mới\n" + xssPayload, HTML: "<p>3 bài mới</p>" + xssPayload}}, nil
		},
		DigestPreview: func(_ context.Context, sub int) (string, string, string, error) {
			if sub > 0 {
				return "", "", "", fmt.Errorf("subscription %d: %w", sub, ErrNoSubscription)
			}
			return "Bản tin thử", "Nội dung văn bản", "<h1>Bản tin</h1><p>Nội dung</p>" + xssPayload, nil
		},
	}
	tu.Server = httptest.NewServer(tu.srv.Handler())
	t.Cleanup(tu.Close)
	return tu
}

// get fetches path and returns the status, headers and body.
func (tu *testUI) get(t testing.TB, path string) (int, http.Header, string) {
	t.Helper()
	resp, err := http.Get(tu.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, resp.Header, string(b)
}

var totalRe = regexp.MustCompile(`<strong id="total">(\d+)</strong>`)

// pageTotal reads the number of matches a page shows.
func pageTotal(t testing.TB, body string) int {
	t.Helper()
	m := totalRe.FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("page shows no total:\n%s", shortBody(body))
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

func shortBody(s string) string {
	if len(s) > 3000 {
		return s[:3000] + "…"
	}
	return s
}

// unescapeHref undoes the HTML escaping of an attribute value.
func unescapeHref(s string) string {
	return strings.NewReplacer("&amp;", "&", "&#43;", "+", "&#39;", "'", "&quot;", `"`).Replace(s)
}

func itoa(n int) string { return strconv.Itoa(n) }

// serve runs one GET through a handler without a listener.
func serve(h http.Handler, path string) *httptest.ResponseRecorder {
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
	return rec
}
