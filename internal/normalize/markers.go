package normalize

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// namesOutsideBody reports whether a title names a body other than the
// procuracy: a people's committee, the police, a court, a newspaper.
func namesOutsideBody(title string) bool {
	// A body named with its place and no procuracy ("Cục Thi hành án dân
	// sự thành phố Đà Nẵng") is another body of that place.
	for _, lv := range []string{" tỉnh ", " thành phố ", " huyện ", " quận ", " thị xã ", " xã ", " phường "} {
		if i := strings.Index(title, lv); i >= 0 && isCapitalized(title[i+len(lv):]) && findProcuracy(title) == nil {
			return true
		}
	}
	for _, b := range grammar.outsideBodies {
		for off := 0; ; {
			i := strings.Index(title[off:], b)
			if i < 0 {
				break
			}
			i += off
			off = i + len(b)
			before, _ := utf8.DecodeLastRuneInString(title[:i])
			after, _ := utf8.DecodeRuneInString(title[off:])
			if (i == 0 || !unicode.IsLetter(before)) && !unicode.IsLetter(after) {
				return true
			}
		}
	}
	return false
}

// markedBefore reports whether the text just before a person (or their
// ông/bà) marks them as a party, a witness or a citizen: "bị hại là bà".
func markedBefore(before string) bool {
	// Only a marker right before the person counts: "tại Phòng tiếp công
	// dân, đồng chí A" is no citizen.
	b := strings.ToLower(strings.TrimRight(before[max(0, len(before)-48):], " "))
	b = strings.TrimSuffix(b, " là")
	b = strings.TrimSuffix(b, " nguyên")
	for _, m := range grammar.markBefore {
		if strings.HasSuffix(b, m) {
			if r, _ := utf8.DecodeLastRuneInString(b[:len(b)-len(m)]); len(b) == len(m) || !unicode.IsLetter(r) {
				return true
			}
		}
	}
	return false
}

// markedAfter reports whether what follows a name marks a citizen or a
// party: ", ngụ phường …", " (sinh năm 1980)".
func markedAfter(after string) bool {
	a := strings.ToLower(strings.TrimLeft(after[:min(len(after), 32)], " ,("))
	for _, m := range grammar.markAfter {
		if strings.HasPrefix(a, m) {
			if r, _ := utf8.DecodeRuneInString(a[len(m):]); len(a) == len(m) || !unicode.IsLetter(r) {
				return true
			}
		}
	}
	return false
}
