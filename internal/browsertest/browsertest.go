// Package browsertest drives a headless Chromium (Debian's chromium, or
// another of the family on the PATH) against a handler served on
// 127.0.0.1, for the browser tests of the UI. It is used by tests only; a
// test without a browser is skipped, not failed.
package browsertest

import (
	"context"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// Browser is a headless Chromium on a server of the UI, with the helpers
// the browser tests share. Every failure stops the test.
type Browser struct {
	T     *testing.T
	Ctx   context.Context
	Base  string // the server's URL
	Shots string // where screenshots go
}

// FindChromium returns the path of a Chromium-family browser, or "".
func FindChromium() string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// Start serves h on 127.0.0.1 and starts Chromium, skipping the
// test when there is none (or in -short mode). Screenshots go to
// $VKSNEWS_SCREENSHOTS, default a temporary directory.
func Start(t *testing.T, h http.Handler) *Browser {
	t.Helper()
	bin := FindChromium()
	if bin == "" {
		t.Skip("no chromium binary found")
	}
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	shots := os.Getenv("VKSNEWS_SCREENSHOTS")
	if shots == "" {
		shots = t.TempDir()
	}
	if err := os.MkdirAll(shots, 0o755); err != nil {
		t.Fatal(err)
	}
	// The browser talks to 127.0.0.1 explicitly, as in production.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	hs := &http.Server{Handler: h, ReadHeaderTimeout: 5 * time.Second}
	go hs.Serve(ln)
	t.Cleanup(func() { hs.Close() })
	base := "http://" + ln.Addr().String()

	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(bin),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.NoFirstRun,
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancelAlloc)
	bctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(cancel)
	// The first call starts the browser and must not carry a deadline;
	// the later ones share one, so that a hang fails the test.
	if err := chromedp.Do(bctx, chromedp.Navigate(base+"/")); err != nil {
		t.Fatalf("start %s: %v", bin, err)
	}
	ctx, cancelTime := context.WithTimeout(bctx, 120*time.Second)
	t.Cleanup(cancelTime)
	t.Cleanup(func() { t.Logf("screenshots in %s", shots) })
	return &Browser{T: t, Ctx: ctx, Base: base, Shots: shots}
}

// Do runs steps, failing the test with what on error.
func (b *Browser) Do(what string, steps ...chromedp.Action[chromedp.Void]) {
	b.T.Helper()
	if err := chromedp.Do(b.Ctx, steps...); err != nil {
		b.T.Fatalf("%s: %v", what, err)
	}
}

// Text is the text of the first element sel selects.
func (b *Browser) Text(sel string) string {
	b.T.Helper()
	s, err := chromedp.Run(b.Ctx, chromedp.Text(chromedp.CSS(sel)))
	if err != nil {
		b.T.Fatalf("text of %s: %v", sel, err)
	}
	return strings.TrimSpace(s)
}

// Eval evaluates js to a string.
func (b *Browser) Eval(js string, opts ...chromedp.EvaluateOption) string {
	b.T.Helper()
	s, err := chromedp.Run(b.Ctx, chromedp.Evaluate[string](js, opts...))
	if err != nil {
		b.T.Fatalf("evaluate %s: %v", js, err)
	}
	return s
}

// Total is the number in #total.
func (b *Browser) Total() int {
	b.T.Helper()
	n, err := strconv.Atoi(b.Text("#total"))
	if err != nil {
		b.T.Fatal(err)
	}
	return n
}

// ShotOf saves the screenshot capture takes as name.png.
func (b *Browser) ShotOf(name string, capture chromedp.Action[[]byte]) {
	b.T.Helper()
	png, err := chromedp.Run(b.Ctx, capture)
	if err != nil {
		b.T.Fatalf("screenshot %s: %v", name, err)
	}
	if err := os.WriteFile(filepath.Join(b.Shots, name+".png"), png, 0o644); err != nil {
		b.T.Fatal(err)
	}
}

// Shot saves a full-page screenshot (quality 100: PNG) as name.png.
func (b *Browser) Shot(name string) { b.T.Helper(); b.ShotOf(name, chromedp.FullScreenshot(100)) }
