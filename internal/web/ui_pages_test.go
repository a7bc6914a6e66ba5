package web

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/vksnews/vksnews/internal/article"
	"github.com/vksnews/vksnews/internal/export"
	"github.com/vksnews/vksnews/internal/filter"
	"github.com/vksnews/vksnews/internal/vntext"
)

func TestUIArticlePage(t *testing.T) {
	tu := newTestUI(t, 300)
	units := map[string]int{}
	for _, a := range tu.list {
		units[a.Unit.Name]++
	}
	var a article.Article
	for _, a = range tu.list {
		if units[a.Unit.Name] > 1 && len(a.Officials) > 0 && len(paragraphs(a.Body)) > 1 {
			break
		}
	}
	code, hdr, body := tu.get(t, "/articles/"+a.ID)
	if code != 200 || hdr.Get("Content-Security-Policy") == "" {
		t.Fatalf("status %d, CSP %q", code, hdr.Get("Content-Security-Policy"))
	}
	esc := func(s string) string { return strings.ReplaceAll(s, "&", "&amp;") }
	for _, want := range []string{
		"<h1>" + a.Title + "</h1>",
		`href="` + a.URL + `"`,
		a.Unit.Name, a.Unit.ProvinceNow, a.ID,
		"<p>" + esc(paragraphs(a.Body)[1]) + "</p>",
		valueLabel("event_type", a.EventTypes[0]),
		`href="/officials/` + url.PathEscape(a.Officials[0].Name) + `"`,
		"Bài liên quan",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("article page lacks %q", want)
		}
	}
	// Related: same unit or same officials, never the article itself.
	rel := regexp.MustCompile(`(?s)<ul class="related">(.*?)</ul>`).FindStringSubmatch(body)
	if rel == nil {
		t.Fatal("no related articles")
	}
	links := regexp.MustCompile(`href="/articles/([0-9a-f]+)"`).FindAllStringSubmatch(rel[1], -1)
	if len(links) == 0 || len(links) > maxRelated {
		t.Errorf("%d related articles", len(links))
	}
	names := map[string]bool{}
	for _, o := range a.Officials {
		names[vntext.Key(o.Name)] = true
	}
	for _, l := range links {
		r := tu.articles[l[1]]
		shares := vntext.Key(r.Unit.Name) == vntext.Key(a.Unit.Name)
		for _, o := range r.Officials {
			shares = shares || names[vntext.Key(o.Name)]
		}
		if l[1] == a.ID || !shares {
			t.Errorf("related %s (%s) shares neither unit nor official", l[1], r.Title)
		}
	}
}

// TestUIArticleImages checks that an article's photos are listed with their
// captions apart from the text, and that a hostile image URL is neutralized.
func TestUIArticleImages(t *testing.T) {
	tu := newTestUI(t, 5)
	a := tu.list[0]
	a.Images = []article.Image{
		{URL: "https://vks.example.gov.vn/uploads/hoi-nghi.jpg", Caption: "Quang cảnh hội nghị <b>tổng kết</b>"},
		{URL: "javascript:alert(1)"},
	}
	tu.articles[a.ID] = a
	_, _, body := tu.get(t, "/articles/"+a.ID)
	for _, want := range []string{"Ảnh trong bài", "Quang cảnh hội nghị &lt;b&gt;tổng kết&lt;/b&gt;", `href="https://vks.example.gov.vn/uploads/hoi-nghi.jpg"`, "không có chú thích"} {
		if !strings.Contains(body, want) {
			t.Errorf("article page lacks %q", want)
		}
	}
	if strings.Contains(body, "javascript:alert") {
		t.Error("article page links a javascript: image URL")
	}
}

func TestUIRoundUpSections(t *testing.T) {
	tu := newTestUI(t, 5)
	a := roundUpArticle()
	_, _, body := tu.get(t, "/articles/"+a.ID)
	if got := strings.Count(body, `<section class="section"`); got != len(a.Sections) {
		t.Errorf("%d sections shown, want %d", got, len(a.Sections))
	}
	for _, want := range []string{"VKSND khu vực 3 – Vĩnh Long", "04/02/2026", "Trần Thị Hạnh", "Phiên tòa rút kinh nghiệm",
		"<dt>Ngày diễn ra</dt><dd>04/02/2026 – 05/02/2026</dd>"} {
		if !strings.Contains(body, want) {
			t.Errorf("round-up lacks %q", want)
		}
	}
	// The sections replace the body: its text is not shown twice.
	if n := strings.Count(body, "tổ chức tập huấn nghiệp vụ."); n != 1 {
		t.Errorf("a section's text is shown %d times, want once", n)
	}
}

func TestUIOfficialPage(t *testing.T) {
	tu := newTestUI(t, 300)
	// The official named in the most articles.
	count := map[string]int{}
	for _, a := range tu.list {
		for _, o := range a.Officials {
			count[o.Name]++
		}
	}
	name, most := "", 0
	for n, c := range count {
		if c > most || (c == most && n < name) {
			name, most = n, c
		}
	}
	code, _, body := tu.get(t, "/officials/"+url.PathEscape(name))
	if code != 200 {
		t.Fatalf("status %d", code)
	}
	if !strings.Contains(body, "<h1>"+name+"</h1>") {
		t.Errorf("no heading with %s", name)
	}
	if n := pageTotal(t, body); n < most {
		t.Errorf("%d articles, the name appears in %d", n, most)
	}
	// Each person's timeline (namesakes apart) runs forward in time.
	persons := regexp.MustCompile(`(?s)<section class="person".*?</section>`).FindAllString(body, -1)
	if len(persons) == 0 {
		t.Fatal("no person section")
	}
	steps := 0
	for _, p := range persons {
		var prev time.Time
		for _, s := range regexp.MustCompile(`<li><span class="when">([^<]+)</span>\s*<strong>([^<]+)</strong>`).FindAllStringSubmatch(p, -1) {
			steps++
			from, err := time.Parse("02/01/2006", strings.Fields(s[1])[0])
			if err != nil {
				t.Fatalf("timeline date %q: %v", s[1], err)
			}
			if from.Before(prev) {
				t.Errorf("timeline goes back in time at %s", s[1])
			}
			prev = from
		}
	}
	if steps == 0 {
		t.Fatal("no career timeline")
	}
	// Unaccented and upper-case spellings find the same person.
	folded := strings.ToUpper(vntext.Key(name))
	if _, _, b := tu.get(t, "/officials/"+url.PathEscape(folded)); pageTotal(t, b) != pageTotal(t, body) {
		t.Errorf("%q finds a different number of articles than %q", folded, name)
	}
}

func TestTimelineMergesSteps(t *testing.T) {
	d := func(y int, m time.Month, day int) article.Date { x, _ := article.NewDate(y, m, day); return x }
	got := timeline([]mention{
		{date: d(2024, 5, 1), title: "Viện trưởng", unit: "VKSND tỉnh A"},
		{date: d(2023, 1, 1), title: "Phó Viện trưởng", unit: "VKSND tỉnh A"},
		{date: d(2023, 6, 1), title: "Phó viện trưởng", unit: "VKSND tỉnh A"},
		{date: d(2025, 1, 1), title: "Viện trưởng", unit: "VKSND tỉnh A"},
	})
	want := []careerStep{
		{Title: "Phó Viện trưởng", Unit: "VKSND tỉnh A", From: "01/01/2023", To: "01/06/2023", Articles: 2},
		{Title: "Viện trưởng", Unit: "VKSND tỉnh A", From: "01/05/2024", To: "01/01/2025", Articles: 2},
	}
	if !slices.Equal(got, want) {
		t.Errorf("timeline:\n got %+v\nwant %+v", got, want)
	}
}

func TestUISourcesPage(t *testing.T) {
	tu := newTestUI(t, 10)
	code, _, body := tu.get(t, "/sources")
	if code != 200 {
		t.Fatalf("status %d", code)
	}
	rows := regexp.MustCompile(`(?s)<tr( class="warn")?>\s*<td><a href="[^"]*"><strong>([^<]+)</strong>.*?</tr>`).FindAllStringSubmatch(body, -1)
	if len(rows) != 3 {
		t.Fatalf("%d rows, want 3", len(rows))
	}
	if rows[0][1] != "" || !strings.Contains(rows[0][0], "99% có ngày") || strings.Contains(rows[0][0], "⚠") {
		t.Errorf("healthy portal shown with a warning:\n%s", rows[0][0])
	}
	for _, want := range []string{`class="warn"`, "⚠ 35% có ngày", "Cảnh báo", "503 Service Unavailable", "3 trang lỗi", "2 trang không nhận ra bài viết"} {
		if !strings.Contains(rows[1][0], want) {
			t.Errorf("unhealthy portal lacks %q:\n%s", want, rows[1][0])
		}
	}
	// A drop against the portal's own history warns in words, with its
	// figures, though every share is above the fixed threshold.
	drop := rows[2][0]
	for _, want := range []string{`class="warn"`, "⚠ Tỷ lệ bài có đơn vị giảm từ 98% xuống 10% trong 20 bài mới nhất"} {
		if !strings.Contains(drop, want) {
			t.Errorf("portal with a drop lacks %q:\n%s", want, drop)
		}
	}
	if strings.Contains(drop, "tỷ lệ trích xuất thấp") {
		t.Errorf("portal with a drop shows the low-share warning instead:\n%s", drop)
	}
}

func TestUIExports(t *testing.T) {
	tu := newTestUI(t, 300)
	lvl := tu.list[0].Unit.Level
	want := 0
	for _, a := range tu.list {
		if (filter.Filters{Level: lvl}).Match(a, vietnam) {
			want++
		}
	}
	q := "?level=" + lvl + "&sort=date"

	code, hdr, body := tu.get(t, "/export.csv"+q)
	if code != 200 || !strings.HasPrefix(hdr.Get("Content-Type"), "text/csv") || !strings.Contains(hdr.Get("Content-Disposition"), "attachment") {
		t.Fatalf("csv: %d %v", code, hdr)
	}
	// For Excel: a UTF-8 BOM, a Vietnamese label after each code column,
	// and a file named after the search and the day.
	bom, ok := strings.CutPrefix(body, "\ufeff")
	if !ok {
		t.Error("csv: no UTF-8 byte-order mark")
	}
	if cd := hdr.Get("Content-Disposition"); !regexp.MustCompile(`filename="vksnews-` + lvl + `-\d{4}-\d\d-\d\d\.csv"`).MatchString(cd) {
		t.Errorf("csv: Content-Disposition %q", cd)
	}
	recs, err := csv.NewReader(strings.NewReader(bom)).ReadAll()
	if err != nil {
		t.Fatalf("csv does not parse: %v", err)
	}
	wantHeader := slices.Insert(slices.Clone(export.Header), slices.Index(export.Header, "level")+1, "level_vi")
	wantHeader = slices.Insert(wantHeader, slices.Index(wantHeader, "event_types")+1, "event_types_vi")
	if !slices.Equal(recs[0], wantHeader) || len(recs)-1 != want {
		t.Errorf("csv: header %v, %d rows, want %d", recs[0], len(recs)-1, want)
	}
	evCol := slices.Index(wantHeader, "event_types_vi")
	for _, r := range recs[1:] {
		a := tu.articles[r[0]]
		if r[7] != lvl || r[8] != levelLabels[lvl] || r[3] != a.Title || r[1] != a.URL {
			t.Errorf("csv row %v does not match article %s", r[:9], a.ID)
			break
		}
		if l, _ := article.EventLabel(a.EventTypes[0]); !strings.HasPrefix(r[evCol], l) {
			t.Errorf("csv event_types_vi %q, want %q first", r[evCol], l)
			break
		}
	}

	_, _, body = tu.get(t, "/export.jsonl"+q)
	lines := strings.Split(strings.TrimSpace(body), "\n")
	if len(lines) != want {
		t.Errorf("jsonl: %d lines, want %d", len(lines), want)
	}
	for _, l := range lines {
		var a article.Article
		if err := json.Unmarshal([]byte(l), &a); err != nil || a.Unit.Level != lvl && !hasLevel(a, lvl) {
			t.Fatalf("jsonl line %.80s: %v", l, err)
		}
	}

	code, hdr, body = tu.get(t, "/feed.atom?q=kiem+sat")
	if code != 200 || !strings.HasPrefix(hdr.Get("Content-Type"), "application/atom+xml") {
		t.Fatalf("atom: %d %s", code, hdr.Get("Content-Type"))
	}
	var feed atomFeed
	dec := xml.NewDecoder(bytes.NewReader([]byte(body)))
	if err := dec.Decode(&feed); err != nil {
		t.Fatalf("atom does not parse: %v", err)
	}
	if feed.XMLName.Space != "http://www.w3.org/2005/Atom" || feed.ID == "" || feed.Updated == "" || len(feed.Entries) != feedSize {
		t.Errorf("atom: ns %q id %q updated %q, %d entries", feed.XMLName.Space, feed.ID, feed.Updated, len(feed.Entries))
	}
	var prev time.Time
	for i, e := range feed.Entries {
		up, err := time.Parse(time.RFC3339, e.Updated)
		if err != nil || e.Title == "" || e.ID == "" || len(e.Links) == 0 {
			t.Fatalf("entry %d: %+v (%v)", i, e, err)
		}
		if i > 0 && up.After(prev) {
			t.Errorf("entry %d newer than entry %d", i, i-1)
		}
		prev = up
	}
}

func hasLevel(a article.Article, lvl string) bool {
	for _, u := range a.Units {
		if u.Level == lvl {
			return true
		}
	}
	return false
}

func TestUIDigests(t *testing.T) {
	tu := newTestUI(t, 5)
	code, _, body := tu.get(t, "/digests")
	if code != 200 || !strings.Contains(body, "Bản tin VKSND ngày 23/11/2026") || !strings.Contains(body, "analyst@example.org") ||
		!strings.Contains(body, "3 bài mới") {
		t.Errorf("digests: %d\n%s", code, shortBody(body))
	}
	code, _, body = tu.get(t, "/digests/preview?sub=0")
	if code != 200 || !strings.Contains(body, `<iframe class="mailhtml" sandbox="" srcdoc="&lt;h1&gt;Bản tin&lt;/h1&gt;`) ||
		strings.Contains(body, "__xss") {
		t.Errorf("preview: %d\n%s", code, shortBody(body))
	}
	for q, want := range map[string]int{"sub=1": 404, "sub=x": 400, "sub=-1": 400, "": 400} {
		if code, _, _ := tu.get(t, "/digests/preview?"+q); code != want {
			t.Errorf("preview?%s: %d, want %d", q, code, want)
		}
	}
	// Without a mail sink or a previewer the pages say so.
	bare := &Server{Search: tu.srv.Search, Article: tu.srv.Article, Sources: tu.srv.Sources}
	h := bare.Handler()
	rec := serve(h, "/digests")
	if rec.Code != 200 || !strings.Contains(rec.Body.String(), "Chưa cấu hình hộp thư") {
		t.Errorf("no sink: %d", rec.Code)
	}
	if rec := serve(h, "/digests/preview?sub=0"); rec.Code != 404 {
		t.Errorf("no previewer: %d", rec.Code)
	}
}

func TestUIStatic(t *testing.T) {
	tu := newTestUI(t, 5)
	_, _, page := tu.get(t, "/sources")
	m := regexp.MustCompile(`href="(/static/style\.css\?v=([0-9a-f]+))"`).FindStringSubmatch(page)
	if m == nil {
		t.Fatal("no hashed stylesheet link")
	}
	code, hdr, body := tu.get(t, m[1])
	if code != 200 || !strings.HasPrefix(hdr.Get("Content-Type"), "text/css") || !strings.Contains(hdr.Get("Cache-Control"), "max-age=31536000") ||
		hdr.Get("ETag") != `"`+m[2]+`"` || !strings.Contains(body, "font-family") {
		t.Errorf("style.css: %d %v", code, hdr)
	}
	req, _ := http.NewRequest("GET", tu.URL+"/static/app.js", nil)
	req.Header.Set("If-None-Match", `"`+tu.srv.ui.assets["app.js"].hash+`"`)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNotModified {
		t.Errorf("conditional GET: %d", resp.StatusCode)
	}
	if code, _, _ := tu.get(t, "/static/nope.js"); code != 404 {
		t.Errorf("unknown asset: %d", code)
	}
}
