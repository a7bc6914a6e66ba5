package normalize

import (
	_ "embed"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/vksnews/vksnews/internal/vntext"
)

//go:embed data/surnames.txt
var surnamesTXT string

// surnames is the set of Vietnamese family names (first syllable only).
var surnames = func() map[string]bool {
	m := map[string]bool{}
	for _, l := range strings.Split(surnamesTXT, "\n") {
		l = strings.TrimSpace(l)
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		m[Text(strings.Fields(l)[0])] = true
	}
	return m
}()

// nameAt reads a person's name at the start of s: two to five capitalised
// syllables (or all in capitals), the first a known surname unless an intro
// licenses the name ("đồng chí Rơ Mah Tuấn"), or one syllable, a short later
// mention. It returns the name, in title case, and its length in bytes.
func nameAt(s string, licensed bool) (string, int) {
	var syl []string
	pos := 0
	caps := false
	for len(syl) < 5 {
		rest := s[pos:]
		sp := 0
		for sp < len(rest) && rest[sp] == ' ' {
			sp++
		}
		if len(syl) > 0 && sp != 1 {
			break
		}
		w := rest[sp:]
		end := strings.IndexFunc(w, func(r rune) bool { return !unicode.IsLetter(r) })
		if end < 0 {
			end = len(w)
		}
		word := w[:end]
		up := isUpperSyllable(word)
		if len(syl) == 0 {
			caps = up && utf8.RuneCountInString(word) > 1
		}
		switch {
		case caps && up:
			word = titleCase(word)
		case !caps && isNameSyllable(word, licensed):
		default:
			word = ""
		}
		if word == "" {
			break
		}
		syl = append(syl, word)
		pos += sp + end
	}
	if len(syl) == 0 || (caps && len(syl) < 2) {
		return "", 0
	}
	if len(syl) == 1 {
		return syl[0], pos // a short mention, merged later or dropped
	}
	if !surnames[syl[0]] && (!licensed || caps || grammar.notNames[syl[0]]) {
		return "", 0
	}
	name := strings.Join(syl, " ")
	if _, _, ok := LookupProvince(name); ok {
		return "", 0
	}
	if _, ok := districts.byKey[vntext.PlaceKey(name)]; ok {
		return "", 0 // "Lâm Hà", "Sơn Tịnh": a district, not a person
	}
	if utf8.RuneCountInString(syl[len(syl)-1]) == 1 {
		return "", 0 // "Thạch Thị P.": a party to a case, named by initial
	}
	if len(syl) == 2 && syl[0] == "Đoàn" && pos+1 < len(s) && s[pos] == ' ' {
		// "Đoàn Thanh niên", "Đoàn Kiểm tra": a body, not Mr Đoàn.
		if r, _ := utf8.DecodeRuneInString(s[pos+1:]); unicode.IsLower(r) {
			return "", 0
		}
	}
	return name, pos
}

// isNameSyllable: capitalised, then lower case, at most 7 letters (a
// Vietnamese syllable), or 10 after an intro ("đồng chí Chamaléa Thị Lan").
func isNameSyllable(w string, licensed bool) bool {
	longest := 7
	if licensed {
		longest = 10
	}
	if w == "" || utf8.RuneCountInString(w) > longest {
		return false
	}
	for i, r := range w {
		if !unicode.IsLetter(r) {
			return false
		}
		if (i == 0) != unicode.IsUpper(r) {
			return false
		}
	}
	return true
}

// isUpperSyllable: letters, all upper case, at most 7.
func isUpperSyllable(w string) bool {
	if w == "" || utf8.RuneCountInString(w) > 7 {
		return false
	}
	for _, r := range w {
		if !unicode.IsUpper(r) {
			return false
		}
	}
	return true
}

// titleCase turns "HÙNG" into "Hùng".
func titleCase(w string) string {
	r, n := utf8.DecodeRuneInString(w)
	return string(r) + strings.ToLower(w[n:])
}
