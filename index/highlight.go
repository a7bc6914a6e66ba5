package index

import (
	"html"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/vksnews/vksnews/internal/article"
	"github.com/vksnews/vksnews/internal/vntext"
)

// Fragment sizes for body highlights, in bytes of the original text.
const (
	maxFragments   = 3
	fragmentBefore = 60
	fragmentWidth  = 220
)

// marker finds the matched words of a query in original text. It analyses
// the stored text with the index's own analysis, so each token's offsets are
// the match locations in the original spelling: an unaccented query marks
// the accented word, and NFD text is marked on whole characters.
type marker struct {
	exact  map[string]bool // words typed with marks: match as typed
	folded map[string]bool // words typed without: match in any spelling
	// exactFolded holds the exact words without marks: only a token that
	// folds to one of them needs its exact form computed.
	exactFolded map[string]bool
	// needles are folded strings one of which a paragraph must contain to
	// have a match, a cheap test before the paragraph is analysed.
	needles []string
}

func newMarker(q Query) marker {
	m := marker{exact: map[string]bool{}, folded: map[string]bool{}, exactFolded: map[string]bool{}}
	for _, tk := range positiveTokens(q) {
		if hasMarks(tk.exact) {
			m.exact[tk.exact] = true
			m.exactFolded[tk.folded] = true
		} else {
			m.folded[tk.folded] = true
		}
		m.needles = append(m.needles, tk.folded)
		for _, a := range abbrevs {
			if a.canonical == tk.folded || slices.Contains(a.implies, tk.folded) {
				m.needles = append(m.needles, a.forms...)
			}
		}
	}
	return m
}

// mayMatch reports whether text could contain a match.
func (m marker) mayMatch(text string) bool {
	// A name may wrap at a single line break.
	f := strings.ReplaceAll(vntext.Fold(text), "\n", " ")
	return slices.ContainsFunc(m.needles, func(n string) bool { return strings.Contains(f, n) })
}

func (m marker) empty() bool { return len(m.exact) == 0 && len(m.folded) == 0 }

// highlights returns the marked title and body fragments of a. The body's
// fragments never repeat the title: a body that opens with it (many
// portals print it again) is searched after it.
func (m marker) highlights(a article.Article) map[string][]string {
	if m.empty() {
		return nil
	}
	out := map[string][]string{}
	if sp := m.spans(a.Title); len(sp) > 0 {
		out["title"] = []string{markText(a.Title, 0, len(a.Title), sp)}
	}
	from := titleEnd(a.Body, a.Title)
	if sp := m.bodySpans(a.Body, from); len(sp) > 0 {
		out["body"] = fragments(a.Body, from, sp)
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// titleEnd returns where body's text starts after a leading copy of title
// (compared folded, ignoring spacing and end punctuation), or 0.
func titleEnd(body, title string) int {
	t := vntext.Key(title)
	if t == "" {
		return 0
	}
	end := strings.IndexByte(body, '\n')
	if end < 0 {
		end = len(body)
	}
	first := strings.TrimRight(vntext.Key(body[:end]), ".:;!? ")
	if first != strings.TrimRight(t, ".:;!? ") {
		return 0
	}
	for end < len(body) && (body[end] == '\n' || body[end] == ' ') {
		end++
	}
	return end
}

// bodySpans is spans on a body, sentence by sentence, stopping once the
// matches found fill every fragment: long bodies cost no more than short,
// and a common word costs a sentence or two per hit, not the whole body
// (analysing the text is the dearest part of a search).
func (m marker) bodySpans(body string, from int) []span {
	var out []span
	for at := from; at < len(body); {
		end := sentenceEnd(body, at)
		if p := body[at:end]; m.mayMatch(p) {
			for _, s := range m.spans(p) {
				out = append(out, span{s.start + at, s.end + at})
			}
			// Matches in later sentences cannot enter the fragments
			// once they are full.
			if ws := windows(body, from, out); len(ws) == maxFragments && ws[len(ws)-1].to <= end {
				break
			}
		}
		at = end
	}
	return out
}

// sentenceEnd returns the end of the sentence or paragraph that starts at
// at: after ".", "!", "?" or ";" and a space, or at a blank line. A dot
// after a word of one or two letters ("TP. Hồ Chí Minh", "Đ/c. A") does not
// end a sentence, so abbreviations stay whole.
func sentenceEnd(text string, at int) int {
	for i := at; i < len(text)-1; i++ {
		switch text[i] {
		case '\n':
			if text[i+1] == '\n' {
				return i + 2
			}
		case '.', '!', '?', ';':
			if text[i+1] != ' ' {
				continue
			}
			w := i
			for w > at && text[w-1] != ' ' && text[w-1] != '\n' {
				w--
			}
			if utf8.RuneCountInString(text[w:i]) > 2 {
				return i + 2
			}
		}
	}
	return len(text)
}

// span is a byte range of the original text.
type span struct{ start, end int }

// spans returns the matched ranges of text, sorted and merged.
//
// It splits text into words as the index's tokenizer does (see words), but
// folds the raw words directly (folding drops case and marks, so it gives
// what folding the exact form gives) and computes the dearer exact form only
// for the few words that may match as typed.
func (m marker) spans(text string) []span {
	toks := words(text)
	folded := make([]string, len(toks))
	for i, t := range toks {
		folded[i] = vntext.Fold(text[t.start:t.end])
	}
	var out []span
	for i, t := range toks {
		if w := folded[i]; m.folded[w] || m.exactFolded[w] && m.exact[vntext.Exact(text[t.start:t.end])] {
			out = append(out, t)
		}
		// A spelled-out abbreviation is marked whole when the query names
		// it ("vksnd" marks "Viện kiểm sát nhân dân").
		for _, f := range abbrevIndex[folded[i]] {
			if !f.matchesAt(folded, i) {
				continue
			}
			if m.folded[f.ab.canonical] || slices.ContainsFunc(f.ab.implies, func(s string) bool { return m.folded[s] }) {
				out = append(out, span{t.start, toks[i+len(f.words)-1].end})
			}
		}
	}
	slices.SortFunc(out, func(a, b span) int { return a.start - b.start })
	merged := out[:0]
	for _, s := range out {
		if n := len(merged); n > 0 && s.start <= merged[n-1].end {
			merged[n-1].end = max(merged[n-1].end, s.end)
			continue
		}
		merged = append(merged, s)
	}
	return merged
}

// markText escapes text[from:to] and wraps the spans inside it in <mark>.
func markText(text string, from, to int, sp []span) string {
	var b strings.Builder
	at := from
	for _, s := range sp {
		if s.end <= from || s.start >= to {
			continue
		}
		b.WriteString(html.EscapeString(text[at:s.start]))
		b.WriteString("<mark>")
		b.WriteString(html.EscapeString(text[s.start:s.end]))
		b.WriteString("</mark>")
		at = s.end
	}
	b.WriteString(html.EscapeString(text[at:to]))
	return b.String()
}

// fragments cuts up to maxFragments windows of text (from from on) around
// the spans, each starting at a sentence or word start and ending at a
// sentence or word end, with an ellipsis where text was cut. Windows never
// overlap, and a fragment whose text another already shows is dropped.
func fragments(text string, from int, sp []span) []string {
	var out []string
	seen := map[string]bool{}
	for _, w := range windows(text, from, sp) {
		plain := vntext.Key(text[w.from:w.to])
		if seen[plain] {
			continue
		}
		seen[plain] = true
		f := markText(text, w.from, w.to, sp[w.first:w.last])
		if w.from > from && !sentenceStart(text, w.from) {
			f = "…" + f
		}
		if w.to < len(text) && !endsSentence(text[:w.to]) {
			f += "…"
		}
		out = append(out, strings.TrimSpace(f))
	}
	return out
}

// window is one fragment: text[from:to], holding spans first to last-1.
type window struct{ from, to, first, last int }

// sentenceSlack is how far past its width a fragment may grow to end
// with its sentence rather than mid-sentence.
const sentenceSlack = 60

// windows groups the spans into up to maxFragments windows. A window
// starts at the sentence of its first span when that begins at most
// 2×fragmentBefore bytes before it, else at a word; it ends at its
// sentence's end when that is near, else at a word. A window that would
// start inside the previous one extends it instead, so that no text
// shows twice and no word is split between two fragments.
func windows(text string, floor int, sp []span) []window {
	var out []window
	for i := 0; i < len(sp) && len(out) < maxFragments; {
		start := windowStart(text, floor, sp[i].start)
		var w window
		if n := len(out); n > 0 && start <= out[n-1].to {
			w = out[n-1]
			out = out[:n-1]
		} else {
			w = window{from: start, first: i}
		}
		w.to = max(windowEnd(text, start+fragmentWidth), sp[i].end, w.to)
		j := i
		for j < len(sp) && sp[j].start < w.to {
			w.to = max(w.to, sp[j].end)
			j++
		}
		w.last = j
		out = append(out, w)
		i = j
	}
	return out
}

// windowStart is where a fragment showing a match at match begins (not
// before floor): the latest sentence start up to 2×fragmentBefore bytes
// before the match, else the first word start fragmentBefore before it.
func windowStart(text string, floor, match int) int {
	for i := match; i >= max(floor, match-2*fragmentBefore); i-- {
		if sentenceStart(text, i) {
			return i
		}
	}
	return wordStart(text, max(floor, match-fragmentBefore), match)
}

// windowEnd is where a fragment aimed to end near i ends: the end of its
// sentence when within sentenceSlack, else the end of the word at i.
func windowEnd(text string, i int) int {
	if i >= len(text) {
		return len(text)
	}
	for k := i; k < len(text) && k < i+sentenceSlack; k++ {
		if endsSentence(text[:k+1]) && (k+1 == len(text) || text[k+1] == ' ' || text[k+1] == '\n') {
			return k + 1
		}
	}
	return wordEnd(text, i)
}

// sentenceStart reports whether a sentence or paragraph starts at i: at a
// word after a line break, or after a space that follows ".", "!", "?"
// or ";" that ends a sentence.
func sentenceStart(text string, i int) bool {
	if i <= 0 {
		return true
	}
	if i >= len(text) || text[i] == ' ' || text[i] == '\n' || text[i-1] != ' ' && text[i-1] != '\n' {
		return false
	}
	before := strings.TrimRight(text[:i], " ")
	if strings.HasSuffix(before, "\n") || before == "" {
		return true
	}
	last := len(before) - 1
	if !strings.ContainsRune(".!?;", rune(before[last])) {
		return false
	}
	// A short capitalised word before the dot is an abbreviation ("TP.",
	// "Đ/c."); a short lower-case one ends a sentence ("… cả.").
	w := strings.LastIndexAny(before[:last], " \n") + 1
	word := before[w:last]
	r, _ := utf8.DecodeRuneInString(word)
	return utf8.RuneCountInString(word) > 2 || !unicode.IsUpper(r)
}

// endsSentence reports whether s ends with a sentence's final mark.
func endsSentence(s string) bool {
	return strings.HasSuffix(s, ".") || strings.HasSuffix(s, "!") || strings.HasSuffix(s, "?") ||
		strings.HasSuffix(s, ";") || strings.HasSuffix(s, ":") || strings.HasSuffix(s, "…")
}

// wordStart returns the first word start in [i, limit] (limit when none):
// a fragment never begins inside a word.
func wordStart(text string, i, limit int) int {
	if i <= 0 {
		return 0
	}
	for i < len(text) && !utf8.RuneStart(text[i]) {
		i++
	}
	if text[i-1] == ' ' || text[i-1] == '\n' {
		return i
	}
	if k := strings.IndexAny(text[i:limit], " \n"); k >= 0 {
		return i + k + 1
	}
	return limit
}

// wordEnd moves i forward to the end of a word (or the end of text).
func wordEnd(text string, i int) int {
	if i >= len(text) {
		return len(text)
	}
	if k := strings.IndexAny(text[i:], " \n"); k >= 0 {
		return i + k
	}
	return len(text)
}
