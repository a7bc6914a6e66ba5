package normalize

import (
	"html"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/vksnews/vksnews/internal/vntext"
	"golang.org/x/text/unicode/norm"
)

// Text returns s in the one canonical form the whole system compares and
// indexes: valid UTF-8, HTML entities decoded, NFC with the canonical tone
// placement (see vntext.ToneCanonical), invisible characters removed, runs of
// spaces collapsed to one, lines trimmed, and runs of blank lines reduced to
// one paragraph break ("\n\n"). Single line breaks are kept. Text is
// idempotent: Text(Text(s)) == Text(s).
func Text(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	// Entities are decoded until none is left, so that a double-escaped
	// "&amp;amp;" does not decode one more step on a second call. Each round
	// strictly shortens the string, so the loop ends.
	for strings.IndexByte(s, '&') >= 0 {
		d := stripInvisible(html.UnescapeString(s))
		if d == s {
			break
		}
		s = d
	}
	s = stripInvisible(s)
	s = vntext.ToneCanonical(norm.NFC.String(s))
	return collapseSpace(s)
}

// stripInvisible removes zero-width and control characters other than line
// breaks and tabs; it returns s itself when there is nothing to remove.
func stripInvisible(s string) string {
	if strings.IndexFunc(s, isInvisible) < 0 {
		return s
	}
	return strings.Map(func(r rune) rune {
		if isInvisible(r) {
			return -1
		}
		return r
	}, s)
}

func isInvisible(r rune) bool {
	switch r {
	case '\n', '\t', '\r', '\v', '\f':
		return false
	case '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad':
		return true
	}
	return unicode.IsControl(r)
}

// collapseSpace collapses horizontal white space to single spaces, trims
// every line and keeps at most one blank line between paragraphs.
func collapseSpace(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	newlines := 0  // line breaks seen since the last written character
	space := false // white space seen since the last written character
	wrote := false
	prevCR := false
	for _, r := range s {
		cr := r == '\r'
		switch {
		case r == '\n' && prevCR:
			// the LF of a CRLF: already counted
		case cr || r == '\n' || r == '\u2028' || r == '\u2029' || r == '\v' || r == '\f':
			newlines++
			space = false
		case unicode.IsSpace(r):
			space = true
		default:
			if wrote {
				switch {
				case newlines >= 2:
					b.WriteString("\n\n")
				case newlines == 1:
					b.WriteByte('\n')
				case space:
					b.WriteByte(' ')
				}
			}
			b.WriteRune(r)
			wrote = true
			newlines, space = 0, false
		}
		prevCR = cr
	}
	return b.String()
}
