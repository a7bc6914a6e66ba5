package digest

import (
	"embed"
	"fmt"
	htmltemplate "html/template"
	"strings"
	texttemplate "text/template"
	"time"
)

//go:embed templates
var templateFS embed.FS

// The templates are parsed once; they are read-only after init.
var (
	textTmpl = texttemplate.Must(texttemplate.ParseFS(templateFS, "templates/digest.txt"))
	htmlTmpl = htmltemplate.Must(htmltemplate.ParseFS(templateFS, "templates/digest.html"))
)

// subject is the message subject, e.g. "Tin VKSND 22/11/2026: 12 bài mới".
// It holds only the date and a count, never article text.
func subject(now time.Time, loc *time.Location, n int) string {
	day := now.In(loc).Format("02/01/2006")
	if n == 0 {
		return "Tin VKSND " + day + ": không có bài mới"
	}
	return fmt.Sprintf("Tin VKSND %s: %d bài mới", day, n)
}

// render returns the plain-text and HTML parts of v.
func render(v view) (text, html string, err error) {
	var t, h strings.Builder
	if err := textTmpl.Execute(&t, v); err != nil {
		return "", "", fmt.Errorf("render text part: %w", err)
	}
	if err := htmlTmpl.Execute(&h, v); err != nil {
		return "", "", fmt.Errorf("render html part: %w", err)
	}
	return t.String(), h.String(), nil
}
