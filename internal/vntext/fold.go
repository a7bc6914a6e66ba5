// Package vntext holds the text operations on Vietnamese that the rest of
// the system shares, so that a name is folded, keyed and matched the same way
// wherever it is compared: Fold drops diacritics, Key makes a comparison key
// of a value, ToneCanonical puts tone marks where the seeds put them ("hoà"
// and "hòa" agree), and PlaceKey is the key of a province or district name.
//
// The normalizer uses them to read names in articles, the filter to compare
// facets, and the index to analyse terms; a change here changes stored index
// terms (bump schemaVersion in index/index.go).
package vntext

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// foldTable maps each precomposed Latin letter (U+00C0–U+1EFF) to its lower
// case base letter, so that folding NFC text needs no decomposition; 0 means
// the letter has no table entry. It is built once and only read.
var foldTable = buildFoldTable()

const foldLo, foldHi = 0xC0, 0x1F00

func buildFoldTable() []rune {
	t := make([]rune, foldHi-foldLo)
	for r := rune(foldLo); r < foldHi; r++ {
		d := []rune(norm.NFD.String(string(r)))
		if len(d) == 0 || d[0] >= utf8.RuneSelf {
			continue
		}
		ok := true
		for _, m := range d[1:] {
			ok = ok && unicode.Is(unicode.Mn, m)
		}
		if ok {
			t[r-foldLo] = unicode.ToLower(d[0])
		}
	}
	t['đ'-foldLo], t['Đ'-foldLo] = 'd', 'd'
	return t
}

// Fold removes every diacritic: combining marks dropped, đ→d, lower case.
// It accepts NFC and NFD alike and leaves spaces as they are: "Khánh Hoà"
// and "KHÁNH HÒA" both fold to "khanh hoa".
func Fold(s string) string {
	if isLowerASCII(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r < utf8.RuneSelf:
			r = unicode.ToLower(r)
		case r >= foldLo && r < foldHi && foldTable[r-foldLo] != 0:
			r = foldTable[r-foldLo]
		case unicode.Is(unicode.Mn, r):
			continue
		default:
			// Outside the table (another script): decompose, drop marks.
			for _, d := range norm.NFD.String(string(r)) {
				if !unicode.Is(unicode.Mn, d) {
					b.WriteRune(unicode.ToLower(d))
				}
			}
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// Key folds a value for comparison: Fold, then every run of white space made
// one space and the ends trimmed. "Khánh Hoà", " khanh  hoa" and "KHÁNH HÒA"
// share one key.
func Key(s string) string {
	return collapseSpaces(Fold(s))
}

// collapseSpaces trims s and reduces each run of white space to one space.
func collapseSpaces(s string) string {
	clean := true
	for i, r := range s {
		if unicode.IsSpace(r) && (r != ' ' || i == 0 || i == len(s)-1 || s[i+1] == ' ') {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	return strings.Join(strings.FieldsFunc(s, unicode.IsSpace), " ")
}

// Exact is the exact form of a word, the one the index compares words
// in when marks count: lower case, NFC, and the tone mark
// on its canonical vowel, so "Hoà", "hòa" and their NFD spellings agree.
func Exact(w string) string {
	if isLowerASCII(w) {
		return w
	}
	w = strings.ToLower(w)
	if !isLatinNFC(w) && !norm.NFC.IsNormalString(w) {
		w = norm.NFC.String(w)
	}
	return ToneCanonical(w)
}

// isLatinNFC reports, cheaply, a word that is surely NFC: Latin letters
// (Basic to Extended-B and Extended Additional, where Vietnamese lives) and
// no combining mark. Anything else is checked by norm.
func isLatinNFC(s string) bool {
	for _, r := range s {
		if r >= 0x250 && (r < 0x1E00 || r > 0x1EFF) {
			return false
		}
	}
	return true
}

func isLowerASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf || ('A' <= c && c <= 'Z') {
			return false
		}
	}
	return true
}
