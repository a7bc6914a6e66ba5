package check

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/vksnews/vksnews/internal/article"
)

// bodyLines is how much of each body Write shows.
const bodyLines = 3

// Write prints the report for a person: the links, then each article's
// fields with its warnings, then the count of warnings.
func Write(w io.Writer, r Report) error {
	var b strings.Builder
	fmt.Fprintf(&b, "portal %s\nstart page: %s\n", r.Portal, r.Start)
	fmt.Fprintf(&b, "article links: %d\n", len(r.Links))
	for i, l := range r.Links {
		fmt.Fprintf(&b, "  %2d. %s\n", i+1, l)
	}
	if len(r.Next) == 0 {
		b.WriteString("next page: none\n")
	}
	for _, n := range r.Next {
		fmt.Fprintf(&b, "next page: %s\n", n)
	}
	for _, x := range r.Warnings {
		fmt.Fprintf(&b, "WARNING: %s\n", x)
	}
	for i, a := range r.Articles {
		fmt.Fprintf(&b, "\narticle %d: %s\n", i+1, a.URL)
		if a.Err != nil {
			fmt.Fprintf(&b, "  ERROR: %v\n", a.Err)
			continue
		}
		writeArticle(&b, a)
	}
	fmt.Fprintf(&b, "\n%d article links, %d articles checked, %d warnings\n", len(r.Links), len(r.Articles), r.WarningCount())
	_, err := io.WriteString(w, b.String())
	return err
}

// WarningCount counts every warning and every failed article.
func (r Report) WarningCount() int {
	n := len(r.Warnings)
	for _, a := range r.Articles {
		n += len(a.Warnings)
		if a.Err != nil {
			n++
		}
	}
	return n
}

func writeArticle(b *strings.Builder, a Article) {
	art := a.Article
	fmt.Fprintf(b, "  title:       %s\n", art.Title)
	pub := "none"
	if art.Published != nil {
		pub = art.Published.Format("2006-01-02 15:04 -07:00")
	}
	fmt.Fprintf(b, "  published:   %s (on the page: %q)\n", pub, a.Raw)
	ev := "none"
	if art.EventDate != nil {
		ev = art.EventDate.String()
	}
	fmt.Fprintf(b, "  event date:  %s\n", ev)
	fmt.Fprintf(b, "  unit:        %s\n", unitText(art.Unit))
	var offs []string
	for _, o := range art.Officials {
		offs = append(offs, strings.TrimSpace(o.Name+" ("+o.Title+")"))
	}
	fmt.Fprintf(b, "  officials:   %s\n", orNone(strings.Join(offs, "; ")))
	fmt.Fprintf(b, "  event types: %s\n", orNone(strings.Join(art.EventTypes, ", ")))
	if art.Author != "" || art.Source != "" {
		fmt.Fprintf(b, "  author:      %s  source: %s\n", orNone(art.Author), orNone(art.Source))
	}
	fmt.Fprintf(b, "  body:        %d characters\n", utf8.RuneCountInString(art.Body))
	lines := strings.Split(strings.TrimSpace(art.Body), "\n")
	shown := 0
	for _, l := range lines {
		if l = strings.TrimSpace(l); l == "" || shown == bodyLines {
			continue
		}
		shown++
		fmt.Fprintf(b, "    | %s\n", clip(l, 160))
	}
	for _, x := range a.Warnings {
		fmt.Fprintf(b, "  WARNING: %s\n", x)
	}
}

func unitText(u article.Unit) string {
	if u.Name == "" {
		return "none"
	}
	return fmt.Sprintf("%s (level %s, province %s, now %s)", u.Name, orNone(u.Level), orNone(u.Province), orNone(u.ProvinceNow))
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}

// clip shortens s to n characters, on a rune boundary.
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n]) + "…"
}
