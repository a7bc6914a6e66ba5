package main

import (
	"context"
	"fmt"
	"os"
	"sort"
	"text/tabwriter"

	"github.com/vksnews/vksnews/config"
	"github.com/vksnews/vksnews/internal/article"
	"github.com/vksnews/vksnews/internal/pipeline"
	"github.com/vksnews/vksnews/internal/sampleportals"
	"github.com/vksnews/vksnews/internal/store"
)

func runDemo(ctx context.Context, e env, args []string) (err error) {
	var c common
	fs := newFlags("demo", e, &c)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("unexpected argument %q", fs.Arg(0))
	}
	srv, err := sampleportals.Start()
	if err != nil {
		return fmt.Errorf("start sample portals: %w", err)
	}
	defer srv.Close()

	dataDir := c.dataDir
	if dataDir == "" {
		if dataDir, err = os.MkdirTemp("", "vksnews-demo-"); err != nil {
			return err
		}
	}
	cfg := demoConfig(srv, dataDir)
	fmt.Fprintf(e.stdout, "sample portals:\n")
	for _, p := range cfg.Portals {
		fmt.Fprintf(e.stdout, "  %-10s %-9s %s\n", p.Name, p.Preset, p.StartURLs[0])
	}
	fmt.Fprintf(e.stdout, "crawling into %s\n\n", dataDir)
	sums, err := crawlOnce(ctx, cfg, nil, pipeline.Options{}, e)
	if err != nil {
		return err
	}
	if err := printArticles(e, cfg.DataDir); err != nil {
		return err
	}
	return failedPortals(sums)
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

// printArticles lists what the crawl stored.
func printArticles(e env, dataDir string) (err error) {
	st, err := openStore(dataDir)
	if err != nil {
		return err
	}
	defer closeInto(&err, st, "store")
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
	fmt.Fprintf(e.stdout, "\n%d articles stored in %s (try: vksnews export --data %s)\n", n, dataDir, dataDir)
	return nil
}

func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
