package main

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/vksnews/vksnews/index"
	"github.com/vksnews/vksnews/internal/archive"
	"github.com/vksnews/vksnews/internal/export"
	"github.com/vksnews/vksnews/internal/store"
)

func runExport(ctx context.Context, e env, args []string) (err error) {
	var c common
	fs := newFlags("export", e, &c)
	format := fs.String("format", "jsonl", "output `format`: jsonl or csv")
	fv := filterFlags(fs)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if !slices.Contains(export.Formats, *format) {
		return usagef("--format must be jsonl or csv, not %q", *format)
	}
	f, err := parseFilterFlags(fv)
	if err != nil {
		return err
	}
	query := strings.Join(fs.Args(), " ")
	cfg, loc, st, err := c.openArchive(e)
	if err != nil {
		return err
	}
	defer closeInto(&err, st, "store")
	w, err := export.NewWriter(e.stdout, *format, loc)
	if err != nil {
		return usageError{err.Error()}
	}
	if query == "" && f.IsZero() {
		// Everything: the store is the archive of record.
		err = st.ForEach(func(r store.Record) error {
			if err := ctx.Err(); err != nil {
				return err
			}
			return w.Write(r.Article)
		})
	} else {
		// A query or filters: the index answers, with the same semantics
		// as search and the API, and with no limit on the number of matches.
		if err = requireIndex(cfg.DataDir); err != nil {
			return err
		}
		// Caught up from the store opened above before it answers.
		var arc *archive.Archive
		if arc, err = archive.Attach(ctx, cfg.DataDir, st, archive.Options{Location: loc}); err != nil {
			return err
		}
		defer closeInto(&err, arc.Index, "index")
		err = arc.Index.ForEachMatch(ctx, query, f, loc, w.Write)
		if errors.Is(err, index.ErrBadRequest) {
			return usageError{err.Error()}
		}
	}
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	return w.Close()
}
