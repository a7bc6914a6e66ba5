// Package export writes articles in the export formats that the command
// line (`vksnews export`) and the web UI (/export.csv, /export.jsonl) share:
// JSON Lines with the article JSON of DESIGN.md, and CSV with one row per
// article.
package export

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/vksnews/vksnews/internal/article"
)

// Formats are the export formats.
var Formats = []string{"jsonl", "csv"}

// Header are the CSV columns: the flat fields of the article JSON; list
// fields are joined with "; ".
var Header = []string{"id", "url", "portal", "title", "published", "event_date", "unit", "level", "province",
	"province_now", "units", "officials", "event_types", "author", "source", "summary", "body", "fetched_at"}

// Writer writes articles in one format. Close must be called to flush.
type Writer struct {
	buf   *bufio.Writer
	jsonl *json.Encoder
	csv   *csv.Writer
	loc   *time.Location
	// label, when set, names codes for a spreadsheet (ForSpreadsheet).
	label func(field, code string) string
}

// Option configures a Writer.
type Option func(*Writer)

// ForSpreadsheet makes a CSV for a spreadsheet such as Excel: it starts
// with a UTF-8 byte-order mark, without which Excel on Windows reads the
// Vietnamese as the ANSI code page, and a column of Vietnamese names
// (label(field, code), field "level" or "event_type") follows each code
// column: level_vi after level, event_types_vi after event_types.
func ForSpreadsheet(label func(field, code string) string) Option {
	return func(x *Writer) { x.label = label }
}

// labelAfter are the code columns that get a label column in a
// spreadsheet, and the field their codes belong to.
var labelAfter = map[string]string{"level": "level", "event_types": "event_type"}

// NewWriter returns a writer of format ("jsonl" or "csv") to w; CSV dates
// are given in loc.
func NewWriter(w io.Writer, format string, loc *time.Location, opts ...Option) (*Writer, error) {
	if loc == nil {
		loc = time.UTC
	}
	x := &Writer{buf: bufio.NewWriter(w), loc: loc}
	for _, o := range opts {
		o(x)
	}
	switch format {
	case "jsonl":
		x.jsonl = json.NewEncoder(x.buf)
		x.jsonl.SetEscapeHTML(false)
	case "csv":
		x.csv = csv.NewWriter(x.buf)
		header := Header
		if x.label != nil {
			if _, err := x.buf.WriteString("\ufeff"); err != nil {
				return nil, err
			}
			header = x.labelled(Header, func(col string, _ int) string { return col + "_vi" })
		}
		if err := x.csv.Write(header); err != nil {
			return nil, err
		}
	default:
		return nil, fmt.Errorf("unknown export format %q (want jsonl or csv)", format)
	}
	return x, nil
}

// Write writes one article.
func (x *Writer) Write(a article.Article) error {
	if x.jsonl != nil {
		return x.jsonl.Encode(a)
	}
	row := Row(a, x.loc)
	if x.label != nil {
		row = x.labelled(row, func(_ string, i int) string {
			var names []string
			for _, code := range strings.Split(row[i], "; ") {
				if code != "" {
					names = append(names, x.label(labelAfter[Header[i]], code))
				}
			}
			return defuse(strings.Join(names, "; "))
		})
	}
	return x.csv.Write(row)
}

// labelled inserts after each code column of cells (in the order of
// Header) the cell that extra makes of it (its column name and index).
func (x *Writer) labelled(cells []string, extra func(col string, i int) string) []string {
	out := make([]string, 0, len(cells)+len(labelAfter))
	for i, c := range cells {
		out = append(out, c)
		if _, ok := labelAfter[Header[i]]; ok {
			out = append(out, extra(Header[i], i))
		}
	}
	return out
}

// Close flushes what is buffered.
func (x *Writer) Close() error {
	if x.csv != nil {
		x.csv.Flush()
		if err := x.csv.Error(); err != nil {
			return err
		}
	}
	return x.buf.Flush()
}

// Row is the CSV row of an article, in the order of Header. Text cells
// that a spreadsheet would run as a formula are defused.
func Row(a article.Article, loc *time.Location) []string {
	var pub, ev string
	if a.Published != nil {
		pub = a.Published.In(loc).Format(time.RFC3339)
	}
	if a.EventDate != nil {
		ev = a.EventDate.String()
	}
	units := make([]string, len(a.Units))
	for i, u := range a.Units {
		units[i] = u.Name
	}
	officials := make([]string, len(a.Officials))
	for i, o := range a.Officials {
		officials[i] = o.Name
		if o.Title != "" {
			officials[i] += " (" + o.Title + ")"
		}
	}
	row := []string{a.ID, a.URL, a.Portal, a.Title, pub, ev, a.Unit.Name, a.Unit.Level, a.Unit.Province,
		a.Unit.ProvinceNow, strings.Join(units, "; "), strings.Join(officials, "; "), strings.Join(a.EventTypes, "; "),
		a.Author, a.Source, a.Summary, a.Body, a.FetchedAt.Format(time.RFC3339)}
	for i, c := range row {
		row[i] = defuse(c)
	}
	return row
}

// defuse prefixes a cell that starts like a spreadsheet formula with an
// apostrophe (OWASP's advice against CSV injection): article text comes
// from the web and an analyst opens the file in a spreadsheet.
func defuse(cell string) string {
	if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
		return "'" + cell
	}
	return cell
}
