package extract

import (
	"bytes"
	"fmt"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/markusmobius/go-trafilatura"
)

// bigPage grows a testdata page to about 50 KB the way real portals are
// big: more paragraphs in the article and a long menu of links.
func bigPage(t testing.TB, file, marker, para string) []byte {
	t.Helper()
	b := string(mustRead(t, file))
	if !strings.Contains(b, marker) {
		t.Fatalf("%s: marker %q not found", file, marker)
	}
	var menu strings.Builder
	menu.WriteString(`<div class="menu-left"><ul>`)
	for i := 0; len(b)+menu.Len() < 30_000; i++ {
		fmt.Fprintf(&menu, `<li><a href="/vi/news/chuyen-muc-%d/">Chuyên mục tin tức số %d của đơn vị</a></li>`, i, i)
	}
	menu.WriteString(`</ul></div>`)
	b = strings.Replace(b, "</body>", menu.String()+"</body>", 1)
	var body strings.Builder
	for len(b)+body.Len() < 50_000 {
		body.WriteString(para)
	}
	return []byte(strings.Replace(b, marker, body.String()+marker, 1))
}

func mustRead(t testing.TB, file string) []byte {
	t.Helper()
	d := loadPage(t, file)
	h, err := goquery.OuterHtml(d.Selection)
	if err != nil {
		t.Fatal(err)
	}
	return []byte(h)
}

const benchPara = "<p>Trong năm, đơn vị đã thụ lý, giải quyết 125 vụ án hình sự, 310 vụ việc dân sự; tỷ lệ giải quyết đạt 98,5%, vượt chỉ tiêu Quốc hội giao. Các đồng chí lãnh đạo đã chỉ đạo sát sao, kịp thời.</p>\n"

var benchPages = []struct{ name, file, preset, url, marker, para string }{
	{"nukeviet", "nukeviet_article.html", "nukeviet", "https://vkskhanhhoa.gov.vn/vi/news/a/b-1.html", "<p>Kết thúc phiên tòa", benchPara},
	{"vksndtc", "vksndtc_article.html", "vksndtc", "https://vksndtc.gov.vn/tin-tuc/a-d6-t1.html", "<p>Tin và hình", benchPara},
	{"wordpress", "wordpress_article.html", "wordpress", "https://vkstravinh.gov.vn/2024/07/09/a/", "<p>Trong buổi tiếp", benchPara},
	{"generic-nukeviet", "nukeviet_article.html", "generic", "https://vkskhanhhoa.gov.vn/vi/news/a/b-1.html", "<p>Kết thúc phiên tòa", benchPara},
	{"generic-table", "table_article.html", "generic", "http://vkssoctrang.gov.vn/tintuc.asp?id=456", `<div align="right">`, "Trong năm, đơn vị đã thụ lý, giải quyết 125 vụ án hình sự, 310 vụ việc dân sự; tỷ lệ giải quyết đạt 98,5%.<br><br>\n"},
	{"generic-drupal", "drupal_article.html", "generic", "https://vksninhthuan.gov.vn/tin-tuc/a", "<p>Nguồn:", benchPara},
}

// BenchmarkArticle measures parse + extract of ~50 KB article pages.
func BenchmarkArticle(b *testing.B) {
	for _, p := range benchPages {
		page := bigPage(b, p.file, p.marker, p.para)
		u, _ := url.Parse(p.url)
		e, err := New(p.preset, Selectors{})
		if err != nil {
			b.Fatal(err)
		}
		b.Run(p.name, func(b *testing.B) {
			b.SetBytes(int64(len(page)))
			for b.Loop() {
				doc, err := goquery.NewDocumentFromReader(bytes.NewReader(page))
				if err != nil {
					b.Fatal(err)
				}
				if _, err := e.Article(u, doc); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkTrafilatura runs go-trafilatura on the pages that
// BenchmarkArticle's generic cases extract, for a side-by-side figure:
// as the public benchmark ran it (fallback on) and with its defaults.
func BenchmarkTrafilatura(b *testing.B) {
	for _, p := range benchPages {
		if p.preset != "generic" {
			continue
		}
		page := bigPage(b, p.file, p.marker, p.para)
		u, _ := url.Parse(p.url)
		for _, mode := range []struct {
			name string
			opts trafilatura.Options
		}{{"fallback", trafilatura.Options{OriginalURL: u, ExcludeComments: true, EnableFallback: true}}, {"defaults", trafilatura.Options{OriginalURL: u}}} {
			b.Run(p.name+"/"+mode.name, func(b *testing.B) {
				b.SetBytes(int64(len(page)))
				for b.Loop() {
					if _, err := trafilatura.Extract(bytes.NewReader(page), mode.opts); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// BenchmarkList measures parse + link finding on a ~50 KB list page.
func BenchmarkList(b *testing.B) {
	page := bigPage(b, "generic_list.html", "<tr><td><a href=\"tintuc.asp?cat=1&amp;page=1\">",
		`<tr><td class="tin"><a href="tintuc.asp?id=400">VKSND huyện Mỹ Xuyên tổ chức hội nghị cán bộ công chức</a><br><font size="1">01/07/2023</font></td></tr>`)
	u, _ := url.Parse("http://vkssoctrang.gov.vn/tintuc.asp?cat=1")
	for _, preset := range []string{"generic", "nukeviet"} {
		e, _ := New(preset, Selectors{})
		b.Run(preset, func(b *testing.B) {
			b.SetBytes(int64(len(page)))
			for b.Loop() {
				doc, err := goquery.NewDocumentFromReader(bytes.NewReader(page))
				if err != nil {
					b.Fatal(err)
				}
				if l := e.List(u, doc); len(l.Articles) == 0 {
					b.Fatal("no articles")
				}
			}
		})
	}
}

// TestBigPages checks that the benchmark pages still extract correctly, so
// the benchmark measures real work.
func TestBigPages(t *testing.T) {
	for _, p := range benchPages {
		page := bigPage(t, p.file, p.marker, p.para)
		u, _ := url.Parse(p.url)
		e, _ := New(p.preset, Selectors{})
		doc, _ := goquery.NewDocumentFromReader(bytes.NewReader(page))
		raw, err := e.Article(u, doc)
		if err != nil {
			t.Fatalf("%s: %v", p.name, err)
		}
		if strings.Contains(raw.BodyText, "Chuyên mục tin tức số") || !strings.Contains(raw.BodyText, "tỷ lệ giải quyết đạt 98,5%") {
			t.Errorf("%s: body wrong: %.300s", p.name, raw.BodyText)
		}
	}
}
