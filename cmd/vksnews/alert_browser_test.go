package main

import (
	"context"
	"io"
	"log/slog"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/vksnews/vksnews/internal/browsertest"
	"github.com/vksnews/vksnews/internal/mailsink"
)

// TestSavedSearchAlertInBrowser: an analyst saves a search in the browser
// as an alert; the next crawl finds matches and the alert reaches the
// in-process mail server, once.
func TestSavedSearchAlertInBrowser(t *testing.T) {
	samples := startSamples(t)
	sink, err := mailsink.Start("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer sink.Close()
	cfg := demoConfig(samples, t.TempDir())
	demoDigest(&cfg, sink)
	ctx := context.Background()
	s, err := openServer(ctx, cfg, env{stdin: strings.NewReader(""), stdout: io.Discard, stderr: io.Discard}, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	s.mails = sinkMails(sink)
	// Every portal but Trà Vinh is crawled before the search is saved.
	var first []string
	for _, p := range cfg.Portals {
		if p.Name != "travinh" {
			first = append(first, p.Name)
		}
	}
	if _, err := s.crawl(ctx, first...); err != nil {
		t.Fatal(err)
	}
	br := browsertest.Start(t, s.handler())
	br.Do("search", chromedp.Navigate(br.Base+"/?portal=travinh"), chromedp.WaitVisible(chromedp.CSS(`#save-search`)))
	if n := br.Total(); n != 0 {
		t.Fatalf("Trà Vinh has %d articles before its crawl", n)
	}
	br.Do("save", chromedp.Click(chromedp.CSS(`#save-search`)), chromedp.WaitVisible(chromedp.CSS(`#saved-name`)),
		chromedp.SetValue(chromedp.CSS(`#saved-name`), "Tin Trà Vinh"),
		chromedp.Click(chromedp.CSS(`input[name=delivery][value=alert]`)),
		chromedp.SendKeys(chromedp.CSS(`#saved-to`), "canhbao@example.org"))
	br.Shot("a1-save-form")
	br.Do("submit", chromedp.Click(chromedp.CSS(`#saved-submit`)), chromedp.WaitVisible(chromedp.CSS(`.notice`)))
	br.Shot("a2-saved")
	if got := br.Text(`.saved-list`); !strings.Contains(got, "Tin Trà Vinh") || !strings.Contains(got, "Cảnh báo ngay khi có bài mới") {
		t.Fatalf("saved list: %q", got)
	}
	before := len(sink.Messages())
	// The crawl that finds the matches sends the alert.
	if _, err := s.crawl(ctx, "travinh"); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(10 * time.Second)
	var alerts []mailsink.Message
	for time.Now().Before(deadline) && len(alerts) == 0 {
		for _, m := range sink.Messages()[before:] {
			if slices.Contains(m.To, "canhbao@example.org") {
				alerts = append(alerts, m)
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	if len(alerts) != 1 || !strings.HasPrefix(alerts[0].Subject(), "Tin Trà Vinh — ") {
		t.Fatalf("alerts received: %d (%v)", len(alerts), sink.Messages())
	}
	text, _, err := alerts[0].Parts()
	if err != nil || !strings.Contains(text, "Trà Vinh") {
		t.Errorf("alert text (%v):\n%s", err, text)
	}
	br.Do("mailbox", chromedp.Navigate(br.Base+"/digests"), chromedp.WaitVisible(chromedp.CSS(`.mail`)))
	br.Shot("a3-alert-received")
	// A second crawl finds nothing new: no second alert.
	if _, err := s.crawl(ctx, "travinh"); err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, m := range sink.Messages() {
		if slices.Contains(m.To, "canhbao@example.org") {
			n++
		}
	}
	if n != 1 {
		t.Errorf("%d alerts after a crawl with nothing new, want 1", n)
	}
}
