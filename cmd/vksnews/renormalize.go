package main

import (
	"context"
	"fmt"
	"time"

	"github.com/vksnews/vksnews/config"
	"github.com/vksnews/vksnews/internal/article"
	"github.com/vksnews/vksnews/internal/normalize"
	"github.com/vksnews/vksnews/internal/store"
)

// runRenormalize reapplies the current normalization rules to every stored
// raw page, so improved rules reach old articles without a re-crawl.
func runRenormalize(ctx context.Context, e env, args []string) (err error) {
	var c common
	fs := newFlags("renormalize", e, &c)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("unexpected argument %q", fs.Arg(0))
	}
	cfg, loc, st, err := c.openArchive(e)
	if err != nil {
		return err
	}
	defer closeInto(&err, st, "store")
	seen, changed, err := renormalizeAll(ctx, cfg, loc, st)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%d articles renormalized, %d changed\n", seen, changed)
	return nil
}

// renormalizeAll reapplies the normalization rules to every stored raw
// page and updates the articles that change; each update takes a store
// sequence number, so the index picks them up at its next catch-up. It
// returns how many articles it saw and how many changed.
func renormalizeAll(ctx context.Context, cfg config.Config, loc *time.Location, st *store.Store) (seen, changed int, err error) {
	err = st.ForEach(func(r store.Record) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		seen++
		// A portal removed from the config keeps its name; its unit is unknown.
		p := normalize.Portal{Name: r.Raw.Portal, Location: loc}
		if cp, ok := cfg.Portal(r.Raw.Portal); ok {
			p.Unit = cp.Unit
		}
		a := normalize.Article(r.Raw, p)
		a.Images = r.Raw.Images
		a.FetchedAt = r.Article.FetchedAt
		after, err := article.ContentHash(a)
		if err != nil {
			return err
		}
		if after == r.Hash {
			return nil
		}
		changed++
		return st.UpdateArticle(a)
	})
	if err != nil {
		return seen, changed, fmt.Errorf("renormalize: %w", err)
	}
	return seen, changed, nil
}
