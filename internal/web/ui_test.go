package web

import (
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

func TestUISearchPage(t *testing.T) {
	tu := newTestUI(t, 300)
	code, hdr, body := tu.get(t, "/?q="+url.QueryEscape("vien kiem sat khanh hoa"))
	if code != 200 {
		t.Fatalf("status %d\n%s", code, shortBody(body))
	}
	for k, want := range map[string]string{
		"Content-Security-Policy": contentSecurityPolicy,
		"X-Content-Type-Options":  "nosniff",
		"Referrer-Policy":         "same-origin",
		"X-Frame-Options":         "SAMEORIGIN",
		"Content-Type":            "text/html; charset=utf-8",
	} {
		if got := hdr.Get(k); got != want {
			t.Errorf("%s: %q, want %q", k, got, want)
		}
	}
	total := pageTotal(t, body)
	if total == 0 {
		t.Fatal("no results for a query without diacritics")
	}
	if total > 20 != strings.Contains(body, `rel="next"`) {
		t.Errorf("%d results: the link to the next page is wrong", total)
	}
	for _, want := range []string{
		"<mark>Khánh</mark>", // accented text found by an unaccented query
		`data-facet="province_now"`, `data-facet="level"`, `data-facet="event_type"`, `data-facet="unit"`, `data-facet="official"`,
		"Cấp tỉnh", // level label, not the code
		`<figure class="chart" id="chart-months">`, `<figure class="chart" id="chart-events">`, `<svg class="months"`,
		`href="/export.csv?q=vien&#43;kiem&#43;sat&#43;khanh&#43;hoa"`,
		`href="/feed.atom?q=`, `href="/export.jsonl?q=`,
		`<input type="search" name="q" value="vien kiem sat khanh hoa"`,
		`<script src="/static/app.js?v=`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("page lacks %s", want)
		}
	}
	if strings.Contains(body, "<script>") || strings.Contains(body, " style=") {
		t.Error("inline script or style: the CSP would block it")
	}
	if len(body) > 200_000 {
		t.Errorf("page weighs %d bytes, want under 200 KB", len(body))
	}
	// The biggest page a URL can ask for stays under 200 KB too.
	_, _, big := tu.get(t, "/?q=kiem+sat&size=100")
	if n := strings.Count(big, `<li class="hit">`); n != uiMaxSize || len(big) > 200_000 {
		t.Errorf("size=100: %d hits, %d bytes", n, len(big))
	}
}

// TestUIChartsNarrow follows a bar of the month chart and checks that the
// event-type chart adds up to the event-type facet.
func TestUIChartsNarrow(t *testing.T) {
	tu := newTestUI(t, 300)
	_, _, body := tu.get(t, "/")
	all := pageTotal(t, body)
	monthBar := regexp.MustCompile(`<a href="(/\?from=(\d{4}-\d\d-01)&amp;to=(\d{4}-\d\d-\d\d))" class="mbar"`).FindStringSubmatch(body)
	if monthBar == nil {
		t.Fatalf("no month bar linking to a month's from/to:\n%s", shortBody(body))
	}
	if monthBar[2][:7] != monthBar[3][:7] {
		t.Errorf("month bar spans %s to %s", monthBar[2], monthBar[3])
	}
	_, _, narrowed := tu.get(t, unescapeHref(monthBar[1]))
	if n := pageTotal(t, narrowed); n == 0 || n >= all {
		t.Errorf("month bar: %d of %d", n, all)
	}
	// Each segment of the event chart is one month and type; over all
	// months a type's segments add up to its count.
	events := body[strings.Index(body, `id="chart-events"`):]
	events = events[:strings.Index(events, "</figure>")]
	segs := regexp.MustCompile(`<title>\d\d/\d{4} · ([^:<]+): (\d+)</title>`).FindAllStringSubmatch(events, -1)
	sum := map[string]int{}
	for _, m := range segs {
		n, _ := strconv.Atoi(m[2])
		sum[m[1]] += n
	}
	want := map[string]int{}
	for _, a := range tu.list {
		for _, e := range a.EventTypes {
			want[valueLabel("event_type", e)]++
		}
	}
	if len(sum) == 0 {
		t.Fatal("no segment in the event chart")
	}
	for label, n := range sum {
		if label != "Các loại khác" && n != want[label] {
			t.Errorf("event chart: %s sums to %d, facet says %d", label, n, want[label])
		}
	}
	// By event date: the same chart on the other date.
	_, _, byEvent := tu.get(t, "/?by=event")
	if !strings.Contains(byEvent, "Số bài theo tháng diễn ra") || !strings.Contains(byEvent, `class="mbar"`) {
		t.Error("no month chart by event date")
	}
}

// TestUIFacetNarrows clicks the first value of each facet: the count drops
// to the facet's count, the filter shows as active and can be removed.
func TestUIFacetNarrows(t *testing.T) {
	tu := newTestUI(t, 300)
	_, _, body := tu.get(t, "/?q=kiem+sat")
	all := pageTotal(t, body)
	for _, facet := range []string{"province_now", "level", "event_type", "unit", "official"} {
		re := regexp.MustCompile(`data-facet="` + facet + `">\s*<h2>[^<]*</h2>\s*<ul><li><a href="([^"]+)">([^<]+)</a> <span class="count">(\d+)</span>`)
		m := re.FindStringSubmatch(body)
		if m == nil {
			t.Errorf("%s: no facet value link", facet)
			continue
		}
		code, _, narrowed := tu.get(t, unescapeHref(m[1]))
		n := pageTotal(t, narrowed)
		if code != 200 || n >= all || itoa(n) != m[3] {
			t.Errorf("%s=%s: status %d, %d of %d results; facet said %s", facet, m[2], code, n, all, m[3])
		}
		if !strings.Contains(narrowed, `class="chip"`) || !strings.Contains(narrowed, `<li class="on">`) {
			t.Errorf("%s: the active filter is not shown", facet)
		}
		rm := regexp.MustCompile(`<a class="chip" href="([^"]+)"`).FindAllStringSubmatch(narrowed, -1)
		if len(rm) != 2 { // the query and the facet
			t.Fatalf("%s: %d active chips, want 2", facet, len(rm))
		}
		_, _, back := tu.get(t, unescapeHref(rm[1][1]))
		if n := pageTotal(t, back); n != all {
			t.Errorf("%s: removing the filter gives %d, want %d", facet, n, all)
		}
	}
}

func TestUIBadInput(t *testing.T) {
	tu := newTestUI(t, 50)
	for _, q := range []string{"q=%22unbalanced", "from=2024-02-31", "level=xa", "sort=random", "page=0",
		"page=201&size=50", "q=%FF", "from=2024-05-01&to=2024-04-01"} {
		code, hdr, body := tu.get(t, "/?"+q)
		if code != http.StatusBadRequest || !strings.Contains(body, `class="error" role="alert"`) {
			t.Errorf("%s: %d; want 400 with the error in the page", q, code)
		}
		if hdr.Get("Content-Security-Policy") == "" {
			t.Errorf("%s: no CSP on the error page", q)
		}
		if strings.Contains(q, "page=") {
			continue // exports page by themselves
		}
		if code, _, _ := tu.get(t, "/export.csv?"+q); code != http.StatusBadRequest {
			t.Errorf("export.csv?%s: %d, want 400", q, code)
		}
		if code, _, _ := tu.get(t, "/feed.atom?"+q); code != http.StatusBadRequest {
			t.Errorf("feed.atom?%s: %d, want 400", q, code)
		}
	}
	for _, p := range []string{"/articles/nope", "/officials/Kh%C3%B4ng%20C%C3%B3%20Ai", "/no/such/page"} {
		if code, _, body := tu.get(t, p); code != http.StatusNotFound || !strings.Contains(body, "<nav>") {
			t.Errorf("%s: %d; want a 404 page", p, code)
		}
	}
	if code, _, _ := tu.get(t, "/officials/%FF"); code != http.StatusBadRequest {
		t.Errorf("official with bad UTF-8: %d", code)
	}
}

// TestUIXSSInert shows the hostile article on every page that names it:
// the payload must only appear escaped.
func TestUIXSSInert(t *testing.T) {
	tu := newTestUI(t, 20)
	x := xssArticle()
	pages := []string{
		"/articles/" + x.ID,
		"/?q=" + url.QueryEscape("tin thử nghiệm an toàn"),
		"/?q=" + url.QueryEscape("script alert onerror"),
		"/officials/" + url.PathEscape(x.Officials[0].Name),
		"/digests",
		"/digests/preview?sub=0",
	}
	for _, p := range pages {
		code, _, body := tu.get(t, p)
		if code != 200 {
			t.Errorf("%s: %d", p, code)
			continue
		}
		for _, bad := range []string{"<script>window", "<img", `href="javascript:`, `onerror="`} {
			if strings.Contains(body, bad) {
				t.Errorf("%s: page contains %q", p, bad)
			}
		}
		if p != "/digests/preview?sub=0" && !strings.Contains(body, "&lt;script&gt;window.__xss=1") {
			t.Errorf("%s: the payload is not shown escaped", p)
		}
	}
}
