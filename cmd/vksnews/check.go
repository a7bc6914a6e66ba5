package main

import (
	"context"
	"fmt"
	"net/http"

	"github.com/vksnews/vksnews/crawlers"
	"github.com/vksnews/vksnews/internal/check"
	"github.com/vksnews/vksnews/internal/normalize"
)

// runCheck wires `vksnews check`; the logic is in internal/check.
func runCheck(ctx context.Context, e env, args []string) error {
	var c common
	fs := newFlags("check", e, &c)
	portalName := fs.String("portal", "", "check this configured portal `name` (required)")
	pageURL := fs.String("url", "", "the start page `URL` (default: the portal's first start URL); with FILE, the address FILE was saved from")
	n := fs.Int("articles", check.DefaultArticles, "how many articles to extract")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *portalName == "" {
		return usagef("--portal is required")
	}
	cfg, err := c.loadConfig(e)
	if err != nil {
		return err
	}
	cp, ok := cfg.Portal(*portalName)
	if !ok {
		return usagef("unknown portal %q", *portalName)
	}
	loc, err := cfg.Location()
	if err != nil {
		return err
	}
	start := *pageURL
	if start == "" && len(cp.StartURLs) > 0 {
		start = cp.StartURLs[0]
	}
	if start == "" {
		return usagef("portal %s has no start_urls: give --url", cp.Name)
	}
	p := check.Portal{
		Crawl:     crawlers.Portal{Name: cp.Name, Preset: cp.Preset, Selectors: cp.Selectors},
		Normalize: normalize.Portal{Name: cp.Name, Unit: cp.Unit, Location: loc},
		Title:     cp.Title,
	}
	var src check.Source
	var page check.Page
	if fs.NArg() == 0 {
		opts := crawlers.Options{UserAgent: cfg.Crawl.UserAgent, Timeout: cfg.Crawl.Timeout, MaxBodyBytes: cfg.Crawl.MaxBodyBytes}
		src = check.HTTPSource(&http.Client{}, opts)
		if page, err = src.Fetch(ctx, start); err != nil {
			return err
		}
	} else {
		// Offline: FILE is the start page, further files saved article pages.
		for i, name := range fs.Args() {
			body, err := readInput(e, name)
			if err != nil {
				return err
			}
			if i == 0 {
				page = check.Page{URL: start, Body: body}
				continue
			}
			src.Saved = append(src.Saved, check.Page{Body: body})
		}
	}
	rep, runErr := check.Run(ctx, p, page, src, *n)
	if err := check.Write(e.stdout, rep); err != nil {
		return fmt.Errorf("write report: %w", err)
	}
	return runErr
}
