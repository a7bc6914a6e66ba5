package web

import (
	"encoding/json"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/vksnews/vksnews/internal/browsertest"
)

// TestWorkbenchInBrowser checks in Chromium what issue 14 asked of the
// analyst's pages: newest first on landing, snippets without repeats, a
// round-up without its body twice, month-chart labels of at least 10 px at
// desktop and phone widths, a unit page and an official page with two
// namesakes. Screenshots go where TestUIInBrowser's do.
func TestWorkbenchInBrowser(t *testing.T) {
	tu := newTestUI(t, 300)
	br := browsertest.Start(t, tu.Config.Handler)

	// Landing: no query, the newest first, and the sort control says so.
	br.Do("landing", chromedp.EmulateViewport(1400, 1000), chromedp.Navigate(br.Base+"/"), chromedp.WaitVisible(chromedp.CSS(`.hit`)))
	br.Shot("w1-landing")
	var dates []string
	if err := json.Unmarshal([]byte(br.Eval(`JSON.stringify(Array.from(document.querySelectorAll(".hit .meta time")).map(t => t.textContent))`)), &dates); err != nil {
		t.Fatal(err)
	}
	for i := 1; i < len(dates); i++ {
		a, errA := time.Parse("02/01/2006", dates[i-1])
		b, errB := time.Parse("02/01/2006", dates[i])
		if errA != nil || errB != nil || b.After(a) {
			t.Errorf("landing order: %s then %s", dates[i-1], dates[i])
		}
	}
	if len(dates) < 10 {
		t.Errorf("landing shows %d dated hits", len(dates))
	}
	if sel := br.Eval(`document.querySelector("select[name=sort]").selectedOptions[0].textContent`); sel != "Mới nhất" {
		t.Errorf("sort control says %q with no query", sel)
	}

	// The month chart's labels are at least 10 px tall, at 1400 px and at
	// 390 px.
	labelHeight := `String(Math.min(...Array.from(document.querySelectorAll("#chart-months svg text")).map(t => t.getBoundingClientRect().height)))`
	if h := br.Eval(labelHeight); atof(h) < 10 {
		t.Errorf("chart labels %s px tall at 1400 px", h)
	}
	br.ShotOf("w2-chart-1400", chromedp.Screenshot(chromedp.CSS(`#chart-months`)))
	br.Do("phone", chromedp.EmulateViewport(390, 844), chromedp.Navigate(br.Base+"/"), chromedp.WaitVisible(chromedp.CSS(`#chart-months`)))
	if h := br.Eval(labelHeight); atof(h) < 10 {
		t.Errorf("chart labels %s px tall at 390 px", h)
	}
	if w := br.Eval(`String(document.querySelector("#chart-months svg").getBoundingClientRect().width)`); atof(w) > 390 {
		t.Errorf("chart is %s px wide on a 390 px screen", w)
	}
	br.ShotOf("w3-chart-390", chromedp.Screenshot(chromedp.CSS(`#chart-months`)))
	br.Do("desktop", chromedp.EmulateViewport(1400, 1000))

	// Snippets: no fragment shows twice, no word is cut.
	br.Do("snippets", chromedp.Navigate(br.Base+"/?q="+url.QueryEscape("kiem sat")), chromedp.WaitVisible(chromedp.CSS(`.hit`)))
	br.Shot("w4-snippets")
	var snippets []string
	json.Unmarshal([]byte(br.Eval(`JSON.stringify(Array.from(document.querySelectorAll(".hit .snippet")).map(s => s.textContent))`)), &snippets)
	if len(snippets) == 0 {
		t.Fatal("no snippet")
	}
	for _, s := range snippets {
		seen := map[string]bool{}
		for _, f := range strings.Split(s, "…") {
			if f = strings.TrimSpace(f); len(f) > 15 {
				if seen[f] {
					t.Errorf("snippet repeats %q: %q", f, s)
				}
				seen[f] = true
			}
		}
	}

	// A round-up shows its sections, not its body again.
	ru := roundUpArticle()
	br.Do("round-up", chromedp.Navigate(br.Base+"/articles/"+ru.ID), chromedp.WaitVisible(chromedp.CSS(`.section`)))
	br.Shot("w5-roundup")
	if n := br.Eval(`String(document.querySelector(".body").textContent.split("tổ chức tập huấn nghiệp vụ").length - 1)`); n != "1" {
		t.Errorf("round-up shows a section's text %s times", n)
	}
	if got := br.Eval(`document.querySelector(".fields").textContent`); !strings.Contains(got, "04/02/2026 – 05/02/2026") {
		t.Errorf("round-up event date: %q", got)
	}

	// A unit page, reached from the article page.
	br.Do("unit", chromedp.Click(chromedp.CSS(`.fields a[href^="/units/"]`)), chromedp.WaitVisible(chromedp.CSS(`.unit h1`)))
	br.Shot("w6-unit")
	if h1 := br.Text(`.unit h1`); h1 != ru.Unit.Name {
		t.Errorf("unit page %q, want %q", h1, ru.Unit.Name)
	}

	// Two namesakes, each with their own career.
	br.Do("namesakes", chromedp.Navigate(br.Base+"/officials/"+url.PathEscape(namesakeName)), chromedp.WaitVisible(chromedp.CSS(`.person`)))
	br.Shot("w7-namesakes")
	if n := br.Eval(`String(document.querySelectorAll(".person").length)`); n != "2" {
		t.Errorf("%s people named %s, want 2", n, namesakeName)
	}
	if got := br.Eval(`document.querySelectorAll(".person")[0].querySelector(".timeline").textContent`); !strings.Contains(got, "Vụ trưởng") || !strings.Contains(got, "Phó Viện trưởng") {
		t.Errorf("first namesake's career: %q", got)
	}

	// Keyboard: Escape leaves the search box, j moves the focus to the
	// first result.
	br.Do("keys", chromedp.Navigate(br.Base+"/?q="+url.QueryEscape("kiem sat")), chromedp.WaitVisible(chromedp.CSS(`.hit`)),
		chromedp.Focus(chromedp.CSS(`input[name=q]`)), chromedp.KeyEvent("\u001b"), chromedp.KeyEvent("j"))
	if got := br.Eval(`document.activeElement === document.querySelector(".hit h3 a") ? "first" : document.activeElement.tagName`); got != "first" {
		t.Errorf("after j the focus is on %s", got)
	}
}

func atof(s string) float64 {
	var f float64
	json.Unmarshal([]byte(s), &f)
	return f
}
