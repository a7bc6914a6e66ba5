package vntext

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// The five Vietnamese tone marks as combining characters (NFD).
const (
	toneGrave = '\u0300' // huyền
	toneAcute = '\u0301' // sắc
	toneTilde = '\u0303' // ngã
	toneHook  = '\u0309' // hỏi
	toneDot   = '\u0323' // nặng
)

func isTone(r rune) bool {
	switch r {
	case toneGrave, toneAcute, toneTilde, toneHook, toneDot:
		return true
	}
	return false
}

// letter is one base letter of a syllable in NFD with its combining marks
// split into the tone mark and the others (circumflex, breve, horn).
type letter struct {
	base  rune // as written (case kept)
	lower rune
	mods  []rune
	tone  rune // 0 when none
	// toneAt is how many of mods came before the tone mark: a tone that
	// stays is written back in its place, so that marks of the same
	// combining class ("Ȭ": tilde, then macron) keep their order.
	toneAt int
}

func (l letter) isVowel() bool {
	switch l.lower {
	case 'a', 'e', 'i', 'o', 'u', 'y':
		return true
	}
	return false
}

// modified reports a vowel that carries a quality mark (ă â ê ô ơ ư): such a
// vowel always takes the tone.
func (l letter) modified() bool { return l.isVowel() && len(l.mods) > 0 }

// ToneCanonical moves the tone mark of every syllable to its canonical vowel,
// the placement the seeds and most portals use ("hòa", "thủy", "khỏe"): in an
// open syllable ending in oa, oe or uy the tone sits on the first vowel, while
// "hoàn", "thuận", "quý", "giữ" and "quả" keep theirs. Words that are not a
// single well-formed syllable (two tone marks, two vowel groups) are left as
// they are. Input may be NFC or NFD; the output is NFC.
func ToneCanonical(s string) string {
	if isASCII(s) {
		return s
	}
	if out, ok := toneCanonicalNFC(s); ok {
		return out
	}
	return toneCanonicalSlow(s)
}

// toneCanonicalSlow is ToneCanonical on any input: it decomposes the whole
// string, which costs several passes; toneCanonicalNFC avoids it for the
// common case and must give the same result.
func toneCanonicalSlow(s string) string {
	d := norm.NFD.String(s)
	var b strings.Builder
	b.Grow(len(d))
	var word []letter
	flush := func() {
		if len(word) > 0 {
			placeTone(word)
			for _, l := range word {
				b.WriteRune(l.base)
				for i, m := range l.mods {
					if l.tone != 0 && i == l.toneAt {
						b.WriteRune(l.tone)
					}
					b.WriteRune(m)
				}
				if l.tone != 0 && l.toneAt >= len(l.mods) {
					b.WriteRune(l.tone)
				}
			}
			word = word[:0]
		}
	}
	for _, r := range d {
		switch {
		case unicode.IsLetter(r):
			word = append(word, letter{base: r, lower: unicode.ToLower(r)})
		case unicode.Is(unicode.Mn, r) && len(word) > 0:
			l := &word[len(word)-1]
			if isTone(r) && l.tone == 0 {
				l.tone, l.toneAt = r, len(l.mods)
			} else {
				l.mods = append(l.mods, r)
			}
		default:
			flush()
			b.WriteRune(r)
		}
	}
	flush()
	return norm.NFC.String(b.String())
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// placeTone moves the single tone mark of a syllable to its canonical vowel.
func placeTone(w []letter) {
	toned := -1
	for i, l := range w {
		if l.tone != 0 {
			if toned >= 0 {
				return // two tone marks: not one syllable, leave it
			}
			toned = i
		}
		for _, m := range l.mods {
			if isTone(m) {
				return // a second tone mark on one letter
			}
		}
	}
	if toned < 0 {
		return
	}
	target := toneTarget(w)
	if target < 0 || target == toned {
		return
	}
	// A moved tone goes after the target's quality mark, as in "ấ".
	w[target].tone, w[target].toneAt, w[toned].tone = w[toned].tone, len(w[target].mods), 0
}

// toneTarget returns the index of the vowel that should carry the tone, or -1
// when w is not one Vietnamese syllable.
func toneTarget(w []letter) int {
	start := -1
	for i, l := range w {
		if l.isVowel() {
			start = i
			break
		}
	}
	if start < 0 {
		return -1
	}
	end := start
	for end < len(w) && w[end].isVowel() {
		end++
	}
	for _, l := range w[end:] {
		if l.isVowel() {
			return -1 // a second vowel group: not a single syllable
		}
	}
	// "qu" and "gi" + vowel: the u and the i belong to the initial consonant.
	if start > 0 && end-start > 1 {
		prev := w[start-1].lower
		first := w[start]
		if (prev == 'q' && first.lower == 'u' && len(first.mods) == 0) ||
			(prev == 'g' && start == 1 && first.lower == 'i' && len(first.mods) == 0) {
			start++
		}
	}
	for i := end - 1; i >= start; i-- {
		if w[i].modified() {
			return i
		}
	}
	n := end - start
	switch {
	case n == 1:
		return start
	case end < len(w): // a final consonant: the last vowel
		return end - 1
	case n == 2: // open syllable: the first (hòa, thủy, khỏe, mùa, bảo)
		return start
	default: // three vowels, open: the middle one (ngoài, khuya)
		return start + 1
	}
}
