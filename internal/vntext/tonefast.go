package vntext

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Rune classes of the Latin ranges Vietnamese is written in, computed once
// from the Unicode decompositions (read-only after init).
const (
	rcLetter = 1 << iota // a letter (unicode.IsLetter)
	rcVowel              // its base letter is a, e, i, o, u or y
	rcTone               // it carries one of the five tone marks
	rcMark               // a combining mark (Mn)
	rcMod                // a vowel with a quality mark (ă â ê ô ơ ư)
)

// runeInfo is what the fast path knows of one rune: its class bits and the
// lower-case base letter of its decomposition.
type runeInfo struct {
	class uint8
	lower rune
}

// latinHi bounds the low Latin table; the Vietnamese precomposed letters
// live in Latin Extended Additional (U+1E00–U+1EFF).
const (
	latinHi = 0x370
	extLo   = 0x1E00
	extHi   = 0x1F00
)

var runeClassLow, runeClassExt = buildRuneClasses()

func buildRuneClasses() (low [latinHi]runeInfo, ext [extHi - extLo]runeInfo) {
	classify := func(r rune) runeInfo {
		var c uint8
		var lower rune
		switch {
		case unicode.IsLetter(r):
			c |= rcLetter
		case unicode.Is(unicode.Mn, r):
			c |= rcMark
		}
		for i, d := range norm.NFD.String(string(r)) {
			if i == 0 {
				lower = unicode.ToLower(d)
				switch lower {
				case 'a', 'e', 'i', 'o', 'u', 'y':
					c |= rcVowel
				}
				continue
			}
			if isTone(d) {
				c |= rcTone
			} else if unicode.Is(unicode.Mn, d) {
				c |= rcMod
			}
		}
		if isTone(r) {
			c |= rcTone
		}
		return runeInfo{class: c, lower: lower}
	}
	for r := rune(0); r < latinHi; r++ {
		low[r] = classify(r)
	}
	for r := rune(extLo); r < extHi; r++ {
		ext[r-extLo] = classify(r)
	}
	return low, ext
}

// runeClass returns what the tables know of r and whether r lies in them.
func runeClass(r rune) (runeInfo, bool) {
	switch {
	case r < latinHi:
		return runeClassLow[r], true
	case r >= extLo && r < extHi:
		return runeClassExt[r-extLo], true
	}
	return runeInfo{}, false
}

// toneCanonicalNFC is ToneCanonical for NFC text written in Latin letters,
// which is nearly every page: only a word with a tone mark and two vowels
// (or a tone off its vowel) can need its tone moved, so only such words are
// decomposed. It reports false when s is outside this case.
func toneCanonicalNFC(s string) (string, bool) {
	if !norm.NFC.IsNormalString(s) {
		return "", false
	}
	var b *strings.Builder
	copied := 0 // bytes of s already written to b
	i := 0
	for i < len(s) {
		// Find the next word: a run of letters and combining marks.
		start := i
		tones, marks := 0, false
		var buf [12]letter
		w := buf[:0]
		for i < len(s) {
			r, n := rune(s[i]), 1
			if r >= utf8.RuneSelf {
				r, n = utf8.DecodeRuneInString(s[i:])
			}
			info, ok := runeClass(r)
			c := info.class
			if !ok {
				if unicode.IsLetter(r) || unicode.Is(unicode.Mn, r) {
					return "", false // a script the tables do not cover
				}
				break
			}
			if c&(rcLetter|rcMark) == 0 {
				break
			}
			if c&rcMark != 0 {
				marks = true
			}
			if c&rcTone != 0 {
				tones++
			}
			if len(w) < cap(buf) {
				l := letter{lower: info.lower}
				if c&rcMod != 0 {
					l.mods = modMarker
				}
				if c&rcTone != 0 {
					l.tone = toneAcute // which tone does not matter for placement
				}
				w = append(w, l)
			}
			i += n
		}
		if i == start {
			_, n := utf8.DecodeRuneInString(s[i:])
			i += n
			continue
		}
		if tones == 0 || (!marks && tones == 1 && len(w) < cap(buf) && toneInPlace(w)) {
			continue // nothing to move
		}
		word := toneCanonicalSlow(s[start:i])
		if word == s[start:i] {
			continue
		}
		if b == nil {
			b = &strings.Builder{}
			b.Grow(len(s))
		}
		b.WriteString(s[copied:start])
		b.WriteString(word)
		copied = i
	}
	if b == nil {
		return s, true
	}
	b.WriteString(s[copied:])
	return b.String(), true
}

// modMarker stands for the quality marks of a precomposed vowel: toneTarget
// only asks whether a letter has any. It is never written to.
var modMarker = []rune{0x302}

// toneInPlace reports whether the one tone mark of the syllable w already
// sits where placeTone would put it (or w is not one syllable, which
// placeTone leaves alone).
func toneInPlace(w []letter) bool {
	toned := -1
	for i, l := range w {
		if l.tone != 0 {
			toned = i
		}
	}
	target := toneTarget(w)
	return target < 0 || target == toned
}
