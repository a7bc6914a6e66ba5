package index

import (
	"reflect"
	"testing"

	"github.com/vksnews/vksnews/internal/synthcorpus"

	"golang.org/x/text/unicode/norm"
)

// tokenizerWords is what bleve's unicode tokenizer finds in text.
func tokenizerWords(text string) []span {
	out := []span{}
	for _, t := range tokenizer.Tokenize([]byte(text)) {
		out = append(out, span{t.Start, t.End})
	}
	return out
}

// checkWords fails when latinWords accepts text but splits it otherwise
// than the tokenizer.
func checkWords(t *testing.T, text string) bool {
	t.Helper()
	got, ok := latinWords(text)
	if !ok {
		return false
	}
	if got == nil {
		got = []span{}
	}
	if want := tokenizerWords(text); !reflect.DeepEqual(got, want) {
		t.Errorf("latinWords(%q):\n got %v\nwant %v", text, got, want)
	}
	return true
}

func TestLatinWords(t *testing.T) {
	cases := []string{
		"",
		"Viện kiểm sát nhân dân tỉnh Khánh Hòa",
		"TP.HCM, ngày 1.000 và 3,5 tỷ; đ/c Nguyễn Văn A: Phó Viện trưởng.",
		"covid-19 “phiên tòa” – rút kinh nghiệm… l'eau don’t a.b.c 1.2.3 a.1 1.a",
		"Kha\u0301nh Ho\u0300a (NFD)",
		"a..b a:b 1:2 1,a a,1 a;b 1;2 ‘quoted’ x’ ’x",
		"  \n\n line\r\nbreaks\t tabs ",
	}
	for _, text := range cases {
		if !checkWords(t, text) {
			t.Errorf("latinWords(%q) gave up", text)
		}
	}
	// Outside what it knows it leaves the text to the tokenizer.
	for _, text := range []string{"東京", "snake_case", "soft\u00adhyphen", " \u0301mark", "bad \xff byte"} {
		if _, ok := latinWords(text); ok {
			t.Errorf("latinWords(%q) accepted it", text)
		}
		if got, want := words(text), tokenizerWords(text); !reflect.DeepEqual(got, want) && len(want) > 0 {
			t.Errorf("words(%q) = %v, want %v", text, got, want)
		}
	}
}

// TestLatinWordsOnArticles compares the two on every test and synthetic
// article, in NFC and NFD.
func TestLatinWordsOnArticles(t *testing.T) {
	as := append(corpus(), synthcorpus.Articles(300, 3)...)
	accepted := 0
	for _, a := range as {
		for _, text := range []string{a.Title, a.Summary, a.Body, norm.NFD.String(a.Body)} {
			if checkWords(t, text) {
				accepted++
			}
		}
	}
	if accepted < len(as)*3 {
		t.Errorf("latinWords accepted %d of %d texts", accepted, len(as)*4)
	}
}

func FuzzLatinWords(f *testing.F) {
	for _, a := range corpus() {
		f.Add(a.Title)
		f.Add(a.Body)
	}
	f.Add("TP.HCM 1.000,5 l'eau don’t a:b ‘x’")
	f.Fuzz(func(t *testing.T, text string) {
		checkWords(t, text)
	})
}
