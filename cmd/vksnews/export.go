package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/vksnews/vksnews/internal/article"
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
	if *format != "jsonl" && *format != "csv" {
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
	w := newExportWriter(*format, e.stdout)
	err = st.ForEach(func(r store.Record) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		if !f.Match(r.Article, loc) {
			return nil
		}
		return w.write(r.Article)
	})
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	return w.flush()
}

// exportWriter writes articles in one of the export formats.
type exportWriter struct {
	jsonl *json.Encoder
	csv   *csv.Writer
	head  bool
}

func newExportWriter(format string, w io.Writer) *exportWriter {
	if format == "csv" {
		return &exportWriter{csv: csv.NewWriter(w)}
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return &exportWriter{jsonl: enc}
}

// csvHeader are the CSV columns: the flat fields of the article JSON, list
// fields joined with "; ".
var csvHeader = []string{"id", "url", "portal", "title", "published", "event_date", "unit", "level", "province", "province_now", "units", "officials", "event_types", "author", "source", "summary", "body", "fetched_at"}

func (x *exportWriter) write(a article.Article) error {
	if x.jsonl != nil {
		return x.jsonl.Encode(a)
	}
	if !x.head {
		x.head = true
		if err := x.csv.Write(csvHeader); err != nil {
			return err
		}
	}
	return x.csv.Write(csvRow(a))
}

func (x *exportWriter) flush() error {
	if x.csv != nil {
		if !x.head {
			if err := x.csv.Write(csvHeader); err != nil {
				return err
			}
		}
		x.csv.Flush()
		return x.csv.Error()
	}
	return nil
}

func csvRow(a article.Article) []string {
	var pub, ev string
	if a.Published != nil {
		pub = a.Published.Format(time.RFC3339)
	}
	if a.EventDate != nil {
		ev = a.EventDate.String()
	}
	units := make([]string, len(a.Units))
	for i, u := range a.Units {
		units[i] = u.Name
	}
	offs := make([]string, len(a.Officials))
	for i, o := range a.Officials {
		offs[i] = strings.TrimSuffix(o.Name+", "+o.Title, ", ")
	}
	return []string{a.ID, a.URL, a.Portal, a.Title, pub, ev, a.Unit.Name, a.Unit.Level, a.Unit.Province, a.Unit.ProvinceNow,
		strings.Join(units, "; "), strings.Join(offs, "; "), strings.Join(a.EventTypes, "; "),
		a.Author, a.Source, a.Summary, a.Body, a.FetchedAt.Format(time.RFC3339)}
}
