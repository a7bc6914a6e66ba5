package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"text/tabwriter"
	"time"

	"golang.org/x/term"

	"github.com/vksnews/vksnews/config"
	"github.com/vksnews/vksnews/crawlers"
	"github.com/vksnews/vksnews/internal/archive"
	"github.com/vksnews/vksnews/internal/pipeline"
)

func runCrawl(ctx context.Context, e env, args []string) (err error) {
	var c common
	fs := newFlags("crawl", e, &c)
	var portals multiFlag
	fs.Var(&portals, "portal", "crawl only this portal `name` (repeatable)")
	maxPages := fs.Int("max-pages", 0, "at most `N` requests per portal (0: no limit)")
	refresh := fs.Bool("refresh", false, "fetch known articles again")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("unexpected argument %q", fs.Arg(0))
	}
	if *maxPages < 0 {
		return usagef("--max-pages must not be negative")
	}
	cfg, err := c.loadConfig(e)
	if err != nil {
		return err
	}
	sums, err := crawlOnce(ctx, cfg, portals, pipeline.Options{MaxPages: *maxPages, Refresh: *refresh}, e)
	if err != nil {
		return err
	}
	return failedPortals(sums)
}

// crawlOnce runs one crawl pass into cfg's data dir and prints the summary.
func crawlOnce(ctx context.Context, cfg config.Config, names []string, opts pipeline.Options, e env) (_ []pipeline.Summary, err error) {
	aopts, err := archiveOptions(cfg, archive.Options{CatchUpBatch: archive.CrawlBatch})
	if err != nil {
		return nil, err
	}
	arc, err := archive.Open(ctx, cfg.DataDir, aopts)
	if err != nil {
		return nil, err
	}
	defer closeInto(&err, arc, "archive")
	var pr *progressLine
	if f, ok := e.stderr.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		pr = &progressLine{w: e.stderr, last: map[string]crawlers.Progress{}}
		opts.Progress = pr.update
	}
	sums, err := crawlAndIndex(ctx, &pipeline.Pipeline{Config: cfg, Store: arc.Store}, arc, names, opts)
	if pr != nil {
		pr.done()
	}
	if errors.Is(err, pipeline.ErrUnknownPortal) {
		return nil, usageError{err.Error()}
	}
	if err != nil {
		return nil, err
	}
	printSummaries(e.stdout, sums)
	return sums, nil
}

// failedPortals is the exit status of a crawl: 1 when a portal failed entirely.
func failedPortals(sums []pipeline.Summary) error {
	var failed []string
	for _, s := range sums {
		if s.Err != nil {
			failed = append(failed, s.Portal)
		}
	}
	if len(failed) > 0 {
		return fmt.Errorf("%d of %d portals failed: %v", len(failed), len(sums), failed)
	}
	return nil
}

func printSummaries(w io.Writer, sums []pipeline.Summary) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "portal\tpages fetched\tnew\tupdated\tunchanged\tfailed\tskipped\ttime\t")
	for _, s := range sums {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\t%d\t%d\t%s\t\n", s.Portal, s.Fetched, s.New, s.Updated, s.Unchanged, s.Failed, s.Skipped, s.Duration.Round(time.Millisecond))
	}
	tw.Flush()
	for _, s := range sums {
		if s.Err != nil {
			fmt.Fprintf(w, "%s: FAILED: %v\n", s.Portal, s.Err)
		}
		for _, msg := range s.Errors {
			if s.Err != nil && strings.Contains(s.Err.Error(), msg) {
				continue // already in the FAILED line
			}
			fmt.Fprintf(w, "%s: %s\n", s.Portal, msg)
		}
	}
}

// progressLine redraws one status line on a terminal.
type progressLine struct {
	w    io.Writer
	mu   sync.Mutex
	last map[string]crawlers.Progress
	at   time.Time
}

func (p *progressLine) update(pr crawlers.Progress) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.last[pr.Portal] = pr
	if time.Since(p.at) < 100*time.Millisecond {
		return
	}
	p.at = time.Now()
	var fetched, queued, articles, failed int
	for _, x := range p.last {
		fetched += x.Fetched
		queued += x.Queued
		articles += x.Articles
		failed += x.Failed
	}
	fmt.Fprintf(p.w, "\r\033[Kcrawling %d portals: %d/%d pages, %d articles, %d failed", len(p.last), fetched, queued, articles, failed)
}

func (p *progressLine) done() {
	p.mu.Lock()
	defer p.mu.Unlock()
	fmt.Fprint(p.w, "\r\033[K")
}
