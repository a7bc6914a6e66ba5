package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/vksnews/vksnews/index"
	"github.com/vksnews/vksnews/internal/archive"
	"github.com/vksnews/vksnews/internal/filter"
	"github.com/vksnews/vksnews/internal/web"
)

func runSearch(ctx context.Context, e env, args []string) (err error) {
	var c common
	fs := newFlags("search", e, &c)
	asJSON := fs.Bool("json", false, "print one article JSON per line")
	sortBy := fs.String("sort", "", "order: relevance or date (default: relevance with a query, newest first without)")
	page := fs.Int("page", 1, "result `page`, from 1")
	size := fs.Int("size", 20, "hits per page, at most 100")
	fv := filterFlags(fs)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	// The API's parameter rules apply unchanged: one parser, one behaviour.
	v := url.Values{"q": {strings.Join(fs.Args(), " ")}, "sort": {*sortBy},
		"page": {strconv.Itoa(*page)}, "size": {strconv.Itoa(*size)}}
	for _, n := range filter.Names {
		if *fv[n] != "" {
			v.Set(n, *fv[n])
		}
	}
	req, err := web.SearchRequest(v)
	if err != nil {
		return usageError{err.Error()}
	}
	cfg, err := c.loadConfig(e)
	if err != nil {
		return err
	}
	if req.Location, err = cfg.Location(); err != nil {
		return err
	}
	if err := requireIndex(cfg.DataDir); err != nil {
		return err
	}
	// The store is opened too: the index is caught up with it first.
	arc, err := archive.Open(ctx, cfg.DataDir, archive.Options{Location: req.Location})
	if err != nil {
		return err
	}
	defer closeInto(&err, arc, "archive")
	res, err := arc.Index.Search(ctx, req)
	if errors.Is(err, index.ErrBadRequest) {
		return usageError{err.Error()}
	}
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetEscapeHTML(false)
		for _, h := range res.Hits {
			if err := enc.Encode(h.Article); err != nil {
				return err
			}
		}
		return nil
	}
	fmt.Fprintf(e.stdout, "%d articles (%s)\n\n", res.Total, res.Took.Round(1000))
	tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
	for _, h := range res.Hits {
		a := h.Article
		date := "-"
		if a.Published != nil {
			date = a.Published.In(req.Location).Format("2006-01-02")
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\n", date, truncate(a.Unit.Name, 32), truncate(a.Title, 90))
		if body := h.Highlights["body"]; len(body) > 0 {
			fmt.Fprintf(tw, "\t\t%s\n", truncate(plainMarks(body[0]), 120))
		}
	}
	return tw.Flush()
}

// requireIndex fails when the data dir has no index. Opening the archive
// would create one: a search of a data dir that was never crawled (or a
// mistyped --data) says so instead of answering "0 articles".
func requireIndex(dataDir string) error {
	ok, err := archive.HasIndex(dataDir)
	if err != nil {
		return err
	}
	if !ok {
		return fmt.Errorf("no search index in %s (crawl first with vksnews crawl, or build it from the store with vksnews reindex; --data DIR picks another data dir)", dataDir)
	}
	return nil
}

var markTag = regexp.MustCompile(`</?mark>`)

// plainMarks turns a highlight fragment (HTML with <mark>) into plain text
// with the matches in [brackets].
func plainMarks(s string) string {
	s = markTag.ReplaceAllStringFunc(s, func(t string) string {
		if t == "<mark>" {
			return "["
		}
		return "]"
	})
	return html.UnescapeString(s)
}

func runReindex(ctx context.Context, e env, args []string) (err error) {
	var c common
	fs := newFlags("reindex", e, &c)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("unexpected argument %q", fs.Arg(0))
	}
	cfg, err := c.loadConfig(e)
	if err != nil {
		return err
	}
	st, err := openStore(cfg.DataDir)
	if err != nil {
		return err
	}
	defer closeInto(&err, st, "store")
	loc, err := cfg.Location()
	if err != nil {
		return err
	}
	n, err := archive.Rebuild(ctx, cfg.DataDir, st, index.WithLocation(loc))
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "indexed %d articles\n", n)
	return nil
}
