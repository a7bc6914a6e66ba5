package extract

import (
	"errors"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
)

func mustURL(t testing.TB, s string) *url.URL {
	t.Helper()
	u, err := url.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func parse(t testing.TB, s string) *goquery.Document {
	t.Helper()
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(s))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func TestPresets(t *testing.T) {
	want := []string{"generic", "idcat", "liferay", "nukeviet", "sharepoint", "vksndtc", "wordpress"}
	if got := Presets(); !slices.Equal(got, want) {
		t.Fatalf("Presets() = %v, want %v", got, want)
	}
	for _, name := range want {
		s, ok := presetSelectors(name)
		if !ok {
			t.Fatalf("Preset(%q) not found", name)
		}
		if name != "generic" && (s.Title == "" || s.Body == "" || s.ArticleLinks == "") {
			t.Errorf("Preset(%q) = %+v: missing selectors", name, s)
		}
		// A preset's table is itself a valid override.
		if _, err := New("generic", s); err != nil {
			t.Errorf("Preset(%q) as override: %v", name, err)
		}
	}
	if s, _ := presetSelectors("generic"); s.Title != "" || s.Body != "" {
		t.Errorf("generic preset has selectors: %+v", s)
	}
	if _, ok := presetSelectors("joomla"); ok {
		t.Error("Preset(joomla) found")
	}
}

func TestNewErrors(t *testing.T) {
	tests := []struct {
		preset string
		sel    Selectors
		want   string // substring of the error; "" for none
	}{
		{"", Selectors{}, ""},
		{"nukeviet", Selectors{Body: "#content", Remove: []string{".share"}}, ""},
		{"joomla", Selectors{}, `unknown preset "joomla"`},
		{"generic", Selectors{Title: "h1[["}, "selectors.title: "},
		{"wordpress", Selectors{Published: ":nope(x)"}, "selectors.published: "},
		{"generic", Selectors{ArticleLinks: "a[href"}, "selectors.article_links: "},
		{"generic", Selectors{Remove: []string{".ok", "div >"}}, "selectors.remove[1]: "},
	}
	for _, tt := range tests {
		_, err := New(tt.preset, tt.sel)
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("New(%q, %+v): %v", tt.preset, tt.sel, err)
		case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
			t.Errorf("New(%q, %+v) = %v, want error containing %q", tt.preset, tt.sel, err, tt.want)
		}
	}
}

func TestFindDate(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Thứ Sáu, 31/05/2024 | 07:38", "Thứ Sáu, 31/05/2024 | 07:38"},
		{"28/11/2023", "28/11/2023"},
		{"Đăng ngày 09 - 07 - 2024", "Đăng ngày 09 - 07 - 2024"},
		{"Cập nhật ngày 04 tháng 02 năm 2026", "Cập nhật ngày 04 tháng 02 năm 2026"},
		{"Không có ngày nào ở đây", ""},
		{"Hội nghị đã diễn ra thành công tốt đẹp. Sau đó, vào ngày 12/01/2022 lúc 08:00 đoàn đã kiểm tra trụ sở mới của đơn vị.", "ngày 12/01/2022 lúc 08:00"},
	}
	for _, tt := range tests {
		if got := findDate(tt.in); got != tt.want {
			t.Errorf("findDate(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestList(t *testing.T) {
	tests := []struct {
		file, preset, page string
		want               []string // article URLs, in order
		wantNext           string
		exclude            []string // substrings no article URL may contain
	}{
		{"nukeviet_list.html", "nukeviet", "https://vkskhanhhoa.gov.vn/vi/news/tin-hoat-dong/", []string{
			"https://vkskhanhhoa.gov.vn/vi/news/tin-hoat-dong/vksnd-huyen-dien-khanh-to-chuc-phien-toa-rut-kinh-nghiem-1234.html",
			"https://vkskhanhhoa.gov.vn/news/tin-hoat-dong/vksnd-tinh-khanh-hoa-so-ket-cong-tac-1240.html",
			"https://vkskhanhhoa.gov.vn/tin-hoat-dong/hoi-nghi-tap-huan-ky-nang-tranh-tung-1201.html",
		}, "https://vkskhanhhoa.gov.vn/vi/news/tin-hoat-dong/page-2", []string{"1100", "gioi-thieu", "#"}},
		{"nukeviet_list.html", "generic", "https://vkskhanhhoa.gov.vn/vi/news/tin-hoat-dong/", []string{
			"https://vkskhanhhoa.gov.vn/vi/news/tin-hoat-dong/vksnd-huyen-dien-khanh-to-chuc-phien-toa-rut-kinh-nghiem-1234.html",
			"https://vkskhanhhoa.gov.vn/news/tin-hoat-dong/vksnd-tinh-khanh-hoa-so-ket-cong-tac-1240.html",
			"https://vkskhanhhoa.gov.vn/tin-hoat-dong/hoi-nghi-tap-huan-ky-nang-tranh-tung-1201.html",
		}, "https://vkskhanhhoa.gov.vn/vi/news/tin-hoat-dong/page-2", []string{"1100", "van-ban-chi-dao", "gioi-thieu"}},
		{"vksndtc_list.html", "vksndtc", "https://vksndtc.gov.vn/tin-tuc/tin-hoat-dong-cua-nganh-kiem-sat-d6.html", []string{
			"https://vksndtc.gov.vn/tin-tuc/tin-hoat-dong-vksnd-dia-phuong-lang-son-bac-lieu-d6-t12345.html",
			"https://vksndtc.gov.vn/tin-tuc/vksnd-tinh-cao-bang-tong-ket-cong-tac-thi-dua-d6-t12300.html",
			"https://vksndtc.gov.vn/tin-tuc/hoi-nghi-truc-tuyen-toan-nganh-d6-t12290.html",
		}, "https://vksndtc.gov.vn/tin-tuc/tin-hoat-dong-cua-nganh-kiem-sat-d6.html?Page=2", []string{"lich-su"}},
		{"wordpress_list.html", "wordpress", "https://vkstravinh.gov.vn/category/tin-tuc/", []string{
			"https://vkstravinh.gov.vn/2024/07/09/vien-ksnd-huyen-cau-ngang-tiep-cong-dan/",
			"https://vkstravinh.gov.vn/2024/07/08/hoi-nghi-cong-chuc-nguoi-lao-dong-nam-2024/",
		}, "https://vkstravinh.gov.vn/category/tin-tuc/page/2/", []string{"sidebar", "category"}},
		{"wordpress_list.html", "generic", "https://vkstravinh.gov.vn/category/tin-tuc/", []string{
			"https://vkstravinh.gov.vn/2024/07/09/vien-ksnd-huyen-cau-ngang-tiep-cong-dan/",
			"https://vkstravinh.gov.vn/2024/07/08/hoi-nghi-cong-chuc-nguoi-lao-dong-nam-2024/",
		}, "https://vkstravinh.gov.vn/category/tin-tuc/page/2/", []string{"sidebar", "category"}},
		{"generic_list.html", "generic", "http://vkssoctrang.gov.vn/tintuc.asp?cat=1", []string{
			"http://vkssoctrang.gov.vn/tintuc.asp?id=456",
			"http://vkssoctrang.gov.vn/tintuc.asp?id=455",
			"http://vkssoctrang.gov.vn/tintuc.asp?id=454",
		}, "http://vkssoctrang.gov.vn/tintuc.asp?cat=1&page=2", []string{".pdf", "mailto", "cat=1"}},
	}
	for _, tt := range tests {
		t.Run(tt.file+"/"+tt.preset, func(t *testing.T) {
			e, err := New(tt.preset, Selectors{})
			if err != nil {
				t.Fatal(err)
			}
			got := e.List(mustURL(t, tt.page), loadPage(t, tt.file))
			if !slices.Equal(got.Articles, tt.want) {
				t.Errorf("Articles = %q\nwant %q", got.Articles, tt.want)
			}
			if len(got.Next) == 0 || got.Next[0] != tt.wantNext {
				t.Errorf("Next = %q, want [%q]", got.Next, tt.wantNext)
			}
			for _, a := range got.Articles {
				for _, x := range tt.exclude {
					if strings.Contains(a, x) {
						t.Errorf("article link %q contains %q", a, x)
					}
				}
			}
		})
	}
}

func TestGenericNext(t *testing.T) {
	tests := []struct{ name, page, html, want string }{
		{"rel next link", "https://a.vn/tin/", `<link rel="next" href="/tin/?page=2"><a href="/x">x</a>`, "https://a.vn/tin/?page=2"},
		{"text Tiếp", "https://a.vn/tin/", `<div><a href="/tin/p2">Tiếp</a></div>`, "https://a.vn/tin/p2"},
		{"arrow", "https://a.vn/tin/", `<div class="pg"><a href="/tin/?trang=2">›</a></div>`, "https://a.vn/tin/?trang=2"},
		{"number after current", "https://a.vn/tin.aspx?Page=3", `<a href="?Page=2">2</a><a href="?Page=3">3</a><a href="?Page=4">4</a>`, "https://a.vn/tin.aspx?Page=4"},
		{"nothing", "https://a.vn/tin/", `<a href="/tin/bai-viet-so-mot-123.html">Một bài viết rất dài ở đây</a>`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, _ := New("generic", Selectors{})
			got := e.List(mustURL(t, tt.page), parse(t, tt.html))
			if tt.want == "" {
				if len(got.Next) != 0 {
					t.Errorf("Next = %q, want none", got.Next)
				}
				return
			}
			if len(got.Next) == 0 || got.Next[0] != tt.want {
				t.Errorf("Next = %q, want %q", got.Next, tt.want)
			}
		})
	}
}

func TestArticle(t *testing.T) {
	tests := []struct {
		file, preset, page                string
		title, published, summary, author string
		source                            string
		bodyHas, bodyNot                  []string
		captions                          []string // in Images, not in the body text
	}{
		{"nukeviet_article.html", "nukeviet", "https://vkskhanhhoa.gov.vn/vi/news/tin-hoat-dong/x-1234.html",
			"VKSND huyện Diên Khánh tổ chức phiên tòa rút kinh nghiệm vụ án trộm cắp tài sản", "2024-05-31T07:38:00+07:00",
			"Sáng ngày 29/5/2024, VKSND huyện Diên Khánh", "Nguyễn Thị Mai", "VKSND huyện Diên Khánh",
			[]string{"Tham dự phiên tòa", "tuyên phạt bị cáo 18 tháng tù"},
			[]string{"Tác giả bài viết", "Nguồn tin", "Những tin mới hơn", "sơ kết công tác 6 tháng", "Chia sẻ", "console.log", "Bản quyền"},
			[]string{"Toàn cảnh phiên tòa"}},
		{"vksndtc_article.html", "vksndtc", "https://vksndtc.gov.vn/tin-tuc/x-d6-t12345.html",
			"Tin hoạt động VKSND địa phương Lạng Sơn – Bạc Liêu", "12/03/2024",
			"Tin hoạt động VKSND địa phương ngày 12/3/2024", "Minh Anh – Quốc Việt", "",
			[]string{"VKSND tỉnh Lạng Sơn:", "VKSND tỉnh Bạc Liêu:"},
			[]string{"gồm những nội dung chính sau", "leftcenterrightdel", "Cỡ chữ", "Tương phản", "In bài viết", "Gửi email", "Tin khác", "Cao Bằng", "Tin và hình"},
			[]string{"Đồng chí Hoàng Văn Sơn phát biểu"}},
		{"wordpress_article.html", "wordpress", "https://vkstravinh.gov.vn/2024/07/09/vien-ksnd-huyen-cau-ngang-tiep-cong-dan/",
			"Viện KSND huyện Cầu Ngang tiếp công dân định kỳ tháng 7", "2024-07-09T08:15:00+07:00", "", "Ban Biên tập", "",
			[]string{"Ngày 05/7/2024", "khiếu nại đúng quy định"},
			[]string{"Chia sẻ", "Facebook", "Bài viết liên quan", "sơ kết công tác 6 tháng", "Bài viết mới"}, nil},
		{"table_article.html", "generic", "http://vkssoctrang.gov.vn/tintuc.asp?id=456",
			"VKSND thị xã Vĩnh Châu kiểm sát trực tiếp nhà tạm giữ Công an thị xã", "Ngày đăng: 15/08/2023 09:20", "", "Thạch Thị Hoa", "",
			[]string{"Thực hiện kế hoạch công tác năm 2023", "Qua kiểm sát", "an toàn tuyệt đối trong công tác giam giữ."},
			[]string{"Trang chủ", "In bài viết", "Gửi email", "Tin khác", "Trần Đề", "Bản quyền", "Tin và hình"}, nil},
		{"drupal_article.html", "generic", "https://vksninhthuan.gov.vn/tin-tuc/hoi-nghi",
			"Hội nghị cán bộ, công chức VKSND tỉnh Ninh Thuận năm 2025", "ngày 14 tháng 01 năm 2025 - 15:02", "", "", "Văn phòng VKSND tỉnh Ninh Thuận",
			[]string{"Ngày 10/01/2025", "sắp xếp tổ chức bộ máy."},
			[]string{"Tin cùng chuyên mục", "triển khai công tác năm 2025", "Nguồn:", "02 đường 16 tháng 4"}, nil},
		{"liferay_article.html", "generic", "https://vkscantho.gov.vn/web/guest/tin-tuc/-/a/content/tuyen-truyen",
			"VKSND khu vực 2 - Cần Thơ tuyên truyền phổ biến pháp luật tại xã", "Thứ Hai, 20/10/2025 | 14:05", "", "Huỳnh Ngọc Trâm", "",
			[]string{"Ngày 17/10/2025", "đánh giá cao."},
			[]string{"Tweet", "tổng kết công tác năm", "Tin, ảnh"}, nil},
		{"nukeviet_article.html", "generic", "https://vkskhanhhoa.gov.vn/vi/news/tin-hoat-dong/x-1234.html",
			"VKSND huyện Diên Khánh tổ chức phiên tòa rút kinh nghiệm vụ án trộm cắp tài sản", "2024-05-31T07:38:00+07:00",
			"Sáng ngày 29/5/2024, VKSND huyện Diên Khánh", "Nguyễn Thị Mai", "VKSND huyện Diên Khánh",
			[]string{"Tham dự phiên tòa", "tuyên phạt bị cáo 18 tháng tù"},
			[]string{"Tác giả bài viết", "Những tin mới hơn", "Tin xem nhiều", "Chia sẻ"},
			[]string{"Toàn cảnh phiên tòa"}},
	}
	for _, tt := range tests {
		t.Run(tt.file+"/"+tt.preset, func(t *testing.T) {
			e, err := New(tt.preset, Selectors{})
			if err != nil {
				t.Fatal(err)
			}
			raw, err := e.Article(mustURL(t, tt.page), loadPage(t, tt.file))
			if err != nil {
				t.Fatal(err)
			}
			check := func(field, got, want string) {
				if got != want {
					t.Errorf("%s = %q, want %q", field, got, want)
				}
			}
			check("Title", raw.Title, tt.title)
			check("Published", raw.Published, tt.published)
			check("Author", raw.Author, tt.author)
			check("Source", raw.Source, tt.source)
			if !strings.HasPrefix(raw.Summary, tt.summary) || (tt.summary == "") != (raw.Summary == "") {
				t.Errorf("Summary = %q, want prefix %q", raw.Summary, tt.summary)
			}
			for _, s := range tt.bodyHas {
				if !strings.Contains(raw.BodyText, s) {
					t.Errorf("BodyText lacks %q:\n%s", s, raw.BodyText)
				}
			}
			for _, s := range tt.bodyNot {
				if strings.Contains(raw.BodyText, s) || strings.Contains(raw.BodyHTML, s) {
					t.Errorf("body contains %q:\n%s", s, raw.BodyText)
				}
			}
			for _, c := range tt.captions {
				found := false
				for _, im := range raw.Images {
					found = found || strings.Contains(im.Caption, c)
				}
				if !found || strings.Contains(raw.BodyText, c) {
					t.Errorf("caption %q: in images %v, in body text %v", c, found, strings.Contains(raw.BodyText, c))
				}
			}
			for _, bad := range []string{"<script", "onclick", "<div", "<span", "<font", "class="} {
				if strings.Contains(raw.BodyHTML, bad) {
					t.Errorf("BodyHTML contains %q", bad)
				}
			}
			if strings.Contains(raw.BodyText, "\n\n\n") {
				t.Error("BodyText has more than one blank line between paragraphs")
			}
		})
	}
}

func TestArticleOverride(t *testing.T) {
	page := `<html><head><title>Tin hoạt động - Trang thông tin VKSND tỉnh An Giang</title></head><body>
<div class="menu"><a href="/">Trang chủ</a></div>
<div class="tieu-de">VKSND tỉnh An Giang tổ chức hội nghị triển khai công tác</div>
<div class="ngay">Cập nhật: 02/02/2024</div>
<div id="noidung"><p>Đoạn thứ nhất của bài viết, có đủ dài để là một đoạn văn bản thật sự, có dấu phẩy, dấu chấm.</p>
<div class="share">Chia sẻ lên Zalo và Facebook ngay bây giờ</div><p>Đoạn thứ hai của bài viết.</p></div>
<div class="sidebar"><p>Một khối văn bản rất dài ở thanh bên, có nhiều dấu phẩy, nhiều câu, nhiều chữ, để thử xem thuật toán có chọn nhầm nó hay không, vì nó dài hơn cả bài viết chính của trang này, và còn dài nữa, dài nữa, dài nữa.</p></div>
</body></html>`
	e, err := New("generic", Selectors{Body: "#noidung", Title: ".tieu-de", Published: ".ngay", Remove: []string{".share"}})
	if err != nil {
		t.Fatal(err)
	}
	raw, err := e.Article(mustURL(t, "https://vksangiang.gov.vn/tin/1.html"), parse(t, page))
	if err != nil {
		t.Fatal(err)
	}
	if raw.Title != "VKSND tỉnh An Giang tổ chức hội nghị triển khai công tác" || raw.Published != "Cập nhật: 02/02/2024" {
		t.Errorf("Title, Published = %q, %q", raw.Title, raw.Published)
	}
	want := "Đoạn thứ nhất của bài viết, có đủ dài để là một đoạn văn bản thật sự, có dấu phẩy, dấu chấm.\n\nĐoạn thứ hai của bài viết."
	if raw.BodyText != want {
		t.Errorf("BodyText = %q, want %q", raw.BodyText, want)
	}
}

func TestArticleNotArticle(t *testing.T) {
	e, _ := New("generic", Selectors{})
	for _, page := range []string{
		``,
		`<html><body><div>chỉ có vài chữ</div></body></html>`,
		`<html><head><title>Trang chủ</title></head><body><nav><a href="/a">Tin tức</a></nav><p>Ngắn.</p></body></html>`,
	} {
		_, err := e.Article(mustURL(t, "https://a.vn/"), parse(t, page))
		if !errors.Is(err, ErrNotArticle) {
			t.Errorf("Article(%q) error = %v, want ErrNotArticle", page, err)
		}
	}
}

func TestArticleCanonical(t *testing.T) {
	e, _ := New("generic", Selectors{})
	body := `<h1>Tiêu đề của bài viết thử nghiệm</h1><div><p>` + strings.Repeat("Nội dung bài viết, có dấu phẩy. ", 20) + `</p></div>`
	tests := []struct{ head, want string }{
		{`<link rel="canonical" href="/tin/bai-1.html">`, "https://a.vn/tin/bai-1.html"},
		{`<meta property="og:url" content="https://www.a.vn/tin/bai-2.html#x">`, "https://www.a.vn/tin/bai-2.html"},
		{`<link rel="canonical" href="https://other.vn/tin/bai-1.html">`, "https://a.vn/tin/bai.html?id=1"},
		{``, "https://a.vn/tin/bai.html?id=1"},
	}
	for _, tt := range tests {
		raw, err := e.Article(mustURL(t, "https://a.vn/tin/bai.html?id=1#top"), parse(t, "<html><head>"+tt.head+"</head><body>"+body+"</body></html>"))
		if err != nil {
			t.Fatal(err)
		}
		if raw.CanonicalURL != tt.want || raw.URL != "https://a.vn/tin/bai.html?id=1" {
			t.Errorf("head %s: URL, CanonicalURL = %q, %q, want canonical %q", tt.head, raw.URL, raw.CanonicalURL, tt.want)
		}
	}
}

func TestGenericListUnclassedMenu(t *testing.T) {
	// A home-made site with no semantic markup: the menu is just a column of
	// table rows, like the headlines.
	page := `<html><body><table><tr>
<td><table>
<tr><td><a href="/tin-tuc/?cat=1">Tin hoạt động ngành</a></td></tr>
<tr><td><a href="/van-ban/">Văn bản chỉ đạo điều hành</a></td></tr>
<tr><td><a href="/gioi-thieu/">Giới thiệu về đơn vị</a></td></tr>
<tr><td><a href="/lien-he/">Liên hệ với chúng tôi</a></td></tr>
</table></td>
<td><table>
<tr><td><a href="/tin-tuc/chi-tiet.aspx?ItemID=901">VKSND huyện Long Phú kiểm sát việc tạm giữ tại Công an huyện</a></td></tr>
<tr><td><a href="/tin-tuc/chi-tiet.aspx?ItemID=900">Hội nghị tổng kết công tác kiểm sát năm 2024 của đơn vị</a></td></tr>
<tr><td><a href="/tin-tuc/chi-tiet.aspx?ItemID=899">Chi bộ VKSND huyện tổ chức Đại hội nhiệm kỳ 2025 - 2030</a></td></tr>
<tr><td><a href="/tin-tuc/chi-tiet.aspx?ItemID=898#binh-luan">Tập huấn kỹ năng tranh tụng cho Kiểm sát viên trẻ</a></td></tr>
<tr><td><a href="/tin-tuc/chi-tiet.aspx?ItemID=900">Hội nghị tổng kết công tác kiểm sát năm 2024 của đơn vị</a></td></tr>
</table></td></tr></table>
<p><a href="/tin-tuc/?cat=1&page=1">1</a> <a href="/tin-tuc/?cat=1&page=2">2</a></p></body></html>`
	e, _ := New("generic", Selectors{})
	got := e.List(mustURL(t, "https://vkssoctrang.gov.vn/tin-tuc/?cat=1"), parse(t, page))
	want := []string{
		"https://vkssoctrang.gov.vn/tin-tuc/chi-tiet.aspx?ItemID=901",
		"https://vkssoctrang.gov.vn/tin-tuc/chi-tiet.aspx?ItemID=900",
		"https://vkssoctrang.gov.vn/tin-tuc/chi-tiet.aspx?ItemID=899",
		"https://vkssoctrang.gov.vn/tin-tuc/chi-tiet.aspx?ItemID=898",
	}
	if !slices.Equal(got.Articles, want) {
		t.Errorf("Articles = %q\nwant %q", got.Articles, want)
	}
	if !slices.Equal(got.Next, []string{"https://vkssoctrang.gov.vn/tin-tuc/?cat=1&page=2"}) {
		t.Errorf("Next = %q", got.Next)
	}
}

// presetSelectors returns a preset's selector table. Each field joins the preset's
// priority list into one selector group; the extractor itself tries them in
// order. Tests use it to check that every preset's table is complete and
// valid as config overrides.
func presetSelectors(name string) (Selectors, bool) {
	p, ok := presets[name]
	if !ok {
		return Selectors{}, false
	}
	return Selectors{
		ArticleLinks: strings.Join(p.articleLinks, ", "),
		NextPage:     strings.Join(p.nextPage, ", "),
		Title:        strings.Join(p.title, ", "),
		Published:    strings.Join(p.published, ", "),
		Body:         strings.Join(p.body, ", "),
		Author:       strings.Join(p.author, ", "),
		Remove:       append([]string(nil), p.remove...),
	}, true
}
