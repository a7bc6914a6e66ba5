package index

import (
	"unicode"
	"unicode/utf8"
)

// wordClass is what a character is to latinWords: the Unicode word-break
// classes (UAX #29) that occur in Latin text, Vietnamese included.
type wordClass uint8

const (
	wcOther     wordClass = iota // breaks words: space, punctuation, symbols
	wcLetter                     // ALetter
	wcDigit                      // Numeric
	wcMark                       // Extend: a combining mark
	wcMidLetter                  // joins letters: ':' '·'
	wcMidNum                     // joins digits: ',' ';'
	wcMidNumLet                  // joins either: '.' '\'' '‘' '’' '․'
	wcUnknown                    // anything else: leave it to the full tokenizer
)

func classOf(r rune) wordClass {
	switch {
	case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z':
		return wcLetter
	case r >= '0' && r <= '9':
		return wcDigit
	}
	switch r {
	case ':', '\u00b7':
		return wcMidLetter
	case ',', ';':
		return wcMidNum
	case '.', '\'', '\u2018', '\u2019', '\u2024':
		return wcMidNumLet
	case '_', '\u00ad', utf8.RuneError:
		return wcUnknown // ExtendNumLet, Format, an invalid byte
	case '\u2013', '\u2014', '\u201c', '\u201d', '\u2026':
		return wcOther // dashes, typographic quotes, ellipsis
	}
	switch {
	case r < 0x80:
		return wcOther
	case r >= 0x300 && r <= 0x36f:
		return wcMark
	case r < 0x250, r >= 0x1e00 && r <= 0x1eff:
		if unicode.IsLetter(r) {
			return wcLetter
		}
		if unicode.IsDigit(r) || unicode.IsMark(r) {
			return wcUnknown
		}
		return wcOther
	}
	return wcUnknown
}

// latinWords finds the words of text as bleve's unicode tokenizer does (UAX
// #29 word boundaries), several times faster, for text of Latin letters,
// digits, combining marks and common punctuation: where it meets anything
// else it returns false, and the caller uses the tokenizer. Highlighting
// splits every shown article into words, and the tokenizer was most of that.
func latinWords(text string) ([]span, bool) {
	var out []span
	start, last := -1, wcOther // the open word, and its last letter or digit
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		c := classOf(r)
		if size == 1 && r == utf8.RuneError {
			c = wcUnknown
		}
		switch c {
		case wcUnknown:
			return nil, false
		case wcLetter, wcDigit:
			if start < 0 {
				start = i
			}
			last = c
		case wcMark:
			// A mark extends its word; after anything else the rules are
			// subtler than this scanner knows.
			if start < 0 {
				return nil, false
			}
		case wcMidLetter, wcMidNum, wcMidNumLet:
			if start >= 0 {
				next, _ := utf8.DecodeRuneInString(text[i+size:])
				n := classOf(next)
				if last == wcLetter && n == wcLetter && c != wcMidNum || last == wcDigit && n == wcDigit && c != wcMidLetter {
					break
				}
				out = append(out, span{start, i})
				start = -1
			}
		default:
			if start >= 0 {
				out = append(out, span{start, i})
				start = -1
			}
		}
		i += size
	}
	if start >= 0 {
		out = append(out, span{start, len(text)})
	}
	return out, true
}

// words splits text into words: latinWords where it can, else the
// tokenizer.
func words(text string) []span {
	if sp, ok := latinWords(text); ok {
		return sp
	}
	toks := tokenizer.Tokenize([]byte(text))
	out := make([]span, len(toks))
	for i, t := range toks {
		out[i] = span{t.Start, t.End}
	}
	return out
}
