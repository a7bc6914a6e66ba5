package vntext

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"vksnd", "vksnd"},
		{"VKSND Tối Cao", "vksnd toi cao"},
		{"Khánh Hoà", "khanh hoa"},
		{"KHÁNH HÒA", "khanh hoa"},
		{norm.NFD.String("Khánh Hòa"), "khanh hoa"},
		{"Đà Nẵng", "da nang"},
		{"đường  Điện Biên", "duong  dien bien"}, // spaces kept as they are
		{"Nguyễn Thị Hương", "nguyen thi huong"},
		{"ư ơ ă â ê ô", "u o a a e o"},
		{"Ω ǅ", "ω ǆ"}, // other letters: lower case only
	}
	for _, tt := range tests {
		if got := Fold(tt.in); got != tt.want {
			t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestKey(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"  ", ""},
		{"Khánh Hoà", "khanh hoa"},
		{" khanh \t hoa\n", "khanh hoa"},
		{"  Kha\u0301nh   Ho\u0300a ", "khanh hoa"},
		{"VKSND\u00a0tỉnh  Đắk Lắk", "vksnd tinh dak lak"},
		{"TP. Hồ Chí Minh", "tp. ho chi minh"}, // punctuation is kept: see PlaceKey
	}
	for _, tt := range tests {
		if got := Key(tt.in); got != tt.want {
			t.Errorf("Key(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// Fold must agree with decomposing the text and dropping its combining
// marks, on every letter of the Latin, Greek and Cyrillic blocks.
func TestFoldMatchesDecomposition(t *testing.T) {
	for r := rune(0x20); r < 0x2000; r++ {
		if !utf8.ValidRune(r) {
			continue
		}
		if got, want := Fold(string(r)), decomposedFold(string(r)); got != want {
			t.Errorf("Fold(%q U+%04X) = %q, want %q", string(r), r, got, want)
		}
	}
}

// decomposedFold is the definition Fold's tables speed up.
func decomposedFold(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case r == 'đ' || r == 'Đ':
			b.WriteByte('d')
		default:
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

func FuzzFold(f *testing.F) {
	for _, s := range []string{"Khánh Hoà", "ĐÀ NẴNG", norm.NFD.String("thuỷ"), "ascii only 123", "Ω x\u0301 ǅ", "  a \t b  "} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		fs := Fold(s)
		if Fold(fs) != fs {
			t.Fatalf("Fold not idempotent: Fold(%q) = %q, Fold again = %q", s, fs, Fold(fs))
		}
		// Only marks are dropped and a letter folds to at most its
		// decomposition, which for the Latin table is one rune.
		if n, m := utf8.RuneCountInString(fs), utf8.RuneCountInString(norm.NFD.String(s)); n > m {
			t.Fatalf("Fold(%q) = %q has %d runes, the decomposition only %d", s, fs, n, m)
		}
		if isASCII(s) && fs != strings.ToLower(s) {
			t.Fatalf("Fold(%q) = %q, want plain lower case", s, fs)
		}
		if Key(fs) != Key(s) || Key(Key(s)) != Key(s) {
			t.Fatalf("Key(%q) = %q, Key(Fold) = %q, Key(Key) = %q", s, Key(s), Key(fs), Key(Key(s)))
		}
		if Fold(ToneCanonical(s)) != fs {
			t.Fatalf("tone placement changed the folded form of %q: %q vs %q", s, Fold(ToneCanonical(s)), fs)
		}
	})
}

func TestExact(t *testing.T) {
	cases := []struct{ in, want string }{
		{"Hoà", "hòa"},
		{"hòa", "hòa"},
		{norm.NFD.String("HOÀ"), "hòa"},
		{"Thuỷ", "thủy"},
		{"hoàn", "hoàn"},
		{"ĐÀ", "đà"},
		{"vksnd", "vksnd"},
	}
	for _, c := range cases {
		if got := Exact(c.in); got != c.want {
			t.Errorf("Exact(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
