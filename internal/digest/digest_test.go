package digest

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-smtp"

	"github.com/vksnews/vksnews/config"
	"github.com/vksnews/vksnews/internal/article"
	"github.com/vksnews/vksnews/internal/store"
)

var update = flag.Bool("update", false, "rewrite the golden files")

var everything = config.Subscription{To: []string{"analyst@example.org"}}

// fourArticles stores articles in two provinces, one without a province,
// and one first seen before the window.
func fourArticles(t *testing.T, st *store.Store) {
	t.Helper()
	h := func(n int) time.Time { return day0.Add(-time.Duration(n) * time.Hour) }
	put(t, st, art{id: "kh1", title: "VKSND tỉnh Khánh Hòa tổ chức Hội nghị cán bộ, công chức năm 2026", provinceNow: "Khánh Hòa", event: article.EventHoiNghiCanBo, seen: h(3)})
	put(t, st, art{id: "kh2", title: "Trao quyết định bổ nhiệm Phó Viện trưởng", provinceNow: "Khánh Hòa", event: article.EventToChucCanBo, seen: h(2)})
	put(t, st, art{id: "vl1", title: "Phiên tòa rút kinh nghiệm tại Vĩnh Long", provinceNow: "Vĩnh Long", event: article.EventPhienToaRutKinhNghiem, portal: "vinhlong", seen: h(5)})
	put(t, st, art{id: "tc1", title: "Tin hoạt động VKSND địa phương", provinceNow: "", event: article.EventKhac, portal: "vksndtc", seen: h(1)})
	put(t, st, art{id: "old", title: "Bài cũ", provinceNow: "Khánh Hòa", event: article.EventKhac, seen: h(30)})
}

func TestDigestMessage(t *testing.T) {
	mb := &mailbox{}
	st := openStore(t)
	fourArticles(t, st)
	d := newDigest(t, testConfig(startSMTP(t, mb), everything), st, WithBaseURL("https://tin.example.org/"))

	sent, err := d.Run(context.Background(), day0, false, nil)
	if err != nil || sent != 1 {
		t.Fatalf("Run = %d, %v; want 1 sent", sent, err)
	}
	msgs := mb.messages()
	if len(msgs) != 1 {
		t.Fatalf("server received %d messages, want 1", len(msgs))
	}
	if !slices.Equal(msgs[0].To, []string{"analyst@example.org"}) || msgs[0].From != "noreply@example.org" {
		t.Errorf("envelope from %q to %q", msgs[0].From, msgs[0].To)
	}
	p := parse(t, msgs[0].Data)
	if want := "Tin VKSND 22/11/2026: 4 bài mới"; p.Subject != want {
		t.Errorf("decoded subject %q, want %q", p.Subject, want)
	}
	if raw := p.Header.Get("Subject"); !strings.HasPrefix(raw, "=?UTF-8?") {
		t.Errorf("subject header %q is not RFC 2047 encoded", raw)
	}
	// Provinces in order, unknown last, with event groups and counts.
	wantOrder := []string{
		"== Khánh Hòa (2 bài) ==", "-- Hội nghị cán bộ, công chức, người lao động --", "kh1",
		"-- Bổ nhiệm, điều động, luân chuyển cán bộ --", "kh2",
		"== Vĩnh Long (1 bài) ==", "-- Phiên tòa rút kinh nghiệm --", "vl1",
		"== " + UnknownProvince + " (1 bài) ==", "-- Khác --", "tc1",
	}
	rest := p.Text
	for _, w := range wantOrder {
		i := strings.Index(rest, w)
		if i < 0 {
			t.Fatalf("text part lacks %q after the previous items:\n%s", w, p.Text)
		}
		rest = rest[i+len(w):]
	}
	if got := ids(p.Text); !slices.Equal(got, []string{"kh1", "kh2", "vl1", "tc1"}) {
		t.Errorf("linked articles %v, want kh1 kh2 vl1 tc1 (not old)", got)
	}
	for _, w := range []string{"https://tin.example.org/articles/kh1", "Bài gốc: https://vks.example.gov.vn/tin/kh1.html",
		"Đơn vị: VKSND tỉnh Khánh Hòa", "Cán bộ: Nguyễn Văn An (Viện trưởng)", "Ngày: 22/11/2026"} {
		if !strings.Contains(p.Text, w) {
			t.Errorf("text part lacks %q", w)
		}
	}
	for _, w := range []string{`<a href="https://tin.example.org/articles/vl1">Phiên tòa rút kinh nghiệm tại Vĩnh Long</a>`,
		`<h2 style="font-size: 1.15em">Khánh Hòa (2 bài)</h2>`, `<a href="https://vks.example.gov.vn/tin/vl1.html">Bài gốc</a>`} {
		if !strings.Contains(p.HTML, w) {
			t.Errorf("HTML part lacks %q:\n%s", w, p.HTML)
		}
	}
	if w, ok := watermark(t, d, st, 0); !ok || !w.Equal(day0) {
		t.Errorf("watermark %v, %v; want %v", w, ok, day0)
	}
	if s := d.Stats(); s.Sent != 1 || s.Failed != 0 {
		t.Errorf("stats %+v", s)
	}
	golden(t, "digest.golden.txt", p.Text)
}

// golden compares got with testdata/name, rewriting it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if string(want) != strings.ReplaceAll(got, "\r\n", "\n") && string(want) != got {
		t.Errorf("text part differs from %s (run with -update after checking):\n%s", path, got)
	}
}

func TestNeverLoseNeverRepeat(t *testing.T) {
	mb := &mailbox{refuse: errors.New("mailbox unavailable")}
	st := openStore(t)
	fourArticles(t, st)
	d := newDigest(t, testConfig(startSMTP(t, mb), everything), st)
	ctx := context.Background()

	// 1. The server refuses: nothing sent, the watermark stays put.
	if sent, err := d.Run(ctx, day0, false, nil); err == nil || sent != 0 {
		t.Fatalf("Run against a refusing server = %d, %v; want an error", sent, err)
	}
	if _, ok := watermark(t, d, st, 0); ok {
		t.Fatal("watermark moved although the server refused")
	}
	if s := d.Stats(); s.Failed != 1 || s.Sent != 0 {
		t.Errorf("stats after refusal %+v", s)
	}
	mb.set(func(mb *mailbox) { mb.refuse = nil })

	// 2. Next run, an hour later: the same articles, plus one seen meanwhile.
	day1 := day0.Add(time.Hour)
	put(t, st, art{id: "new1", title: "Bài mới trong giờ", provinceNow: "Khánh Hòa", event: article.EventTapHuan, seen: day0.Add(30 * time.Minute)})
	if sent, err := d.Run(ctx, day1, false, nil); err != nil || sent != 1 {
		t.Fatalf("Run after recovery = %d, %v", sent, err)
	}
	got := ids(parse(t, mb.messages()[0].Data).Text)
	slices.Sort(got)
	if want := []string{"kh1", "kh2", "new1", "tc1", "vl1"}; !slices.Equal(got, want) {
		t.Errorf("recovery digest lists %v, want %v", got, want)
	}

	// 3. Right after: nothing new, nothing sent.
	if sent, err := d.Run(ctx, day1.Add(time.Minute), false, nil); err != nil || sent != 0 {
		t.Fatalf("second Run = %d, %v; want nothing sent", sent, err)
	}
	// 4. A later article: only it is sent.
	put(t, st, art{id: "new2", title: "Một bài nữa", provinceNow: "Vĩnh Long", event: article.EventTuyenTruyen, seen: day1.Add(2 * time.Minute)})
	if sent, err := d.Run(ctx, day1.Add(time.Hour), false, nil); err != nil || sent != 1 {
		t.Fatalf("third Run = %d, %v", sent, err)
	}
	msgs := mb.messages()
	if len(msgs) != 2 {
		t.Fatalf("server holds %d messages, want 2", len(msgs))
	}
	if got := ids(parse(t, msgs[1].Data).Text); !slices.Equal(got, []string{"new2"}) {
		t.Errorf("last digest lists %v, want only new2", got)
	}
}

func TestServerDownThenUp(t *testing.T) {
	st := openStore(t)
	fourArticles(t, st)
	down := newDigest(t, testConfig(deadPort(t), everything), st)
	if sent, err := down.Run(context.Background(), day0, false, nil); err == nil || sent != 0 {
		t.Fatalf("Run with the server down = %d, %v; want an error", sent, err)
	}
	if _, ok := watermark(t, down, st, 0); ok {
		t.Fatal("watermark moved although the server was down")
	}
	// The relay comes back (on another port: a new process reads the config).
	mb := &mailbox{}
	up := newDigest(t, testConfig(startSMTP(t, mb), everything), st)
	if sent, err := up.Run(context.Background(), day0.Add(time.Hour), false, nil); err != nil || sent != 1 {
		t.Fatalf("Run with the server up = %d, %v", sent, err)
	}
	if sent, err := up.Run(context.Background(), day0.Add(2*time.Hour), false, nil); err != nil || sent != 0 {
		t.Fatalf("repeat Run = %d, %v; want nothing", sent, err)
	}
	msgs := mb.messages()
	if len(msgs) != 1 {
		t.Fatalf("received %d messages, want 1", len(msgs))
	}
	got := ids(parse(t, msgs[0].Data).Text)
	slices.Sort(got)
	if want := []string{"kh1", "kh2", "tc1", "vl1"}; !slices.Equal(got, want) {
		t.Errorf("digest lists %v, want %v", got, want)
	}
}

func TestTemporaryFailureRetried(t *testing.T) {
	mb := &mailbox{tempFails: 1}
	st := openStore(t)
	fourArticles(t, st)
	d := newDigest(t, testConfig(startSMTP(t, mb), everything), st)
	if sent, err := d.Run(context.Background(), day0, false, nil); err != nil || sent != 1 {
		t.Fatalf("Run = %d, %v; want the 451 retried and the message sent", sent, err)
	}
	mb.mu.Lock()
	calls, n := mb.dataCalls, len(mb.msgs)
	mb.mu.Unlock()
	if calls != 2 || n != 1 {
		t.Errorf("DATA %d times, %d accepted; want 2 and 1", calls, n)
	}
}

func TestPermanentFailureNotRetried(t *testing.T) {
	mb := &mailbox{refuse: &smtp.SMTPError{Code: 554, EnhancedCode: smtp.EnhancedCode{5, 7, 1}, Message: "rejected"}}
	st := openStore(t)
	fourArticles(t, st)
	d := newDigest(t, testConfig(startSMTP(t, mb), everything), st)
	if _, err := d.Run(context.Background(), day0, false, nil); err == nil || !strings.Contains(err.Error(), "rejected") {
		t.Fatalf("Run = %v, want the 554 reported", err)
	}
	mb.mu.Lock()
	calls := mb.dataCalls
	mb.mu.Unlock()
	if calls != 1 {
		t.Errorf("DATA %d times, want 1: a 5xx is not retried", calls)
	}
}

func TestSubscriptionFilters(t *testing.T) {
	mb := &mailbox{}
	st := openStore(t)
	fourArticles(t, st)
	subs := []config.Subscription{
		{To: []string{"kh@example.org"}, Filters: map[string]string{"province_now": "khanh hoa"}},
		{To: []string{"ptrkn@example.org"}, Filters: map[string]string{"event_type": article.EventPhienToaRutKinhNghiem}},
		{To: []string{"none@example.org"}, Filters: map[string]string{"portal": "haugiang"}},
		everything,
	}
	d := newDigest(t, testConfig(startSMTP(t, mb), subs...), st)
	if sent, err := d.Run(context.Background(), day0, false, nil); err != nil || sent != 3 {
		t.Fatalf("Run = %d, %v; want 3 sent (the haugiang one has nothing)", sent, err)
	}
	want := map[string][]string{
		"kh@example.org":      {"kh1", "kh2"},
		"ptrkn@example.org":   {"vl1"},
		"analyst@example.org": {"kh1", "kh2", "vl1", "tc1"},
	}
	for _, m := range mb.messages() {
		p := parse(t, m.Data)
		w, ok := want[m.To[0]]
		if !ok {
			t.Errorf("unexpected message to %v", m.To)
			continue
		}
		if got := ids(p.Text); !slices.Equal(got, w) {
			t.Errorf("digest to %s lists %v, want %v", m.To[0], got, w)
		}
		if !strings.Contains(p.Subject, ": "+string(rune('0'+len(w)))+" bài mới") {
			t.Errorf("digest to %s: subject %q does not count %d", m.To[0], p.Subject, len(w))
		}
		delete(want, m.To[0])
	}
	if len(want) != 0 {
		t.Errorf("no digest for %v", want)
	}
	if _, ok := watermark(t, d, st, 2); ok {
		t.Error("the empty subscription's watermark moved although nothing was sent")
	}
	if s := d.Stats(); s.Sent != 3 || s.Empty != 1 {
		t.Errorf("stats %+v, want 3 sent, 1 empty", s)
	}
}

func TestHeaderInjection(t *testing.T) {
	mb := &mailbox{}
	st := openStore(t)
	evil := "Tin nóng\r\nBcc: thief@evil.example\r\nSubject: pwned\r\n\r\n<script>alert(1)</script>"
	put(t, st, art{id: "evil", title: evil, provinceNow: "Khánh Hòa\r\nX-Evil: 1", event: article.EventKhac, seen: day0.Add(-time.Hour)})
	d := newDigest(t, testConfig(startSMTP(t, mb), everything), st)
	if _, err := d.Run(context.Background(), day0, false, nil); err != nil {
		t.Fatal(err)
	}
	msgs := mb.messages()
	if len(msgs) != 1 {
		t.Fatalf("received %d messages", len(msgs))
	}
	if !slices.Equal(msgs[0].To, []string{"analyst@example.org"}) {
		t.Errorf("envelope recipients %v: the title added one", msgs[0].To)
	}
	p := parse(t, msgs[0].Data)
	for _, h := range []string{"Bcc", "X-Evil"} {
		if v, ok := p.Header[h]; ok {
			t.Errorf("header %s: %v injected", h, v)
		}
	}
	if len(p.Header["Subject"]) != 1 || p.Subject != "Tin VKSND 22/11/2026: 1 bài mới" {
		t.Errorf("subject headers %v", p.Header["Subject"])
	}
	if strings.Contains(p.HTML, "<script>") || !strings.Contains(p.HTML, "&lt;script&gt;") {
		t.Error("the title's markup is not escaped in the HTML part")
	}
	if !strings.Contains(p.Text, "* Tin nóng Bcc: thief@evil.example Subject: pwned <script>alert(1)</script>") {
		t.Errorf("title not flattened to one line in the text part:\n%s", p.Text)
	}
}

func TestSendEmpty(t *testing.T) {
	mb := &mailbox{}
	st := openStore(t)
	quiet := config.Subscription{To: []string{"quiet@example.org"}}
	chatty := config.Subscription{To: []string{"chatty@example.org"}, SendEmpty: true}
	if err := st.PutPortalState(store.PortalState{Portal: "haugiang", LastRun: day0.Add(-time.Hour), Status: "failed", LastError: "dial tcp: connection refused"}); err != nil {
		t.Fatal(err)
	}
	d := newDigest(t, testConfig(startSMTP(t, mb), quiet, chatty), st)
	if sent, err := d.Run(context.Background(), day0, false, nil); err != nil || sent != 1 {
		t.Fatalf("Run = %d, %v; want only the send_empty subscription", sent, err)
	}
	msgs := mb.messages()
	if len(msgs) != 1 || msgs[0].To[0] != "chatty@example.org" {
		t.Fatalf("messages %v", msgs)
	}
	p := parse(t, msgs[0].Data)
	if p.Subject != "Tin VKSND 22/11/2026: không có bài mới" {
		t.Errorf("subject %q", p.Subject)
	}
	if !strings.Contains(p.Text, "Không có bài mới từ 21/11/2026 07:00 đến 22/11/2026 07:00.") {
		t.Errorf("no one-line notice:\n%s", p.Text)
	}
	if !strings.Contains(p.Text, "- haugiang (22/11/2026 06:00): dial tcp: connection refused") {
		t.Errorf("failed portal not listed:\n%s", p.Text)
	}
}

func TestFailedPortalsSinceLastDigest(t *testing.T) {
	st := openStore(t)
	fourArticles(t, st)
	for _, ps := range []store.PortalState{
		{Portal: "haugiang", LastRun: day0.Add(-time.Hour), Status: "failed", LastError: "HTTP 503"},
		{Portal: "travinh", LastRun: day0.Add(-48 * time.Hour), Status: "failed", LastError: "too old"},
		{Portal: "vksndtc", LastRun: day0.Add(-time.Hour), Status: "ok"},
	} {
		if err := st.PutPortalState(ps); err != nil {
			t.Fatal(err)
		}
	}
	d := newDigest(t, testConfig(deadPort(t), everything), st)
	m, ok, err := d.Build(context.Background(), 0, day0)
	if err != nil || !ok {
		t.Fatalf("Build = %v, %v", ok, err)
	}
	if m.Failures != 1 || !strings.Contains(m.Text, "haugiang") || strings.Contains(m.Text, "travinh") {
		t.Errorf("failures %d; text:\n%s", m.Failures, m.Text)
	}
}

func TestDryRun(t *testing.T) {
	mb := &mailbox{}
	st := openStore(t)
	fourArticles(t, st)
	d := newDigest(t, testConfig(startSMTP(t, mb), everything, everything), st)
	var out bytes.Buffer
	n, err := d.Run(context.Background(), day0, true, &out)
	if err != nil || n != 2 {
		t.Fatalf("dry Run = %d, %v", n, err)
	}
	if len(mb.messages()) != 0 {
		t.Error("dry run sent mail")
	}
	if _, ok := watermark(t, d, st, 0); ok {
		t.Error("dry run moved the watermark")
	}
	s := out.String()
	for _, w := range []string{"Subject: =?UTF-8?", "Content-Type: text/plain", "Content-Type: text/html", "To: <analyst@example.org>"} {
		if strings.Count(s, w) != 2 {
			t.Errorf("dry-run output has %q %d times, want 2", w, strings.Count(s, w))
		}
	}
	// A real run afterwards still sends everything.
	if n, err := d.RunSubscription(context.Background(), 0, day0, false, nil); err != nil || !n {
		t.Fatalf("real run after dry run = %v, %v", n, err)
	}
}

func TestAuth(t *testing.T) {
	for _, tt := range []struct {
		name, pass string
		ok         bool
	}{{"right password", "s3cret", true}, {"wrong password", "guess", false}} {
		t.Run(tt.name, func(t *testing.T) {
			mb := &mailbox{user: "vksnews", pass: "s3cret"}
			st := openStore(t)
			fourArticles(t, st)
			cfg := testConfig(startSMTP(t, mb), everything)
			cfg.Digest.SMTP.Username = "vksnews"
			d := newDigest(t, cfg, st, WithEnviron([]string{"HOME=/root", "VKSNEWS_SMTP_PASSWORD=" + tt.pass}))
			sent, err := d.Run(context.Background(), day0, false, nil)
			if tt.ok != (err == nil && sent == 1) {
				t.Fatalf("Run = %d, %v", sent, err)
			}
			if _, moved := watermark(t, d, st, 0); moved != tt.ok {
				t.Errorf("watermark moved = %v, want %v", moved, tt.ok)
			}
		})
	}
}

func TestStoreSourceRefusesQueries(t *testing.T) {
	st := openStore(t)
	_, err := StoreSource{Archive: st}.Articles(context.Background(), day0.Add(-time.Hour), day0, "khánh hòa", everythingFilters)
	if !errors.Is(err, ErrQueryUnsupported) {
		t.Errorf("query on the store source = %v, want ErrQueryUnsupported", err)
	}
	cfg := testConfig(deadPort(t), config.Subscription{To: []string{"a@example.org"}, Query: "tập huấn"})
	d := newDigest(t, cfg, st)
	if _, err := d.Run(context.Background(), day0, false, nil); !errors.Is(err, ErrQueryUnsupported) {
		t.Errorf("Run of a query subscription over the store = %v, want ErrQueryUnsupported", err)
	}
}
