package extract

import (
	"bytes"
	"net/url"
	"os"
	"path/filepath"
	"testing"

	"github.com/PuerkitoBio/goquery"
)

// addSeeds adds every testdata page to a fuzz corpus.
func addSeeds(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.html"))
	for _, file := range files {
		b, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte(`<table><tr><td><font><b>Tiêu đề</b><br>Ngày 01/01/2024<br>Nội dung, nội dung.</font></td></tr></table>`))
	f.Add([]byte(`<p>Tin liên quan</p><p><a href="javascript:x()">»</a><a href="?page=99999999999999999999">2</a></p>`))
}

// FuzzArticle checks that no HTML makes Article panic and that a result
// always has a title and a body or an error.
func FuzzArticle(f *testing.F) {
	addSeeds(f)
	page, _ := url.Parse("https://example.gov.vn/vi/news/tin/bai-viet-1.html")
	var exs []*Extractor
	for _, p := range Presets() {
		e, err := New(p, Selectors{})
		if err != nil {
			f.Fatal(err)
		}
		exs = append(exs, e)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		doc, err := goquery.NewDocumentFromReader(bytes.NewReader(b))
		if err != nil {
			return
		}
		for _, e := range exs {
			raw, err := e.Article(page, doc)
			if err == nil && (raw.Title == "" || raw.BodyText == "" && len(raw.Images) == 0) {
				t.Fatalf("preset %s: no error but title %q, body %q", e.preset, raw.Title, raw.BodyText)
			}
		}
	})
}

// FuzzList checks that no HTML makes List panic and that it returns only
// absolute, unique, fragment-free URLs.
func FuzzList(f *testing.F) {
	addSeeds(f)
	page, _ := url.Parse("https://example.gov.vn/vi/news/tin/?page=2")
	e, err := New("generic", Selectors{})
	if err != nil {
		f.Fatal(err)
	}
	n, err := New("nukeviet", Selectors{})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		doc, err := goquery.NewDocumentFromReader(bytes.NewReader(b))
		if err != nil {
			return
		}
		for _, ex := range []*Extractor{e, n} {
			l := ex.List(page, doc)
			seen := map[string]bool{}
			for _, s := range append(append([]string(nil), l.Articles...), l.Next...) {
				u, err := url.Parse(s)
				if err != nil || !u.IsAbs() || u.Fragment != "" {
					t.Fatalf("bad URL %q", s)
				}
				if seen[s] {
					t.Fatalf("duplicate URL %q", s)
				}
				seen[s] = true
			}
		}
	})
}
