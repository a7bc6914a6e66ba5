package store

import (
	"bytes"
	"errors"
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/vksnews/vksnews/internal/article"
)

var t0 = time.Date(2026, 2, 4, 8, 0, 0, 0, time.UTC)

func openTemp(t testing.TB) *Store {
	t.Helper()
	s, err := Open(filepath.Join(t.TempDir(), "sub", "vksnews.db"), time.Second)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// sample returns the page, Raw and Article of article n of portal.
func sample(portal string, n int) ([]byte, article.Raw, article.Article) {
	canon := fmt.Sprintf("https://%s.example.gov.vn/vi/news/tin-%d.html", portal, n)
	pub := time.Date(2026, 2, 4, 0, 0, 0, 0, time.FixedZone("ICT", 7*3600))
	body := fmt.Sprintf("Ngày 04 tháng 02 năm 2026, Viện kiểm sát nhân dân khu vực %d tổ chức Hội nghị công chức.", n)
	raw := article.Raw{
		URL: canon + "?utm=rss", CanonicalURL: canon, Portal: portal,
		Title: fmt.Sprintf("Hội nghị số %d", n), Published: "04/02/2026",
		BodyHTML: "<p>" + body + "</p>", BodyText: body, FetchedAt: t0, Status: 200,
	}
	a := article.Article{
		ID: article.IDFor(canon), URL: canon, Portal: portal, Title: raw.Title,
		Published: &pub, Body: body, FetchedAt: t0,
		Unit:       article.Unit{Name: "VKSND khu vực 1 - Khánh Hòa", Level: article.LevelKhuVuc, Province: "Khánh Hòa", ProvinceNow: "Khánh Hòa"},
		EventTypes: []string{article.EventHoiNghiCanBo},
		// As normalize builds them, and as JSON gives them back: [] not nil.
		Units: []article.Unit{}, Officials: []article.Official{}, Sections: []article.Section{},
	}
	page := []byte("<html><head><title>" + raw.Title + "</title></head><body>" +
		strings.Repeat(raw.BodyHTML, 20) + "</body></html>")
	return page, raw, a
}

func TestPutGetRoundTrip(t *testing.T) {
	s := openTemp(t)
	page, raw, a := sample("khanhhoa", 1)
	out, err := s.Put(page, raw, a, t0)
	if err != nil || out != New {
		t.Fatalf("Put = %v, %v; want new", out, err)
	}
	rec, ok, err := s.Get(a.ID)
	if err != nil || !ok {
		t.Fatalf("Get = %v, %v", ok, err)
	}
	hash, _ := article.ContentHash(a)
	want := Record{Raw: raw, Article: a, FirstSeen: t0, LastSeen: t0, Hash: hash, Seq: 1}
	// JSON drops the monotonic clock and keeps the zone by offset: compare
	// times by instant.
	if !rec.Article.Published.Equal(*a.Published) {
		t.Errorf("published = %v, want %v", rec.Article.Published, a.Published)
	}
	rec.Article.Published, want.Article.Published = nil, nil
	if !reflect.DeepEqual(rec, want) {
		t.Errorf("Get:\n got %+v\nwant %+v", rec, want)
	}
	got, err := s.RawPage(a.ID)
	if err != nil || !bytes.Equal(got, page) {
		t.Errorf("RawPage = %d bytes, %v; want the %d bytes put", len(got), err, len(page))
	}
	if _, ok, err := s.Get("nope"); ok || err != nil {
		t.Errorf("Get(nope) = %v, %v", ok, err)
	}
	if _, err := s.RawPage("nope"); !errors.Is(err, ErrNotFound) {
		t.Errorf("RawPage(nope) err = %v, want ErrNotFound", err)
	}
}

func TestOutcomes(t *testing.T) {
	s := openTemp(t)
	page, raw, a := sample("khanhhoa", 1)
	step := func(name string, page []byte, raw article.Raw, a article.Article, at time.Time, want Outcome) {
		t.Helper()
		got, err := s.Put(page, raw, a, at)
		if err != nil || got != want {
			t.Fatalf("%s: Put = %v, %v; want %v", name, got, err, want)
		}
	}
	step("first", page, raw, a, t0, New)
	// Refetched later: only FetchedAt changed.
	a2 := a
	a2.FetchedAt = t0.Add(time.Hour)
	step("refetch", page, raw, a2, t0.Add(time.Hour), Unchanged)
	// The portal corrected the body.
	a3 := a
	a3.Body += " Đã sửa."
	page3 := append(bytes.Clone(page), "<!-- v3 -->"...)
	step("edit", page3, raw, a3, t0.Add(2*time.Hour), Updated)
	// An extraction that lost the title, the body or the date is worse.
	for _, broken := range []func(*article.Article){
		func(b *article.Article) { b.Title = "" },
		func(b *article.Article) { b.Body = "" },
		func(b *article.Article) { b.Published = nil },
	} {
		b := a3
		broken(&b)
		step("worse", []byte("<html>error</html>"), raw, b, t0.Add(3*time.Hour), Kept)
	}
	rec, _, err := s.Get(a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if rec.Article.Body != a3.Body || rec.Article.Title != a3.Title || rec.Article.Published == nil {
		t.Errorf("stored article = %+v, want the edited one", rec.Article)
	}
	if !rec.FirstSeen.Equal(t0) || !rec.LastSeen.Equal(t0.Add(3*time.Hour)) {
		t.Errorf("seen %v .. %v, want %v .. %v", rec.FirstSeen, rec.LastSeen, t0, t0.Add(3*time.Hour))
	}
	if got, _ := s.RawPage(a.ID); !bytes.Equal(got, page3) {
		t.Errorf("raw page = %q..., want the page of the edit", got[:min(40, len(got))])
	}
	if n, _ := s.Count(); n != 1 {
		t.Errorf("Count = %d, want 1", n)
	}
	for _, o := range []Outcome{New, Updated, Unchanged, Kept} {
		if o.String() == "" || strings.HasPrefix(o.String(), "Outcome(") {
			t.Errorf("Outcome %d has no name", int(o))
		}
	}
}

func TestPutRejects(t *testing.T) {
	s := openTemp(t)
	page, raw, a := sample("khanhhoa", 1)
	noID := a
	noID.ID = ""
	if _, err := s.Put(page, raw, noID, t0); err == nil {
		t.Error("article without ID accepted")
	}
	noPortal, rawNoPortal := a, raw
	noPortal.Portal, rawNoPortal.Portal = "", ""
	if _, err := s.Put(page, rawNoPortal, noPortal, t0); err == nil {
		t.Error("article without portal accepted")
	}
	badDate := a
	y := time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)
	badDate.Published = &y
	if _, err := s.Put(page, raw, badDate, t0); err == nil {
		t.Error("unencodable date accepted")
	}
	if n, _ := s.Count(); n != 0 {
		t.Errorf("Count = %d after rejected puts", n)
	}
	if err := s.UpdateArticle(a); !errors.Is(err, ErrNotFound) {
		t.Errorf("UpdateArticle of a missing article: %v, want ErrNotFound", err)
	}
}

func TestURLLookups(t *testing.T) {
	s := openTemp(t)
	page, raw, a := sample("danang", 7)
	if s.Known(raw.CanonicalURL) {
		t.Fatal("Known before Put")
	}
	if _, err := s.Put(page, raw, a, t0); err != nil {
		t.Fatal(err)
	}
	for _, u := range []string{raw.CanonicalURL, raw.URL, raw.CanonicalURL + "#comments", " " + raw.URL} {
		id, ok, err := s.IDForURL(u)
		if err != nil || !ok || id != a.ID {
			t.Errorf("IDForURL(%q) = %q, %v, %v; want %q", u, id, ok, err, a.ID)
		}
		if !s.Known(u) {
			t.Errorf("Known(%q) = false", u)
		}
	}
	for _, u := range []string{"", "https://danang.example.gov.vn/vi/news/tin-8.html"} {
		if s.Known(u) {
			t.Errorf("Known(%q) = true", u)
		}
	}
	// The same article found again through another fetched URL.
	raw.URL = "https://danang.example.gov.vn/index.php?nv=news&id=7"
	if out, err := s.Put(page, raw, a, t0); err != nil || out != Unchanged {
		t.Fatalf("Put = %v, %v", out, err)
	}
	if !s.Known(raw.URL) {
		t.Error("second fetched URL not indexed")
	}
}

func TestForEachOrderAndPortals(t *testing.T) {
	s := openTemp(t)
	// More than one iteration chunk, over three portals.
	perPortal := map[string]int{"khanhhoa": 300, "danang": 150, "vksndtc": 1}
	for p, n := range perPortal {
		for i := range n {
			page, raw, a := sample(p, i)
			if _, err := s.Put(page, raw, a, t0); err != nil {
				t.Fatal(err)
			}
		}
	}
	var ids []string
	if err := s.ForEach(func(r Record) error { ids = append(ids, r.Article.ID); return nil }); err != nil {
		t.Fatal(err)
	}
	if len(ids) != 451 {
		t.Fatalf("ForEach saw %d records, want 451", len(ids))
	}
	for i := 1; i < len(ids); i++ {
		if ids[i-1] >= ids[i] {
			t.Fatalf("ForEach out of order at %d: %s then %s", i, ids[i-1], ids[i])
		}
	}
	if n, _ := s.Count(); n != 451 {
		t.Errorf("Count = %d, want 451", n)
	}
	for p, want := range perPortal {
		got, last := 0, ""
		err := s.ForEachPortal(p, func(r Record) error {
			if r.Article.Portal != p || r.Article.ID <= last {
				return fmt.Errorf("record %s of %s out of place", r.Article.ID, r.Article.Portal)
			}
			got, last = got+1, r.Article.ID
			return nil
		})
		if err != nil || got != want {
			t.Errorf("ForEachPortal(%s) = %d, %v; want %d", p, got, err, want)
		}
		st, ok, err := s.PortalState(p)
		if err != nil || !ok || st.Articles != want {
			t.Errorf("PortalState(%s) = %+v, %v, %v; want %d articles", p, st, ok, err, want)
		}
	}
	// fn's error stops the walk and comes back unchanged.
	stop := errors.New("stop")
	n := 0
	if err := s.ForEach(func(Record) error { n++; return stop }); err != stop || n != 1 {
		t.Errorf("ForEach error = %v after %d calls", err, n)
	}
	// "khanhhoa" is a prefix of no other portal, but "danang" must not see
	// the articles of "danang-cu".
	page, raw, a := sample("danang-cu", 1)
	if _, err := s.Put(page, raw, a, t0); err != nil {
		t.Fatal(err)
	}
	got := 0
	if err := s.ForEachPortal("danang", func(Record) error { got++; return nil }); err != nil || got != 150 {
		t.Errorf("ForEachPortal(danang) = %d, %v after adding danang-cu", got, err)
	}
}

func TestUpdateArticleMovesPortal(t *testing.T) {
	s := openTemp(t)
	page, raw, a := sample("baovephapluat", 1)
	if _, err := s.Put(page, raw, a, t0); err != nil {
		t.Fatal(err)
	}
	a.Portal = "kiemsat"
	a.EventTypes = []string{article.EventTapHuan}
	if err := s.UpdateArticle(a); err != nil {
		t.Fatal(err)
	}
	rec, _, _ := s.Get(a.ID)
	if rec.Article.EventTypes[0] != article.EventTapHuan || !rec.FirstSeen.Equal(t0) || rec.Raw.Portal != "baovephapluat" {
		t.Errorf("after UpdateArticle: %+v", rec)
	}
	if h, _ := article.ContentHash(a); rec.Hash != h {
		t.Error("hash not recomputed")
	}
	if st, _, _ := s.PortalState("baovephapluat"); st.Articles != 0 {
		t.Errorf("old portal still counts %d", st.Articles)
	}
	if st, _, _ := s.PortalState("kiemsat"); st.Articles != 1 {
		t.Errorf("new portal counts %d", st.Articles)
	}
	if n, _ := s.Count(); n != 1 {
		t.Errorf("Count = %d", n)
	}
}

func TestPortalState(t *testing.T) {
	s := openTemp(t)
	if _, ok, err := s.PortalState("khanhhoa"); ok || err != nil {
		t.Fatalf("PortalState of an unknown portal = %v, %v", ok, err)
	}
	page, raw, a := sample("danang", 1)
	if _, err := s.Put(page, raw, a, t0); err != nil {
		t.Fatal(err)
	}
	st := PortalState{
		Portal: "khanhhoa", LastRun: t0, LastSuccess: t0.Add(time.Minute), Status: "partial",
		LastError: "GET https://vkskh.gov.vn/x: 503", Fetched: 10, New: 3, Updated: 1, Unchanged: 5, Failed: 1,
		Articles: 99, // ignored: the store counts
		Lists:    map[string]Validators{"https://vkskh.gov.vn/vi/news/": {ETag: `"abc"`, LastModified: "Wed, 04 Feb 2026 01:00:00 GMT"}},
	}
	if err := s.PutPortalState(st); err != nil {
		t.Fatal(err)
	}
	got, ok, err := s.PortalState("khanhhoa")
	st.Articles = 0
	if err != nil || !ok || !reflect.DeepEqual(got, st) {
		t.Errorf("PortalState:\n got %+v, %v, %v\nwant %+v", got, ok, err, st)
	}
	if err := s.PutPortalState(PortalState{Portal: "vksndtc", Status: "running"}); err != nil {
		t.Fatal(err)
	}
	all, err := s.PortalStates()
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, p := range all {
		names = append(names, fmt.Sprintf("%s:%d", p.Portal, p.Articles))
	}
	// danang has articles but no saved state; it is listed all the same.
	if want := []string{"danang:1", "khanhhoa:0", "vksndtc:0"}; !reflect.DeepEqual(names, want) {
		t.Errorf("PortalStates = %v, want %v", names, want)
	}
	if err := s.PutPortalState(PortalState{}); err == nil {
		t.Error("state without portal accepted")
	}
}

func TestMeta(t *testing.T) {
	s := openTemp(t)
	if _, ok, err := s.GetMeta("digest.watermark"); ok || err != nil {
		t.Fatalf("GetMeta before Put = %v, %v", ok, err)
	}
	for _, v := range [][]byte{[]byte("2026-02-04T07:00:00Z"), {}, nil} {
		if err := s.PutMeta("digest.watermark", v); err != nil {
			t.Fatal(err)
		}
		got, ok, err := s.GetMeta("digest.watermark")
		if err != nil || !ok || !bytes.Equal(got, v) {
			t.Errorf("GetMeta after PutMeta(%q) = %q, %v, %v", v, got, ok, err)
		}
	}
	if err := s.PutMeta("", []byte("x")); err == nil {
		t.Error("empty key accepted")
	}
}

func TestOpenInUse(t *testing.T) {
	path := filepath.Join(t.TempDir(), "vksnews.db")
	s, err := Open(path, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for _, timeout := range []time.Duration{0, 200 * time.Millisecond} {
		start := time.Now()
		s2, err := Open(path, timeout)
		if err == nil {
			s2.Close()
			t.Fatal("second Open succeeded")
		}
		if want := "store " + path + " is in use by another process"; err.Error() != want {
			t.Errorf("err = %q, want %q", err, want)
		}
		if d := time.Since(start); d > timeout+time.Second {
			t.Errorf("second Open took %v with timeout %v", d, timeout)
		}
	}
}

func TestReopenKeepsData(t *testing.T) {
	path := filepath.Join(t.TempDir(), "vksnews.db")
	s, err := Open(path, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	page, raw, a := sample("cantho", 1)
	if _, err := s.Put(page, raw, a, t0); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s, err = Open(path, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if out, err := s.Put(page, raw, a, t0.Add(time.Hour)); err != nil || out != Unchanged {
		t.Errorf("Put after reopen = %v, %v; want unchanged", out, err)
	}
}

// TestConcurrentPuts checks that the totals stay exact when several crawls
// write at once, some of them the same articles.
func TestConcurrentPuts(t *testing.T) {
	s := openTemp(t)
	portals := []string{"khanhhoa", "danang", "cantho", "khanhhoa"} // two crawls of khanhhoa
	errs := make(chan error, len(portals))
	for _, p := range portals {
		go func() {
			for i := range 50 {
				page, raw, a := sample(p, i)
				if _, err := s.Put(page, raw, a, t0); err != nil {
					errs <- err
					return
				}
				s.Known(raw.URL)
			}
			errs <- nil
		}()
	}
	for range portals {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	if n, err := s.Count(); err != nil || n != 150 {
		t.Errorf("Count = %d, %v; want 150", n, err)
	}
	if st, _, _ := s.PortalState("khanhhoa"); st.Articles != 50 {
		t.Errorf("khanhhoa totals %d, want 50", st.Articles)
	}
}
