package web

import (
	"context"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"
)

// TestUIErrorsInVietnamese: a bad search shows a Vietnamese sentence, no
// English parser text.
func TestUIErrorsInVietnamese(t *testing.T) {
	tu := newTestUI(t, 20)
	english := regexp.MustCompile(`bad search request|unbalanced|unknown|want |parse date|before from`)
	tests := []struct{ q, want string }{
		{"q=%22unbalanced", "Thiếu dấu ngoặc kép đóng"},
		{"from=2024-02-31", "Ngày không hợp lệ"},
		{"level=xa", `Cấp "xa" không tồn tại`},
		{"mentions_level=xa", `Cấp "xa" không tồn tại`},
		{"province_now=Atlantis", `Không có tỉnh/thành tên "Atlantis"`},
		{"from=2024-05-01&to=2024-04-01", "trước ngày bắt đầu"},
		{"sort=random", "Cách sắp xếp không hợp lệ"},
		{"q=a+-", `Dấu "-" ở cuối`},
	}
	for _, tt := range tests {
		code, _, body := tu.get(t, "/?"+tt.q)
		i := strings.Index(body, `class="error" role="alert"`)
		if code != http.StatusBadRequest || i < 0 {
			t.Errorf("%s: %d, no error", tt.q, code)
			continue
		}
		msg := html.UnescapeString(body[i : i+strings.Index(body[i:], "</p>")])
		if !strings.Contains(msg, tt.want) || english.MatchString(msg) {
			t.Errorf("%s: error %q, want Vietnamese %q", tt.q, msg, tt.want)
		}
	}
	// The 404 page says "not found".
	code, _, body := tu.get(t, "/no/such/page")
	if code != http.StatusNotFound || !strings.Contains(body, "<h1>Không tìm thấy</h1>") {
		t.Errorf("404: %d %.300s", code, body)
	}
}

func TestExclusionHint(t *testing.T) {
	tests := []struct{ q, want string }{
		{"-tập huấn", `-"tập huấn"`},
		{"kiểm sát -tập huấn", `-"tập huấn"`},
		{`-"tập huấn"`, ""},
		{"a -b", ""},
		{"-a OR b", ""},
		{"covid-19 x", ""},
	}
	for _, tt := range tests {
		got := exclusionHint(tt.q)
		if (tt.want == "") != (got == "") || !strings.Contains(got, tt.want) {
			t.Errorf("exclusionHint(%q) = %q, want containing %q", tt.q, got, tt.want)
		}
	}
}

func TestAPIDocsAndCodes(t *testing.T) {
	tu := newTestUI(t, 5)
	code, _, body := tu.get(t, "/api/docs")
	if code != 200 {
		t.Fatalf("docs: %d", code)
	}
	for _, want := range []string{"<code>GET /api/search</code>", "<code>POST /api/saved-searches</code>", "<code>DELETE /api/saved-searches/{id}</code>",
		"<code>mentions_level</code>", "<code>tap_huan</code> (Tập huấn", "Authorization: Bearer"} {
		if !strings.Contains(html.UnescapeString(body), want) {
			t.Errorf("docs lack %q", want)
		}
	}
	code, _, body = tu.get(t, "/api/codes")
	if code != 200 || !strings.Contains(body, `{"code":"toi_cao","label":"VKSND tối cao"}`) || !strings.Contains(body, `"event_type":[`) {
		t.Errorf("codes: %d %.300s", code, body)
	}
}

func TestDigestsPageShowsHTMLPart(t *testing.T) {
	tu := newTestUI(t, 5)
	tu.srv.SubscriptionNames = func() []string {
		return []string{"a@example.org — mọi bài mới", "b@example.org — province_now=Khánh Hòa"}
	}
	_, _, body := tu.get(t, "/digests")
	if !strings.Contains(body, `<iframe class="mailhtml" sandbox=""`) || strings.Contains(body, "<script>") {
		t.Errorf("digests page: no sandboxed HTML part, or a script:\n%.2000s", body)
	}
	if !strings.Contains(body, `<option value="1">b@example.org — province_now=Khánh Hòa</option>`) {
		t.Error("subscriptions are not picked by name")
	}
}

func TestDatePresets(t *testing.T) {
	now := time.Date(2026, 12, 3, 10, 0, 0, 0, vietnam)
	ps := datePresets(newSearchState(url.Values{"q": {"tập huấn"}}), now)
	want := []string{"/?from=2026-11-27&q=t%E1%BA%ADp+hu%E1%BA%A5n&to=2026-12-03", "/?from=2026-11-04&q=t%E1%BA%ADp+hu%E1%BA%A5n&to=2026-12-03",
		"/?from=2026-01-01&q=t%E1%BA%ADp+hu%E1%BA%A5n&to=2026-12-03"}
	for i, p := range ps {
		if p.URL != want[i] || p.Active {
			t.Errorf("preset %s: %s (active %v), want %s", p.Label, p.URL, p.Active, want[i])
		}
	}
	if ps := datePresets(newSearchState(url.Values{"from": {"2026-01-01"}, "to": {"2026-12-03"}}), now); !ps[2].Active {
		t.Error("this year's preset is not marked active")
	}
}

func TestSourcesCrawlNow(t *testing.T) {
	tu := newTestUI(t, 5)
	if _, _, body := tu.get(t, "/sources"); strings.Contains(body, "crawl-now") {
		t.Error("crawl button shown without an admin token")
	}
	crawls := 0
	tu.srv.AdminToken = "s3cret"
	tu.srv.StartCrawl = func() error { crawls++; return nil }
	if _, _, body := tu.get(t, "/sources"); !strings.Contains(body, `id="crawl-now"`) || !strings.Contains(body, "VKSND tỉnh Khánh Hòa") {
		t.Error("no crawl button with an admin token")
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	post := func(token string) int {
		resp, err := client.PostForm(tu.URL+"/sources/crawl", url.Values{"token": {token}})
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	if code := post("wrong"); code != http.StatusUnauthorized || crawls != 0 {
		t.Errorf("wrong token: %d, %d crawls", code, crawls)
	}
	if code := post("s3cret"); code != http.StatusSeeOther || crawls != 1 {
		t.Errorf("crawl now: %d, %d crawls", code, crawls)
	}
	renorms := 0
	tu.srv.StartRenormalize = func() error { renorms++; return ErrCrawlRunning }
	resp, err := client.PostForm(tu.URL+"/sources/renormalize", url.Values{"token": {"s3cret"}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/sources?done=busy" || renorms != 1 {
		t.Errorf("renormalize while busy: %d %s, %d calls", resp.StatusCode, resp.Header.Get("Location"), renorms)
	}
	if _, _, body := tu.get(t, "/sources?done=busy"); !strings.Contains(body, `id="renormalize"`) || !strings.Contains(body, "đang chạy") {
		t.Error("no re-normalize button or busy notice")
	}
}

func TestPreviewShowsNextAndLast(t *testing.T) {
	tu := newTestUI(t, 5)
	_, _, body := tu.get(t, "/digests/preview?sub=0")
	if !strings.Contains(body, "Bản tin sắp gửi") || !strings.Contains(body, "chưa gửi bản tin nào") {
		t.Errorf("preview without a last digest:\n%.1500s", body)
	}
	sent := time.Date(2026, 11, 22, 7, 0, 0, 0, vietnam)
	tu.srv.DigestLast = func(context.Context, int) (time.Time, string, string, string, bool, error) {
		return sent, "Tin VKSND 22/11/2026: 3 bài mới", "ba bài", "<p>ba bài</p>", true, nil
	}
	_, _, body = tu.get(t, "/digests/preview?sub=0")
	if !strings.Contains(body, "Bản tin đã gửi gần nhất (07:00 22/11/2026)") || !strings.Contains(body, "Tin VKSND 22/11/2026: 3 bài mới") {
		t.Errorf("preview lacks the last digest:\n%.3000s", body)
	}
}
