package normalize

import (
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

func TestText(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"entities", "Tòa &amp; Viện&nbsp;kiểm sát &quot;A&quot;", `Tòa & Viện kiểm sát "A"`},
		{"double escaped", "a &amp;amp; b", "a & b"},
		{"spaces", "  a \t  b  ", "a b"},
		{"paragraphs", "a\n\n\n\nb", "a\n\nb"},
		{"line kept", "a  \n  b", "a\nb"},
		{"crlf", "a\r\nb\r\n\r\nc", "a\nb\n\nc"},
		{"zero width", "Hà\u200b Nội\ufeff", "Hà Nội"},
		{"nfd and tone", norm.NFD.String("Khánh Hoà"), "Khánh Hòa"},
		{"invalid utf8", "a\xffb", "a\uFFFDb"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Text(tt.in)
			if got != tt.want {
				t.Errorf("Text(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if again := Text(got); again != got {
				t.Errorf("Text not idempotent: %q -> %q", got, again)
			}
		})
	}
}

func FuzzText(f *testing.F) {
	for _, s := range []string{"Khánh Hoà", "a &amp;amp; b", "x\r\n\r\ny", norm.NFD.String("thuỷ khoẻ"), "&am\u200bp;", "\xff\xfe"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := Text(s)
		if !utf8.ValidString(out) {
			t.Fatalf("Text(%q) is not valid UTF-8: %q", s, out)
		}
		if again := Text(out); again != out {
			t.Fatalf("Text not idempotent on %q: %q -> %q", s, out, again)
		}
		if !norm.NFC.IsNormalString(out) {
			t.Fatalf("Text(%q) = %q is not NFC", s, out)
		}
	})
}
