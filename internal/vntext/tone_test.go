package vntext

import (
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

func TestToneCanonical(t *testing.T) {
	tests := []struct{ in, want string }{
		{"hoà", "hòa"},
		{"thuỷ", "thủy"},
		{"khoẻ", "khỏe"},
		{"Khánh Hoà", "Khánh Hòa"},
		{"HOÀ", "HÒA"},
		{"Uỷ ban", "Ủy ban"},
		{"hoàn", "hoàn"},
		{"thuận", "thuận"},
		{"quý", "quý"},
		{"giữ", "giữ"},
		{"quả", "quả"},
		{"người", "người"},
		{"ngoài", "ngoài"},
		{"khoá XII, khóa XIII", "khóa XII, khóa XIII"},
		{"toà án", "tòa án"},
		{"hoạch", "hoạch"},
		{"Nguyễn", "Nguyễn"},
		{"gì", "gì"},
		{"già", "già"},
		{"quốc", "quốc"},
		{norm.NFD.String("Khánh Hoà"), "Khánh Hòa"},
		{norm.NFD.String("thuỷ"), "thủy"},
		{"Covid-19", "Covid-19"},
		{"résumé", "résumé"}, // two tone marks: not one syllable, left alone
		{"", ""},
	}
	for _, tt := range tests {
		if got := ToneCanonical(tt.in); got != tt.want {
			t.Errorf("ToneCanonical(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if got := ToneCanonical(ToneCanonical(tt.in)); got != tt.want {
			t.Errorf("ToneCanonical twice (%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// FuzzToneFastPath checks that the NFC fast path of ToneCanonical gives the
// same result as decomposing the whole string.
func FuzzToneFastPath(f *testing.F) {
	for _, s := range []string{"Khánh Hoà thuỷ khoẻ", "hoàn thuận quý giữ quả", "ḿa Ừ q̀", "người nghiệm của", "Ω x\u0301 ǅ"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		if got, want := ToneCanonical(s), toneCanonicalSlow(s); got != want {
			t.Fatalf("ToneCanonical(%q) = %q, slow path %q", s, got, want)
		}
	})
}
