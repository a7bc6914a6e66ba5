package digest

import (
	"bytes"
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/vksnews/vksnews/internal/article"
	"github.com/vksnews/vksnews/internal/store"
)

func savedList(st *store.Store) func(context.Context) ([]store.SavedSearch, error) {
	return func(context.Context) ([]store.SavedSearch, error) { return st.SavedSearches() }
}

func TestSavedSearchAlertsAndDigests(t *testing.T) {
	mb := &mailbox{}
	st := openStore(t)
	ctx := context.Background()
	saved := day0.Add(-10 * time.Hour)
	alert, err := st.PutSavedSearch(store.SavedSearch{Name: "Khánh Hòa", Filters: map[string]string{"province_now": "khanh hoa"},
		Delivery: store.DeliveryAlert, Recipients: []string{"alert@example.org"}}, saved)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.PutSavedSearch(store.SavedSearch{Name: "Vĩnh Long hằng ngày", Filters: map[string]string{"province_now": "Vĩnh Long"},
		Delivery: store.DeliveryDigest, Recipients: []string{"daily@example.org"}}, saved); err != nil {
		t.Fatal(err)
	}
	if _, err := st.PutSavedSearch(store.SavedSearch{Name: "chỉ feed", Delivery: store.DeliveryFeed}, saved); err != nil {
		t.Fatal(err)
	}
	// Seen before the alert was saved: never alerted, though within digest.since.
	put(t, st, art{id: "before", title: "Bài trước khi lưu", provinceNow: "Khánh Hòa", event: article.EventKhac, seen: saved.Add(-time.Hour)})
	put(t, st, art{id: "kh1", title: "Tin Khánh Hòa mới", provinceNow: "Khánh Hòa", event: article.EventKhac, seen: saved.Add(time.Hour)})
	put(t, st, art{id: "vl1", title: "Tin Vĩnh Long mới", provinceNow: "Vĩnh Long", event: article.EventKhac, portal: "vinhlong", seen: saved.Add(time.Hour)})

	d := newDigest(t, testConfig(startSMTP(t, mb), everything), st, WithSavedSearches(savedList(st)))
	// A crawl ends: the alert goes out with the one new match.
	if n, err := d.RunAlerts(ctx, saved.Add(2*time.Hour)); err != nil || n != 1 {
		t.Fatalf("RunAlerts = %d, %v; want 1", n, err)
	}
	msgs := mb.messages()
	if len(msgs) != 1 || !slices.Equal(msgs[0].To, []string{"alert@example.org"}) {
		t.Fatalf("alerts received: %+v", msgs)
	}
	p := parse(t, msgs[0].Data)
	if !strings.HasPrefix(p.Subject, "Khánh Hòa — ") || !strings.Contains(p.Text, "Tin Khánh Hòa mới") || strings.Contains(p.Text, "Bài trước khi lưu") {
		t.Errorf("alert subject %q, text:\n%s", p.Subject, p.Text)
	}
	// The next crawl finds nothing new: no second alert (never twice).
	if n, err := d.RunAlerts(ctx, saved.Add(3*time.Hour)); err != nil || n != 0 {
		t.Errorf("second RunAlerts = %d, %v; want 0", n, err)
	}
	// A new match later is alerted alone.
	put(t, st, art{id: "kh2", title: "Tin Khánh Hòa sau", provinceNow: "Khánh Hòa", event: article.EventKhac, seen: saved.Add(4 * time.Hour)})
	if n, err := d.RunAlerts(ctx, saved.Add(5*time.Hour)); err != nil || n != 1 {
		t.Fatalf("third RunAlerts = %d, %v; want 1", n, err)
	}
	if p := parse(t, mb.messages()[1].Data); !strings.Contains(p.Text, "Tin Khánh Hòa sau") || strings.Contains(p.Text, "Tin Khánh Hòa mới") {
		t.Errorf("third alert text:\n%s", p.Text)
	}

	// The daily digest: the config subscription and the digest saved
	// search, not the alert or the feed.
	mb.set(func(mb *mailbox) { mb.msgs = nil })
	if n, err := d.Run(ctx, day0, false, nil); err != nil || n != 2 {
		t.Fatalf("Run = %d, %v; want 2", n, err)
	}
	var daily *parsed
	for _, m := range mb.messages() {
		if slices.Equal(m.To, []string{"daily@example.org"}) {
			p := parse(t, m.Data)
			daily = &p
		}
	}
	if daily == nil || !strings.Contains(daily.Text, "Tin Vĩnh Long mới") || strings.Contains(daily.Text, "Khánh Hòa mới") {
		t.Fatalf("saved digest: %+v", daily)
	}
	if n, err := d.Run(ctx, day0.Add(time.Minute), false, nil); err != nil || n != 0 {
		t.Errorf("second Run = %d, %v; want 0 (watermarks moved)", n, err)
	}
	// Editing the alert's search starts it afresh (a new watermark).
	alert.Filters = map[string]string{"province_now": "Vĩnh Long"}
	if _, err := st.PutSavedSearch(alert, day0); err != nil {
		t.Fatal(err)
	}
	if n, err := d.RunAlerts(ctx, day0.Add(2*time.Minute)); err != nil || n != 1 {
		t.Errorf("RunAlerts after edit = %d, %v; want 1", n, err)
	}
}

func TestReadableDryRun(t *testing.T) {
	mb := &mailbox{}
	st := openStore(t)
	fourArticles(t, st)
	d := newDigest(t, testConfig(startSMTP(t, mb), everything), st, WithReadableDryRun())
	var out bytes.Buffer
	if n, err := d.Run(context.Background(), day0, true, &out); err != nil || n != 1 {
		t.Fatalf("dry Run = %d, %v", n, err)
	}
	s := out.String()
	for _, w := range []string{"To: analyst@example.org", "Subject: Tin VKSND 22/11/2026: 4 bài mới", "VKSND tỉnh Khánh Hòa tổ chức Hội nghị cán bộ"} {
		if !strings.Contains(s, w) {
			t.Errorf("readable dry run lacks %q:\n%s", w, s)
		}
	}
	if strings.Contains(s, "=?UTF-8?") || strings.Contains(s, "=C3") || strings.Contains(s, "Content-Transfer-Encoding") {
		t.Errorf("readable dry run is still encoded:\n%s", s)
	}
}

func TestOldArticlesMarkedAndFilteredOut(t *testing.T) {
	mb := &mailbox{}
	st := openStore(t)
	x := put(t, st, art{id: "old2021", title: "Bài năm 2021 mới thu thập", provinceNow: "Khánh Hòa", event: article.EventKhac, seen: day0.Add(-time.Hour)})
	pub := time.Date(2021, 3, 5, 9, 0, 0, 0, hcm)
	x.Published = &pub
	if err := st.UpdateArticle(x); err != nil {
		t.Fatal(err)
	}
	put(t, st, art{id: "new", title: "Bài mới thật", provinceNow: "Khánh Hòa", event: article.EventKhac, seen: day0.Add(-time.Hour)})
	since := everything
	since.Filters = map[string]string{"from": "2026-01-01"} // leave out what was published before 2026
	d := newDigest(t, testConfig(startSMTP(t, mb), everything, since), st)
	if n, err := d.Run(context.Background(), day0, false, nil); err != nil || n != 2 {
		t.Fatalf("Run = %d, %v", n, err)
	}
	all, filtered := parse(t, mb.messages()[0].Data), parse(t, mb.messages()[1].Data)
	if !strings.Contains(all.Text, "Bài đăng từ 05/03/2021, nay mới thu thập được") || strings.Count(all.Text, "nay mới thu thập") != 1 {
		t.Errorf("old article not marked:\n%s", all.Text)
	}
	if strings.Contains(filtered.Text, "Bài năm 2021") || !strings.Contains(filtered.Text, "Bài mới thật") {
		t.Errorf("from filter kept the old article:\n%s", filtered.Text)
	}
}

func TestLastSent(t *testing.T) {
	mb := &mailbox{}
	st := openStore(t)
	fourArticles(t, st)
	d := newDigest(t, testConfig(startSMTP(t, mb), everything), st)
	if _, ok, err := d.LastSent(0); ok || err != nil {
		t.Fatalf("before any send: %v %v", ok, err)
	}
	if n, err := d.Run(context.Background(), day0, false, nil); err != nil || n != 1 {
		t.Fatal(n, err)
	}
	last, ok, err := d.LastSent(0)
	if err != nil || !ok || last.Subject != "Tin VKSND 22/11/2026: 4 bài mới" || !strings.Contains(last.Text, "Khánh Hòa") ||
		!strings.Contains(last.HTML, "<") || !last.At.Equal(day0) || last.Articles != 4 {
		t.Errorf("last sent: %+v %v %v", last, ok, err)
	}
	if _, _, err := d.LastSent(5); err == nil {
		t.Error("no error for an unknown subscription")
	}
}
