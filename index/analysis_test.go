package index

import (
	"reflect"
	"testing"

	"golang.org/x/text/unicode/norm"
)

func terms(a viAnalyzer, s string) []string {
	var out []string
	for _, tk := range a.Analyze([]byte(s)) {
		out = append(out, string(tk.Term))
	}
	return out
}

func TestAnalyzers(t *testing.T) {
	cases := []struct {
		mode analyzerMode
		in   string
		want []string
	}{
		{modeExact, "Khánh Hoà do An", []string{"khánh", "hòa", "do", "an"}},
		{modeFolded, "Khánh Hoà", []string{"khanh", "hoa"}},
		{modeFolded, norm.NFD.String("Đà Nẵng"), []string{"da", "nang"}},
		{modeFolded, "VKSND tỉnh", []string{"vksnd", "vks", "tinh"}},
		{modeFolded, "Viện KSND X", []string{"vien", "vksnd", "vks", "ksnd", "x"}},
		{modeExact, "Viện kiểm sát nhân dân tối cao", []string{"viện", "vksndtc", "vksnd", "vks", "kiểm", "sát", "nhân", "dân", "tối", "cao"}},
		{modeFolded, "TAND TP.HCM", []string{"tand", "tp.hcm", "tphcm"}},
		{modeBigram, "Viện kiểm sát nhân dân tỉnh Khánh Hòa", []string{"vksnd tinh", "tinh khanh", "khanh hoa"}},
		{modeBigram, "VKSND tỉnh Khánh Hoà", []string{"vksnd tinh", "tinh khanh", "khanh hoa"}},
		{modeBigram, "một", nil},
	}
	for _, c := range cases {
		if got := terms(viAnalyzer{mode: c.mode}, c.in); !reflect.DeepEqual(got, c.want) {
			t.Errorf("mode %d %q = %q, want %q", c.mode, c.in, got, c.want)
		}
	}
	// Added abbreviation terms span the words they stand for, so that a
	// highlight marks the whole name.
	in := "Tại Viện kiểm sát nhân dân tỉnh"
	for _, tk := range (viAnalyzer{mode: modeFolded}).Analyze([]byte(in)) {
		if string(tk.Term) == "vksnd" && in[tk.Start:tk.End] != "Viện kiểm sát nhân dân" {
			t.Errorf("vksnd spans %q", in[tk.Start:tk.End])
		}
	}
}

func TestQueryTokens(t *testing.T) {
	cases := []struct {
		in   string
		want []string
	}{
		{"viện kiểm sát nhân dân khánh hòa", []string{"vksnd", "khánh", "hòa"}},
		{"Viện KSND Khánh Hòa", []string{"vksnd", "khánh", "hòa"}},
		{"vks khanh hoa", []string{"vks", "khanh", "hoa"}},
		{"TP HCM", []string{"tphcm"}},
		{"thành phố hồ chí minh", []string{"tphcm"}},
		{"hồ chí minh", []string{"hồ", "chí", "minh"}},
	}
	for _, c := range cases {
		var got []string
		for _, tk := range queryTokens(c.in) {
			got = append(got, tk.exact)
		}
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("queryTokens(%q) = %q, want %q", c.in, got, c.want)
		}
		// Typed as separate words, the query finds the same terms.
		q, err := ParseQuery(c.in)
		if err != nil {
			t.Fatal(err)
		}
		got = got[:0]
		for _, tk := range positiveTokens(q) {
			got = append(got, tk.exact)
		}
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("positiveTokens(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
