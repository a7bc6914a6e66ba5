package main

import (
	"context"
	"fmt"
	"slices"

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
	if fs.NArg() > 0 {
		// A full-text query needs the search index, which export reads
		// through once it exists; until then say so instead of ignoring it.
		return usagef("a QUERY needs the search index (not built yet); use filters")
	}
	_, loc, st, err := c.openArchive(e)
	if err != nil {
		return err
	}
	defer closeInto(&err, st, "store")
	w, err := export.NewWriter(e.stdout, *format, loc)
	if err != nil {
		return usageError{err.Error()}
	}
	err = st.ForEach(func(r store.Record) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		if !f.Match(r.Article, loc) {
			return nil
		}
		return w.Write(r.Article)
	})
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	return w.Close()
}
