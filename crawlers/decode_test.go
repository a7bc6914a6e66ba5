package crawlers

import (
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/unicode/norm"
)

func TestDecodePage(t *testing.T) {
	// "Hòa" in windows-1258: H, o, combining grave (0xCC), a.
	cp1258, err := charmap.Windows1258.NewEncoder().String("<p>Kh\u00e1nh Ho\u0300a</p>")
	if err != nil {
		t.Fatal(err)
	}
	meta1258 := `<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1258"></head><body>` + cp1258 + `</body></html>`
	tests := []struct {
		name, contentType, body, want string
	}{
		{"utf8 header", "text/html; charset=utf-8", "<p>Khánh Hòa</p>", "<p>Khánh Hòa</p>"},
		{"bom no header", "", "\xEF\xBB\xBF<p>Khánh Hòa</p>", "<p>Khánh Hòa</p>"},
		{"nfd becomes nfc", "text/html", norm.NFD.String("<p>Khánh Hòa</p>"), "<p>Khánh Hòa</p>"},
		{"meta windows-1258", "text/html", meta1258, "Khánh Hòa"},
		{"meta utf-8 charset attr", "text/html", `<meta charset="utf-8"><p>Viện kiểm sát</p>`, "Viện kiểm sát"},
		{"no declaration valid utf8", "", "<p>Tiểu Cần</p>", "<p>Tiểu Cần</p>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := decodePage([]byte(tt.body), tt.contentType)
			if err != nil {
				t.Fatal(err)
			}
			if !norm.NFC.IsNormal(got) {
				t.Errorf("output not NFC")
			}
			if !strings.Contains(string(got), tt.want) {
				t.Errorf("decodePage = %q, want it to contain %q", got, tt.want)
			}
		})
	}
}

func TestIsHTML(t *testing.T) {
	for ct, want := range map[string]bool{
		"": true, "text/html": true, "text/html; charset=windows-1258": true,
		"application/xhtml+xml": true, "application/pdf": false, "image/png": false,
		"application/json": false, ";;;": false,
	} {
		if got := isHTML(ct); got != want {
			t.Errorf("isHTML(%q) = %v, want %v", ct, got, want)
		}
	}
}
