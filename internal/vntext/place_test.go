package vntext

import (
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

func TestPlaceKey(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Thanh Hóa", "thanh hoa"},
		{"thanh hoa", "thanh hoa"},
		{"THANH HOÁ", "thanh hoa"},
		{"tỉnh Thanh Hoá", "thanh hoa"},
		{norm.NFD.String("Thanh Hoá"), "thanh hoa"},
		{"TP. Hồ Chí Minh", "ho chi minh"},
		{"TP.Hồ Chí Minh", "ho chi minh"},
		{"Thành phố Hồ Chí Minh", "ho chi minh"},
		{"ho chi minh", "ho chi minh"},
		{"TP.HCM", "hcm"},
		{"TPHCM", "tphcm"}, // one word: nothing to drop
		{"Thủ đô Hà Nội", "ha noi"},
		{"Thừa Thiên - Huế", "thua thien hue"},
		{"Bà Rịa–Vũng Tàu", "ba ria vung tau"},
		{"Bà Rịa-Vũng Tàu", "ba ria vung tau"},
		{"Hòa Bình,", "hoa binh"},
		{"Đắk Lắk", "dak lak"},
		{"tỉnh", "tinh"},           // no name after it: kept
		{"Thành phố", "thanh pho"}, // likewise
		{"tỉnh tỉnh", "tinh"},      // one word dropped, not more
		{"", ""},
	}
	for _, tt := range tests {
		if got := PlaceKey(tt.in); got != tt.want {
			t.Errorf("PlaceKey(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func FuzzPlaceKey(f *testing.F) {
	for _, s := range []string{"TP. Hồ Chí Minh", "tỉnh Thanh Hoá", "Thừa Thiên - Huế", "thành phố", "a-b.c,d", " \t "} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		k := PlaceKey(s)
		if k != Key(k) {
			t.Fatalf("PlaceKey(%q) = %q is not a Key", s, k)
		}
		if strings.ContainsAny(k, "-–—.,") {
			t.Fatalf("PlaceKey(%q) = %q keeps punctuation", s, k)
		}
		if utf8.RuneCountInString(k) > utf8.RuneCountInString(norm.NFD.String(s)) {
			t.Fatalf("PlaceKey(%q) = %q grew", s, k)
		}
		// Neither folding nor tone placement first changes the key, nor
		// does the case of the input.
		for _, v := range []string{Fold(s), ToneCanonical(s), strings.ToUpper(s), norm.NFD.String(s)} {
			if PlaceKey(v) != k && utf8.ValidString(v) && sameLetters(v, s) {
				t.Fatalf("PlaceKey(%q) = %q but PlaceKey(%q) = %q", s, k, v, PlaceKey(v))
			}
		}
	})
}

// sameLetters reports whether a and b fold to the same text, the
// precondition of PlaceKey agreeing on them (strings.ToUpper can change
// the letters of other scripts, "ß" → "SS").
func sameLetters(a, b string) bool { return Fold(a) == Fold(b) }
