package extract

import (
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
)

// nvPager is NukeViet 4.x's nv_alias_page output for page 2 of 3: rel="next"
// on every higher page and the malformed active item of short pagers.
const nvPager = `<ul class="pagination"><li><a rel="prev" href="/vi/news/hoat-dong/">&laquo;</a></li>` +
	`<li><a rel="prev" href="/vi/news/hoat-dong/">1</a></li><li class="active"><a href="javascript:void(0)">2</a><li>` +
	`<li><a rel="next" title="Trang 3" href="/vi/news/hoat-dong/page-3">3</a></li>` +
	`<li><a rel="next" title="Trang 4" href="/vi/news/hoat-dong/page-4">4</a></li>` +
	`<li><a rel="next" title="Trang 3" href="/vi/news/hoat-dong/page-3">&raquo;</a></li></ul>`

// TestPresetLists checks each family's list layouts: which links are
// articles and which one is the next page.
func TestPresetLists(t *testing.T) {
	tests := []struct {
		name, preset, page, html string
		articles                 []string // paths
		next                     string   // path, "" for none
	}{
		{"nukeviet viewcat_page, featured h2 and head rel=next", "nukeviet", "/vi/news/hoat-dong/page-2",
			`<html><head><link rel="next" href="/vi/news/hoat-dong/page-3"></head><body><div class="news_column"><div class="panel-body featured"><h2><a href="/vi/news/hoat-dong/a-1.html">Bài nổi bật của chuyên mục hoạt động</a></h2></div>
<div class="panel-body"><h3><a href="/vi/news/hoat-dong/b-2.html">Bài thứ hai của chuyên mục</a></h3></div></div>` + nvPager + `</body></html>`,
			[]string{"/vi/news/hoat-dong/a-1.html", "/vi/news/hoat-dong/b-2.html"}, "/vi/news/hoat-dong/page-3"},
		{"nukeviet pager without head link (before 4.4.08)", "nukeviet", "/vi/news/hoat-dong/page-2",
			`<html><body><div class="news_column"><div class="panel-body"><h3><a href="/vi/news/hoat-dong/b-2.html">Bài thứ hai của chuyên mục</a></h3></div></div>` + nvPager + `</body></html>`,
			[]string{"/vi/news/hoat-dong/b-2.html"}, "/vi/news/hoat-dong/page-3"},
		{"nukeviet viewcat_top and viewcat_grid", "nukeviet", "/vi/news/hoat-dong/",
			`<html><body><div class="news_column"><div class="panel-body"><h3><a href="/vi/news/hoat-dong/a-1.html">Bài đầu của chuyên mục hoạt động</a></h3></div>
<ul class="related"><li><a href="/vi/news/hoat-dong/c-3.html">Bài khác trong danh sách liên quan</a></li></ul></div>
<div class="row"><div class="col-md-8"><div class="thumbnail"><div class="caption text-center"><h4><a class="show" href="/vi/news/hoat-dong/d-4.html">Bài dạng lưới</a></h4></div></div></div></div></body></html>`,
			[]string{"/vi/news/hoat-dong/a-1.html", "/vi/news/hoat-dong/c-3.html", "/vi/news/hoat-dong/d-4.html"}, ""},
		{"nukeviet viewcat_list", "nukeviet", "/vi/news/hoat-dong/",
			`<html><body><div class="list-group"><a class="show h4" href="/vi/news/hoat-dong/e-5.html"><h4 class="list-group-item-heading">Bài dạng danh sách</h4></a>
<a class="show h4" href="/vi/news/hoat-dong/f-6.html"><h4>Bài thứ hai dạng danh sách</h4></a></div></body></html>`,
			[]string{"/vi/news/hoat-dong/e-5.html", "/vi/news/hoat-dong/f-6.html"}, ""},
		{"liferay portlet list", "liferay", "/web/guest/tin-tuc/dm-hoat-dong",
			`<html><body><div class="portlet-body"><div class="news-item"><a href="/web/guest/tin-tuc/dm-hoat-dong/chi-tiet?id=45019&_c=3">Hội nghị</a></div>
<div class="news-item"><a href="/web/guest/tin-tuc/dm-hoat-dong/chi-tiet?id=45011&_c=3">Tập huấn</a></div>
<ul class="lfr-pagination-buttons pager"><li class="disabled"><a href="javascript:;">Đầu</a></li><li><a href="/web/guest/tin-tuc/dm-hoat-dong?_menu_WAR_vienkiemsatportlet_cur=2">Tiếp</a></li></ul></div></body></html>`,
			[]string{"/web/guest/tin-tuc/dm-hoat-dong/chi-tiet?_c=3&id=45019", "/web/guest/tin-tuc/dm-hoat-dong/chi-tiet?_c=3&id=45011"}, "/web/guest/tin-tuc/dm-hoat-dong?_menu_WAR_vienkiemsatportlet_cur=2"},
		{"sharepoint list", "sharepoint", "/portal/Pages/Tin-hoat-dong.aspx",
			`<html><body><div class="news-list"><a href="/portal/Pages/2024-7-9/Vien-truong-bao-cao-cong-tac-11zy0w.aspx">Viện trưởng báo cáo công tác tại kỳ họp</a>
<a href="/portal/Pages/2024-7-2/Hoi-nghi-so-ket-6-thang-2a1b3c.aspx">Hội nghị sơ kết 6 tháng</a><a href="/portal/Pages/default.aspx">Trang chủ</a></div>
<div class="paging"><a href="/portal/Pages/Tin-hoat-dong.aspx?Page=2" class="next">Trang sau</a></div></body></html>`,
			[]string{"/portal/Pages/2024-7-9/Vien-truong-bao-cao-cong-tac-11zy0w.aspx", "/portal/Pages/2024-7-2/Hoi-nghi-so-ket-6-thang-2a1b3c.aspx"}, "/portal/Pages/Tin-hoat-dong.aspx?Page=2"},
		{"idcat list", "idcat", "/tin-hoat-dong_206_1_a.html",
			`<html><body><div class="list"><a href="/cong-bo-quyet-dinh-thanh-tra_2372_206_2_a.html">Công bố quyết định thanh tra</a>
<a href="/tin-hoat-dong_206_1_a.html">Tin hoạt động</a><a href="/hoi-nghi-giao-ban_2370_206_2_a.html">Hội nghị giao ban</a></div>
<div class="paging"><a class="next" href="/tin-hoat-dong_206_1_a.html?page=2">Sau</a></div></body></html>`,
			[]string{"/cong-bo-quyet-dinh-thanh-tra_2372_206_2_a.html", "/hoi-nghi-giao-ban_2370_206_2_a.html"}, "/tin-hoat-dong_206_1_a.html?page=2"},
		{"wordpress block theme", "wordpress", "/tin-tuc/",
			`<html><body><ul class="wp-block-post-template"><li><h2 class="wp-block-post-title"><a href="/2024/05/31/hoi-nghi/">Hội nghị</a></h2></li>
<li><h2 class="wp-block-post-title"><a href="/2024/05/30/tap-huan/">Tập huấn</a></h2></li></ul>
<nav class="wp-block-query-pagination"><a class="wp-block-query-pagination-next" href="/tin-tuc/page/2/">Trang sau</a></nav></body></html>`,
			[]string{"/2024/05/31/hoi-nghi/", "/2024/05/30/tap-huan/"}, "/tin-tuc/page/2/"},
		{"wordpress ColorMag", "wordpress", "/category/tin-tuc/",
			`<html><body><article class="post"><h2 class="cm-entry-title"><a href="/2024/05/31/hoi-nghi/">Hội nghị</a></h2><div class="cm-entry-summary"><p>Tóm tắt</p></div></article>
<article class="post"><h2 class="cm-entry-title"><a href="/2024/05/30/tap-huan/">Tập huấn</a></h2></article><a class="next page-numbers" href="/category/tin-tuc/page/2/">Sau</a></body></html>`,
			[]string{"/2024/05/31/hoi-nghi/", "/2024/05/30/tap-huan/"}, "/category/tin-tuc/page/2/"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e, err := New(tc.preset, Selectors{})
			if err != nil {
				t.Fatal(err)
			}
			page, _ := url.Parse("http://portal.test" + tc.page)
			doc, err := goquery.NewDocumentFromReader(strings.NewReader(tc.html))
			if err != nil {
				t.Fatal(err)
			}
			l := e.List(page, doc)
			var got []string
			for _, a := range l.Articles {
				u, _ := url.Parse(a)
				got = append(got, canonicalPath(u))
			}
			var want []string
			for _, w := range tc.articles {
				u, _ := url.Parse(w)
				want = append(want, canonicalPath(u))
			}
			if !slices.Equal(got, want) {
				t.Errorf("articles = %q, want %q", got, want)
			}
			var next string
			if len(l.Next) > 0 {
				u, _ := url.Parse(l.Next[0])
				next = u.RequestURI()
			}
			if next != tc.next || len(l.Next) > 1 {
				t.Errorf("next = %q, want only %q", l.Next, tc.next)
			}
		})
	}
}

// canonicalPath is the path and sorted query of u.
func canonicalPath(u *url.URL) string {
	if u.RawQuery == "" {
		return u.Path
	}
	return u.Path + "?" + u.Query().Encode()
}

// TestPresetArticles checks the fields each family's article page gives.
func TestPresetArticles(t *testing.T) {
	body := strings.Repeat("Viện kiểm sát nhân dân tỉnh tổ chức Hội nghị sơ kết công tác kiểm sát 6 tháng đầu năm. ", 6)
	tests := []struct {
		name, preset, html string
		title, published   string
		author             string
	}{
		{"nukeviet 4.5: the visible time, not the edit time in the microdata", "nukeviet",
			`<html><head><meta property="article:published_time" content="2021-01-25+0715:30:00"></head><body><div class="news_column panel panel-default"><div class="panel-body">
<h1 class="title margin-bottom-lg" itemprop="headline">Hội nghị sơ kết 6 tháng</h1><div class="hidden" itemprop="author"><span itemprop="name">Minh Anh</span></div>
<span class="hidden hide d-none" itemprop="datePublished">2021-02-10T09:00:00+07:00</span><span class="hidden hide d-none" itemprop="dateModified">2021-02-10T09:00:00+07:00</span>
<div class="row margin-bottom-lg"><div class="col-md-12"><span class="h5">Thứ hai - 25/01/2021 15:30</span></div></div>
<div id="news-bodyhtml" class="bodytext margin-bottom-lg"><p>` + body + `</p></div>
<div class="margin-bottom-lg"><p class="h5 text-right"><strong>Tác giả: </strong>Minh Anh</p></div></div></div></body></html>`,
			"Hội nghị sơ kết 6 tháng", "Thứ hai - 25/01/2021 15:30", "Minh Anh"},
		{"nukeviet 4.0: no microdata", "nukeviet",
			`<html><body><div class="news_column panel panel-default"><div class="panel-body"><h1 class="title margin-bottom-lg">Hội nghị sơ kết 6 tháng</h1>
<div class="row margin-bottom-lg"><div class="col-md-12"><span class="h5">Thứ hai - 25/01/2021 15:30</span></div></div>
<div id="news-bodyhtml" class="bodytext"><p>` + body + `</p></div><p class="h5 text-right"><strong>Tác giả bài viết: </strong>Minh Anh</p></div></div></body></html>`,
			"Hội nghị sơ kết 6 tháng", "Thứ hai - 25/01/2021 15:30", "Minh Anh"},
		{"nukeviet: only the meta", "nukeviet",
			`<html><head><meta property="article:published_time" content="2021-01-25+0715:30:00"></head><body><div class="news_column"><h1 class="title">Hội nghị sơ kết 6 tháng</h1>
<div id="news-bodyhtml" class="bodytext"><p>` + body + `</p></div></div></body></html>`,
			"Hội nghị sơ kết 6 tháng", "2021-01-25+0715:30:00", ""},
		{"sharepoint", "sharepoint",
			`<html><body><div class="article"><div class="article-title"><h1>Viện trưởng báo cáo công tác tại kỳ họp HĐND tỉnh</h1></div><div class="article-date">Đăng ngày 09 - 07 - 2024</div>
<div class="article-tools"><span class="font-size">100%</span></div><div class="article-content"><p>` + body + `</p></div></div></body></html>`,
			"Viện trưởng báo cáo công tác tại kỳ họp HĐND tỉnh", "Đăng ngày 09 - 07 - 2024", ""},
		{"wordpress block theme", "wordpress",
			`<html><body><main><h1 class="wp-block-post-title">Hội nghị sơ kết 6 tháng</h1><div class="wp-block-post-date"><time datetime="2024-05-31T07:38:00+07:00">31/05/2024</time></div>
<div class="wp-block-post-author-name"><a class="wp-block-post-author-name__link" href="/author/ha/">Thu Hà</a></div><div class="entry-content wp-block-post-content"><p>` + body + `</p></div></main></body></html>`,
			"Hội nghị sơ kết 6 tháng", "2024-05-31T07:38:00+07:00", "Thu Hà"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e, err := New(tc.preset, Selectors{})
			if err != nil {
				t.Fatal(err)
			}
			page, _ := url.Parse("http://portal.test/a-1.html")
			doc, err := goquery.NewDocumentFromReader(strings.NewReader(tc.html))
			if err != nil {
				t.Fatal(err)
			}
			raw, err := e.Article(page, doc)
			if err != nil {
				t.Fatal(err)
			}
			if raw.Title != tc.title || raw.Published != tc.published || raw.Author != tc.author {
				t.Errorf("title %q published %q author %q, want %q %q %q", raw.Title, raw.Published, raw.Author, tc.title, tc.published, tc.author)
			}
			if !strings.Contains(raw.BodyText, "sơ kết công tác kiểm sát") || strings.Contains(raw.BodyText, "100%") {
				t.Errorf("body %q", raw.BodyText)
			}
		})
	}
}
