package vntext

import "strings"

// PlaceKey is the key under which a province or district name is looked up,
// the one tolerance every part of the system uses for place names:
//
//   - Key: case, diacritics and đ/Đ do not count, nor does tone placement
//     or NFC versus NFD ("Thanh Hóa", "thanh hoa" and "THANH HOÁ" agree);
//   - hyphens and dashes (- – —), dots and commas count as spaces, and runs
//     of spaces as one ("Thừa Thiên - Huế", "Bà Rịa-Vũng Tàu", "TP.HCM");
//   - one leading administrative word is dropped when a name follows it:
//     "tỉnh", "thành phố", "TP" and "thủ đô", so "TP. Hồ Chí Minh",
//     "Thành phố Hồ Chí Minh" and "ho chi minh" agree.
//
// Names that differ in more than these ("Đắk Lắk" and "Đắc Lắc") are
// different keys: aliases in the reference data cover such spellings.
func PlaceKey(s string) string {
	k := Key(strings.Map(func(r rune) rune {
		switch r {
		case '-', '–', '—', '.', ',':
			return ' '
		}
		return r
	}, s))
	// The administrative words, folded and followed by their space.
	for _, prefix := range [...]string{"tinh ", "thanh pho ", "tp ", "thu do "} {
		if rest, ok := strings.CutPrefix(k, prefix); ok && rest != "" {
			return rest
		}
	}
	return k
}
