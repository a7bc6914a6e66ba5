package extract

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden.json")

// goldenCase is one testdata page extracted with one preset.
type goldenCase struct {
	file, preset, url string
	list              bool
}

var goldenCases = []goldenCase{
	{"nukeviet_article.html", "nukeviet", "https://vkskhanhhoa.gov.vn/vi/news/tin-hoat-dong/vksnd-huyen-dien-khanh-to-chuc-phien-toa-rut-kinh-nghiem-1234.html", false},
	{"nukeviet_article.html", "generic", "https://vkskhanhhoa.gov.vn/vi/news/tin-hoat-dong/vksnd-huyen-dien-khanh-to-chuc-phien-toa-rut-kinh-nghiem-1234.html", false},
	{"nukeviet_list.html", "nukeviet", "https://vkskhanhhoa.gov.vn/vi/news/tin-hoat-dong/", true},
	{"nukeviet_list.html", "generic", "https://vkskhanhhoa.gov.vn/vi/news/tin-hoat-dong/", true},
	{"vksndtc_article.html", "vksndtc", "https://vksndtc.gov.vn/tin-tuc/tin-hoat-dong-vksnd-dia-phuong-lang-son-bac-lieu-d6-t12345.html", false},
	{"vksndtc_article.html", "generic", "https://vksndtc.gov.vn/tin-tuc/tin-hoat-dong-vksnd-dia-phuong-lang-son-bac-lieu-d6-t12345.html", false},
	{"vksndtc_list.html", "vksndtc", "https://vksndtc.gov.vn/tin-tuc/tin-hoat-dong-cua-nganh-kiem-sat-d6.html", true},
	{"wordpress_article.html", "wordpress", "https://vkstravinh.gov.vn/2024/07/09/vien-ksnd-huyen-cau-ngang-tiep-cong-dan/", false},
	{"wordpress_article.html", "generic", "https://vkstravinh.gov.vn/2024/07/09/vien-ksnd-huyen-cau-ngang-tiep-cong-dan/", false},
	{"wordpress_list.html", "wordpress", "https://vkstravinh.gov.vn/category/tin-tuc/", true},
	{"wordpress_list.html", "generic", "https://vkstravinh.gov.vn/category/tin-tuc/", true},
	{"table_article.html", "generic", "http://vkssoctrang.gov.vn/tintuc.asp?id=456", false},
	{"drupal_article.html", "generic", "https://vksninhthuan.gov.vn/tin-tuc/hoi-nghi-can-bo-cong-chuc-nam-2025", false},
	{"liferay_article.html", "generic", "https://vkscantho.gov.vn/web/guest/tin-tuc/-/asset_publisher/abc/content/tuyen-truyen", false},
	{"generic_list.html", "generic", "http://vkssoctrang.gov.vn/tintuc.asp?cat=1", true},
}

// loadPage parses a testdata page.
func loadPage(t testing.TB, file string) *goquery.Document {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", file))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// TestGolden extracts every testdata page with its presets and compares the
// result with testdata/<page>.<preset>.golden.json (go test -update rewrites them).
func TestGolden(t *testing.T) {
	for _, c := range goldenCases {
		name := strings.TrimSuffix(c.file, ".html") + "." + c.preset
		t.Run(name, func(t *testing.T) {
			e, err := New(c.preset, Selectors{})
			if err != nil {
				t.Fatal(err)
			}
			page, _ := url.Parse(c.url)
			doc := loadPage(t, c.file)
			var got any
			if c.list {
				got = e.List(page, doc)
			} else {
				raw, err := e.Article(page, doc)
				if err != nil {
					t.Fatal(err)
				}
				got = raw
			}
			var buf bytes.Buffer
			enc := json.NewEncoder(&buf)
			enc.SetEscapeHTML(false)
			enc.SetIndent("", "  ")
			if err := enc.Encode(got); err != nil {
				t.Fatal(err)
			}
			b := buf.Bytes()
			gf := filepath.Join("testdata", name+".golden.json")
			if *update {
				if err := os.WriteFile(gf, b, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(gf)
			if errors.Is(err, os.ErrNotExist) {
				t.Fatalf("%s missing: run go test -update", gf)
			}
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(b, want) {
				t.Errorf("%s differs from golden:\ngot:\n%s", name, b)
			}
		})
	}
}
