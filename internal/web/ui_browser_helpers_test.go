package web

import (
	"context"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// browser is a headless Chromium on a server of the UI, with the helpers
// the browser tests share. Every failure stops the test.
type browser struct {
	t     *testing.T
	ctx   context.Context
	base  string // the server's URL
	shots string // where screenshots go
}

// startBrowser serves h on 127.0.0.1 and starts Chromium, skipping the
// test when there is none (or in -short mode). Screenshots go to
// $VKSNEWS_SCREENSHOTS, default a temporary directory.
func startBrowser(t *testing.T, h http.Handler) *browser {
	t.Helper()
	bin := findChromium()
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
	return &browser{t: t, ctx: ctx, base: base, shots: shots}
}

func (b *browser) do(what string, steps ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	if err := chromedp.Do(b.ctx, steps...); err != nil {
		b.t.Fatalf("%s: %v", what, err)
	}
}

func (b *browser) text(sel string) string {
	b.t.Helper()
	s, err := chromedp.Run(b.ctx, chromedp.Text(chromedp.CSS(sel)))
	if err != nil {
		b.t.Fatalf("text of %s: %v", sel, err)
	}
	return strings.TrimSpace(s)
}

func (b *browser) eval(js string, opts ...chromedp.EvaluateOption) string {
	b.t.Helper()
	s, err := chromedp.Run(b.ctx, chromedp.Evaluate[string](js, opts...))
	if err != nil {
		b.t.Fatalf("evaluate %s: %v", js, err)
	}
	return s
}

func (b *browser) total() int {
	b.t.Helper()
	n, err := strconv.Atoi(b.text("#total"))
	if err != nil {
		b.t.Fatal(err)
	}
	return n
}

func (b *browser) shotOf(name string, capture chromedp.Action[[]byte]) {
	b.t.Helper()
	png, err := chromedp.Run(b.ctx, capture)
	if err != nil {
		b.t.Fatalf("screenshot %s: %v", name, err)
	}
	if err := os.WriteFile(filepath.Join(b.shots, name+".png"), png, 0o644); err != nil {
		b.t.Fatal(err)
	}
}

// shot saves a full-page screenshot (quality 100: PNG).
func (b *browser) shot(name string) { b.t.Helper(); b.shotOf(name, chromedp.FullScreenshot(100)) }
