package extract

import (
	"errors"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
)

// para is a paragraph of article-like text.
const para = "<p>Ngày 12/3/2024, Viện kiểm sát nhân dân tỉnh tổ chức hội nghị, đánh giá kết quả công tác quý I, triển khai nhiệm vụ trọng tâm quý II năm 2024, với sự tham dự của lãnh đạo các đơn vị.</p>\n"

// TestArticleBadInput feeds pages that are not what they claim to be: each
// gets a clear refusal or a best-effort article, never a panic, and never a
// title or a date taken from a link list.
func TestArticleBadInput(t *testing.T) {
	nest := func(n int) string {
		return "<html><head><title>VKSND tỉnh Bình Phước</title></head><body>" + strings.Repeat("<div>", n) +
			"<b>Tiêu đề bài viết lồng rất sâu trong trang</b>" + strings.Repeat(para, 3) + strings.Repeat("</div>", n) + "</body></html>"
	}
	related := `<tr><td><font size="2"><b>Tin xem nhiều</b><br>
<a href="/tin?id=7"><font>VKSND tỉnh Bình Phước tổ chức giải bóng đá chào mừng ngày thành lập ngành</font></a> <font size="1">(01/07/2023)</font><br>
<a href="/tin?id=8"><font>VKSND tỉnh Bình Phước ký kết quy chế phối hợp với Công an tỉnh</font></a> <font size="1">(20/06/2023)</font><br>
</font></td></tr>`
	tests := []struct {
		name, page       string
		refuse           bool   // want ErrNotArticle
		title, published string // when not refused; "-" means any
	}{
		{"png as html", "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + strings.Repeat("\x00\xff\x10", 300), true, "", ""},
		{"pdf as html", "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\nstream\n" + strings.Repeat("x\x9c\x03\x00", 200) + "\nendstream", true, "", ""},
		{"login form", `<html><head><title>Đăng nhập hệ thống</title></head><body><form action="/login" method="post"><label>Tên đăng nhập</label><input name="u"><label>Mật khẩu</label><input type="password" name="p"><button>Đăng nhập</button></form></body></html>`, true, "", ""},
		// x/net/html refuses 10,000 open elements: the crawler's parse step
		// reports it as the page's error. 500 levels parse.
		{"10000 nested divs", nest(10000), true, "", ""},
		{"500 nested divs", nest(500), false, "Tiêu đề bài viết lồng rất sâu trong trang", ""},
		{"two h1", `<html><head><title>VKSND tỉnh Bình Phước tổ chức hội nghị quý I - VKSND tỉnh Bình Phước</title></head><body>
<h1>Viện kiểm sát nhân dân tỉnh Bình Phước</h1><div class="main"><h1>VKSND tỉnh Bình Phước tổ chức hội nghị quý I</h1><p>Ngày đăng: 13/03/2024</p>` + strings.Repeat(para, 4) + `</div></body></html>`,
			false, "VKSND tỉnh Bình Phước tổ chức hội nghị quý I", "Ngày đăng: 13/03/2024"},
		{"title only the site name, related list first", `<html><head><title>VKSND tỉnh Bình Phước</title></head><body><table>` + related + `
<tr><td><font size="4"><b>VKSND tỉnh Bình Phước tổ chức hội nghị đánh giá công tác quý I</b></font><br><font size="1">Cập nhật: 13/03/2024</font><br><font size="2">` + strings.Repeat(strings.NewReplacer("<p>", "", "</p>", "<br><br>").Replace(para), 4) + `</font></td></tr></table></body></html>`,
			false, "VKSND tỉnh Bình Phước tổ chức hội nghị đánh giá công tác quý I", "Cập nhật: 13/03/2024"},
		{"date only in a list of other articles", `<html><head><title>VKSND tỉnh Bình Phước :: Hội nghị đánh giá công tác quý I</title></head><body><table>
<tr><td><font size="4"><b>Hội nghị đánh giá công tác quý I</b></font><br><font size="2">` + strings.Repeat(strings.NewReplacer("<p>", "", "</p>", "<br><br>").Replace(para), 4) + `</font></td></tr>` + related + `</table></body></html>`,
			false, "Hội nghị đánh giá công tác quý I", ""},
	}
	e, err := New("generic", Selectors{})
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := goquery.NewDocumentFromReader(strings.NewReader(tt.page))
			if err != nil {
				if !tt.refuse {
					t.Fatalf("parse: %v", err)
				}
				return
			}
			raw, err := e.Article(mustURL(t, "https://vksbinhphuoc.gov.vn/tin?id=9"), doc)
			if tt.refuse {
				if !errors.Is(err, ErrNotArticle) {
					t.Errorf("error = %v, want ErrNotArticle (title %q)", err, raw.Title)
				}
				return
			}
			if err != nil {
				t.Fatalf("refused: %v", err)
			}
			if raw.BodyText == "" || (tt.title != "-" && raw.Title != tt.title) {
				t.Errorf("Title = %q, want %q; body %.80q", raw.Title, tt.title, raw.BodyText)
			}
			if tt.published != "-" && raw.Published != tt.published {
				t.Errorf("Published = %q, want %q", raw.Published, tt.published)
			}
			if strings.Contains(raw.BodyText, "giải bóng đá") {
				t.Errorf("body holds the related list: %q", raw.BodyText)
			}
		})
	}
}

// TestArticleTitleRepeatedInBody: Supreme-portal-style pages repeat the
// headline in bold as the body's first paragraph, also when the portal's
// config selects the body; the repeat is not article text.
func TestArticleTitleRepeatedInBody(t *testing.T) {
	page := `<html><head><title>VKSND tối cao</title></head><body><h2 class="news-title">Hội nghị tập huấn kỹ năng tranh tụng năm 2024</h2>
<div class="news-content"><p><strong>Hội nghị tập huấn kỹ năng tranh tụng năm 2024</strong></p>` + strings.Repeat(para, 3) + `</div></body></html>`
	for _, sel := range []Selectors{{}, {Title: ".news-title", Body: ".news-content"}} {
		for _, preset := range []string{"generic", "vksndtc"} {
			e, err := New(preset, sel)
			if err != nil {
				t.Fatal(err)
			}
			raw, err := e.Article(mustURL(t, "https://vksndtc.gov.vn/tin-tuc/a-d6-t9.html"), parse(t, page))
			if err != nil {
				t.Fatal(err)
			}
			if raw.Title != "Hội nghị tập huấn kỹ năng tranh tụng năm 2024" || strings.Contains(raw.BodyText, "tranh tụng năm 2024") || !strings.HasPrefix(raw.BodyText, "Ngày 12/3/2024") {
				t.Errorf("%s %+v: title %q, body %.90q", preset, sel, raw.Title, raw.BodyText)
			}
		}
	}
}

// TestCaptionsApart: the caption forms editors write go to Images, not to
// the body text.
func TestCaptionsApart(t *testing.T) {
	const cap = "Quang cảnh hội nghị tại hội trường"
	forms := []string{
		`<figure><img src="/a.jpg"><figcaption>` + cap + `</figcaption></figure>`,
		`<table><tr><td><img src="/a.jpg"></td></tr><tr><td><em>` + cap + `</em></td></tr></table>`,
		`<p align="center"><img src="/a.jpg"><br><i>` + cap + `</i></p>`,
		`<p style="text-align:center"><img src="/a.jpg"></p><p style="text-align:center"><em>` + cap + `</em></p>`,
	}
	e, _ := New("generic", Selectors{Body: "#body"})
	for _, f := range forms {
		page := `<html><head><title>Hội nghị tổng kết</title></head><body><h1>Hội nghị tổng kết</h1><div id="body">` + para + f + para + `</div></body></html>`
		raw, err := e.Article(mustURL(t, "https://a.vn/tin/1.html"), parse(t, page))
		if err != nil {
			t.Fatal(err)
		}
		if len(raw.Images) != 1 || raw.Images[0].Caption != cap || strings.Contains(raw.BodyText, cap) {
			t.Errorf("%s: images %+v, body %q", f, raw.Images, raw.BodyText)
		}
	}
}
