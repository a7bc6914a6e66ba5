package web

import (
	"encoding/csv"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/vksnews/vksnews/internal/browsertest"
)

// TestUIInBrowser drives a headless Chromium through the UI the way an
// analyst would and saves a screenshot of each step into
// $VKSNEWS_SCREENSHOTS (default: a temporary directory).
func TestUIInBrowser(t *testing.T) {
	tu := newTestUI(t, 300)
	br := browsertest.Start(t, tu.Config.Handler)
	ctx, base, shots := br.Ctx, br.Base, br.Shots
	do, text, eval, total, shotOf, shot := br.Do, br.Text, br.Eval, br.Total, br.ShotOf, br.Shot

	// Any JavaScript dialog means a payload ran; count it and close it.
	var dialogs atomic.Int32
	go func() {
		for _, err := range chromedp.Events(ctx, cdppage.JavascriptDialogOpening) {
			if err != nil {
				return
			}
			dialogs.Add(1)
			chromedp.Call(ctx, cdppage.HandleJavaScriptDialog, cdppage.HandleJavaScriptDialogParams{Accept: false})
		}
	}()

	// 1. Type a query without diacritics into the box: accented hits.
	do("search",
		chromedp.WaitVisible(chromedp.CSS(`input[name=q]`)),
		chromedp.SendKeys(chromedp.CSS(`input[name=q]`), "vien kiem sat khanh hoa\n"),
		chromedp.WaitVisible(chromedp.CSS(`.hit`)),
	)
	all := total()
	marks := eval(`Array.from(document.querySelectorAll(".hit mark")).map(m => m.textContent).join("|")`)
	shot("1-search")
	if all == 0 || !strings.Contains(marks, "Khánh") || !strings.Contains(marks, "Hòa") && !strings.Contains(marks, "Hoà") {
		t.Errorf("unaccented search: %d results, marked %q", all, marks)
	}

	// 2. Click the first value of the event-type facet: the count drops.
	do("facet",
		chromedp.Click(chromedp.CSS(`[data-facet="event_type"] li a`)),
		chromedp.WaitVisible(chromedp.CSS(`li.on`)),
	)
	narrowed := total()
	shot("2-facet")
	if narrowed == 0 || narrowed >= all {
		t.Errorf("facet click: %d results of %d", narrowed, all)
	}

	// 3. Open the first article, then the first official it names.
	do("article", chromedp.Click(chromedp.CSS(`.hit h3 a`)), chromedp.WaitVisible(chromedp.CSS(`article.article h1`)))
	h1 := text(`article.article h1`)
	shot("3-article")
	official := text(`.fields a[href^="/officials/"]`)
	do("official", chromedp.Click(chromedp.CSS(`.fields a[href^="/officials/"]`)), chromedp.WaitVisible(chromedp.CSS(`.official h1`)))
	officialH1 := text(`.official h1`)
	shot("4-official")
	if h1 == "" || official == "" || officialH1 != official {
		t.Errorf("article %q, official link %q, official page %q", h1, official, officialH1)
	}

	// 4. The CSV link of the search downloads the matching articles.
	do("csv link", chromedp.Navigate(base+"/?q="+url.QueryEscape("vien kiem sat khanh hoa")), chromedp.WaitVisible(chromedp.CSS(`#export-csv`)))
	csvText := eval(`fetch(document.querySelector("#export-csv").href).then(r => r.text())`, chromedp.EvalAwaitPromise)
	recs, err := csv.NewReader(strings.NewReader(csvText)).ReadAll()
	if err != nil || !strings.HasPrefix(csvText, "id,url,portal,title") || len(recs)-1 != all {
		t.Errorf("csv from the link: %d rows for %d results (%v)", len(recs)-1, all, err)
	}

	// 5. The hostile article: the payload shows as text and never runs.
	x := xssArticle()
	do("xss article", chromedp.Navigate(base+"/articles/"+x.ID), chromedp.WaitVisible(chromedp.CSS(`article.article h1`)),
		chromedp.Sleep(300*time.Millisecond)) // time for an onerror to fire
	shown := text(`article.article h1`)
	xss := eval(`String(window.__xss)`)
	shot("5-xss-article")
	do("xss search", chromedp.Navigate(base+"/?q="+url.QueryEscape("tin thử nghiệm an toàn")), chromedp.WaitVisible(chromedp.CSS(`.hit`)),
		chromedp.Sleep(300*time.Millisecond))
	xss += eval(`String(window.__xss)`)
	shot("6-xss-search")
	do("digest preview", chromedp.Navigate(base+"/digests/preview?sub=0"), chromedp.WaitVisible(chromedp.CSS(`iframe.mailhtml`)),
		chromedp.Sleep(300*time.Millisecond))
	xss += eval(`String(window.__xss)`)
	shot("7-digest-preview")
	do("sources", chromedp.Navigate(base+"/sources"), chromedp.WaitVisible(chromedp.CSS(`table`)))
	shot("8-sources")
	// 6. A phone-sized screen: one column, still usable.
	do("mobile", chromedp.EmulateViewport(390, 844),
		chromedp.Navigate(base+"/?q="+url.QueryEscape("tổng kết")), chromedp.WaitVisible(chromedp.CSS(`.hit`)))
	shotOf("9-mobile-search", chromedp.CaptureScreenshot()) // the first screen
	if xss != "undefinedundefinedundefined" || dialogs.Load() != 0 {
		t.Errorf("a payload ran: window.__xss %s, %d dialogs", xss, dialogs.Load())
	}
	if !strings.Contains(shown, "<script>window.__xss=1") {
		t.Errorf("the payload is not shown as text: %q", shown)
	}
	t.Logf("screenshots in %s", shots)
}
