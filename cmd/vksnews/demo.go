package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/vksnews/vksnews/config"
	"github.com/vksnews/vksnews/internal/article"
	"github.com/vksnews/vksnews/internal/mailsink"
	"github.com/vksnews/vksnews/internal/sampleportals"
	"github.com/vksnews/vksnews/internal/store"
	"github.com/vksnews/vksnews/internal/web"
)

// demoPortalPorts is the first loopback port of the demo's sample portals.
const demoPortalPorts = 47811

func runDemo(ctx context.Context, e env, args []string) (err error) {
	var c common
	fs := newFlags("demo", e, &c)
	addr := fs.String("addr", config.Default().HTTP.Addr, "listen `address` of the UI and API")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("unexpected argument %q", fs.Arg(0))
	}
	// Fixed ports keep the sample articles' URLs, and so their IDs, stable
	// across demo runs.
	samples, err := sampleportals.StartStable(demoPortalPorts)
	if err != nil {
		return fmt.Errorf("start sample portals: %w", err)
	}
	defer samples.Close()

	dataDir := c.dataDir
	if dataDir == "" {
		if dataDir, err = os.MkdirTemp("", "vksnews-demo-"); err != nil {
			return err
		}
	}
	// The digest goes to an in-process SMTP server, so the whole loop runs offline.
	sink, err := mailsink.Start("127.0.0.1:0")
	if err != nil {
		return err
	}
	defer sink.Close()
	cfg := demoConfig(samples, dataDir)
	cfg.HTTP.Addr = *addr
	demoDigest(&cfg, sink)
	// Listen first: a busy port should fail before any work is done.
	ln, err := net.Listen("tcp", cfg.HTTP.Addr)
	if err != nil {
		return fmt.Errorf("listen: %w (choose another with --addr)", err)
	}
	defer ln.Close()

	fmt.Fprintf(e.stdout, "sample portals:\n")
	for _, p := range cfg.Portals {
		fmt.Fprintf(e.stdout, "  %-10s %-9s %s\n", p.Name, p.Preset, p.StartURLs[0])
	}
	fmt.Fprintf(e.stdout, "crawling into %s\n\n", dataDir)
	log := slog.New(slog.NewTextHandler(e.stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	tuneGC(e)
	s, err := openServer(ctx, cfg, e, log)
	if err != nil {
		return err
	}
	defer closeInto(&err, s, "server")
	s.mails = sinkMails(sink)
	sums, err := s.crawl(ctx)
	if err != nil {
		return err
	}
	printSummaries(e.stdout, sums)
	if err := printArticles(e, s.st); err != nil {
		return err
	}
	if _, err := s.digest.Run(ctx, time.Now(), false, io.Discard); err != nil {
		return fmt.Errorf("demo digest: %w", err)
	}
	fmt.Fprintln(e.stdout, "\ndigests received by the demo mail server:")
	for _, m := range sink.Messages() {
		fmt.Fprintf(e.stdout, "  to %s: %s\n", strings.Join(m.To, ", "), m.Subject())
	}
	fmt.Fprintf(e.stdout, "\nserving the UI and API at http://%s/ (try /api/search?q=vien+kiem+sat+khanh+hoa); Ctrl-C stops\n", ln.Addr())
	return s.run(ctx, ln)
}

// demoConfig points a default config at the bundled sample portals.
func demoConfig(srv *sampleportals.Server, dataDir string) config.Config {
	cfg := config.Default()
	cfg.DataDir = dataDir
	cfg.Crawl.Delay = 0
	cfg.Crawl.Parallelism = 4
	cfg.Portals = srv.Portals()
	return cfg
}

// sinkMails lists what the demo's mail sink received, for the UI.
func sinkMails(sink *mailsink.Sink) func(context.Context) ([]web.Mail, error) {
	return func(context.Context) ([]web.Mail, error) {
		var out []web.Mail
		for _, m := range sink.Messages() {
			text, html, err := m.Parts()
			if err != nil {
				return nil, err
			}
			out = append(out, web.Mail{To: m.To, Subject: m.Subject(), Received: m.Received, Text: text, HTML: html})
		}
		return out, nil
	}
}

// demoDigest sends the digest to the demo's mail sink: one subscription to
// everything, one to a province.
func demoDigest(cfg *config.Config, sink *mailsink.Sink) {
	cfg.Digest.SMTP = config.SMTP{Host: sink.Host(), Port: sink.Port(), From: "vksnews demo <demo@vksnews.invalid>", TLS: "none"}
	cfg.Digest.Subscriptions = []config.Subscription{
		{To: []string{"analyst@example.org"}},
		{To: []string{"khanhhoa@example.org"}, Filters: map[string]string{"province_now": "Khánh Hòa"}},
	}
}

// printArticles lists what the crawl stored.
func printArticles(e env, st *store.Store) error {
	var arts []article.Article
	if err := st.ForEach(func(r store.Record) error {
		arts = append(arts, r.Article)
		return nil
	}); err != nil {
		return err
	}
	// Newest first, undated last, as a reader of news expects.
	sort.SliceStable(arts, func(i, j int) bool {
		a, b := arts[i].Published, arts[j].Published
		return a != nil && (b == nil || a.After(*b))
	})
	fmt.Fprintln(e.stdout, "\narticles, newest first:")
	tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
	for _, a := range arts {
		date := "-"
		if a.Published != nil {
			date = a.Published.Format("2006-01-02")
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", a.Portal, date, truncate(a.Unit.Name, 32), truncate(a.Title, 90))
	}
	tw.Flush()
	n := len(arts)
	fmt.Fprintf(e.stdout, "\n%d articles stored in %s\n", n, filepath.Dir(st.Path()))
	return nil
}

func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
