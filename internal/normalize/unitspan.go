package normalize

import (
	"strings"
)

// findProcuracy returns the first procuracy prefix in s at word boundaries.
func findProcuracy(s string) []int {
	for _, loc := range reProcuracy.FindAllStringIndex(s, -1) {
		if wholeWord(s, loc) {
			return loc
		}
	}
	return nil
}

// unitLevelWords are the lower-case words a unit phrase may contain after
// the procuracy prefix: "VKSND cấp cao tại", "VKSND khu vực", "thị xã".
var unitLevelWords = map[string]bool{"tỉnh": true, "thành": true, "phố": true, "huyện": true, "quận": true,
	"thị": true, "xã": true, "khu": true, "vực": true, "tối": true, "cao": true, "cấp": true, "tại": true,
	"quân": true, "sự": true, "nhân": true, "dân": true, "các": true, "tp": true, "tp.": true}

// unitSpan returns the length in bytes of the unit phrase at the start of s
// (which opens with a procuracy prefix): the prefix, the level words and the
// place name, with ", tỉnh X" and "– X" (the khu vực forms). It stops at the
// first other word: a verb, or the name of the person the title heads.
func unitSpan(s string) int {
	loc := reProcuracy.FindStringIndex(s)
	if loc == nil || loc[0] != 0 {
		return 0
	}
	pos := loc[1]
	if m := rePressAbbrev.FindStringIndex(s[pos:]); m != nil {
		pos += m[1]
	}
	for k := 0; k < 12; k++ {
		j := pos
		for j < len(s) && s[j] == ' ' {
			j++
		}
		if j < len(s) && s[j] == ',' {
			// "Khu vực 5, tỉnh Quảng Trị": the province after a comma.
			next := strings.ToLower(firstWord(strings.TrimLeft(s[j+1:], " ")))
			if next != "tỉnh" && next != "thành" && next != "tp" {
				break
			}
			pos = j + 1
			continue
		}
		word := firstWord(s[j:])
		if word == "" {
			break
		}
		switch {
		case word == "-" || word == "–" || word == "—":
		case unitLevelWords[word]:
		case isCapitalized(word):
			if nm, _ := nameAt(s[j:], false); strings.Contains(nm, " ") {
				return pos // the person the title heads
			}
		default:
			return pos
		}
		pos = j + len(word)
	}
	return pos
}

// firstWord returns the word s starts with, up to a space or punctuation.
func firstWord(s string) string {
	i := strings.IndexAny(s, " ,;:()\n\t\"“”")
	if i < 0 {
		i = len(s)
	}
	w := s[:i]
	if strings.HasSuffix(w, ".") && !strings.EqualFold(w, "tp.") {
		w = w[:len(w)-1]
	}
	return w
}
