package crawlers

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/vksnews/vksnews/internal/sampleportals"
)

// A portal whose list page links one article finds the others through its
// sitemap index and a gzipped urlset, newest first, on its own host only;
// a broken sitemap is an error of the crawl and loses nothing else.
func TestCrawlSitemaps(t *testing.T) {
	s := newTestSite(t)
	s.html("/category/tin/", wpList("", "/2024/05/hoi-nghi-a/"))
	for _, a := range []struct{ path, title string }{
		{"/2024/05/hoi-nghi-a/", "Hội nghị A"}, {"/2023/01/tap-huan-b/", "Tập huấn B"},
		{"/2022/06/phien-toa-c/", "Phiên tòa C"}, {"/2021/03/ky-ket-d/", "Ký kết D"},
	} {
		s.html(a.path, wpArticle(a.title, "2024-05-31T07:38:00+07:00"))
	}
	s.handle("/sitemap.xml", xmlPage(`<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>`+s.URL+`/sitemap-posts.xml.gz</loc><lastmod>2024-05-31</lastmod></sitemap>
<sitemap><loc>https://elsewhere.example/sitemap.xml</loc></sitemap>
</sitemapindex>`, "application/xml"))
	urlset := `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>` + s.URL + `/2021/03/ky-ket-d/</loc><lastmod>2021-03-02</lastmod></url>
<url><loc>` + s.URL + `/2023/01/tap-huan-b/</loc><lastmod>2023-01-05T08:00:00+07:00</lastmod></url>
<url><loc>` + s.URL + `/2024/05/hoi-nghi-a/</loc><lastmod>2024-05-31</lastmod></url>
<url><loc>` + s.URL + `/2022/06/phien-toa-c/</loc><lastmod>2022-06-10</lastmod></url>
<url><loc>https://elsewhere.example/2024/05/other/</loc></url>
</urlset>`
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	fmt.Fprint(zw, urlset)
	zw.Close()
	s.handle("/sitemap-posts.xml.gz", xmlPage(gz.String(), "application/gzip"))
	s.handle("/broken.xml", xmlPage(`<?xml version="1.0"?><urlset><url><loc>`+s.URL+`/x/</loc></urlset>`, "application/xml"))

	crawl := func(opts Options, feeds ...string) (Result, *collect) {
		t.Helper()
		state := newMemState()
		c := &collect{state: state}
		p := Portal{Name: "test", Preset: "wordpress", StartURLs: []string{s.URL + "/category/tin/"}, Feeds: feeds}
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		defer cancel()
		res, err := Crawler{State: state, Sink: c.sink}.Crawl(ctx, p, opts)
		if err != nil {
			t.Fatal(err)
		}
		return res, c
	}

	res, c := crawl(fastOptions(), s.URL+"/sitemap.xml")
	got := c.titles()
	slices.Sort(got)
	if want := []string{"Hội nghị A", "Ký kết D", "Phiên tòa C", "Tập huấn B"}; !slices.Equal(got, want) || res.Err != nil {
		t.Fatalf("articles = %q (err %v, errors %q), want %q", got, res.Err, res.Errors, want)
	}
	if res.ListPages != 3 {
		t.Errorf("%d list pages and sitemaps read, want 3 (list, index, urlset)", res.ListPages)
	}

	// One request for the list, two for the sitemaps and two articles:
	// the list's article and the sitemap's newest other one.
	opts := fastOptions()
	opts.MaxPages = 5
	_, c = crawl(opts, s.URL+"/sitemap.xml")
	if got := c.titles(); !slices.Contains(got, "Tập huấn B") || len(got) != 2 {
		t.Errorf("with 5 requests: %q, want Hội nghị A and the newest from the sitemap, Tập huấn B", got)
	}

	res, c = crawl(fastOptions(), s.URL+"/broken.xml")
	if got := c.titles(); !slices.Equal(got, []string{"Hội nghị A"}) {
		t.Errorf("with a broken sitemap: %q, want the list's article still", got)
	}
	if !strings.Contains(strings.Join(res.Errors, "\n"), "sitemap") {
		t.Errorf("a broken sitemap is not among the errors: %q", res.Errors)
	}
}

// xmlPage serves body with the given Content-Type.
func xmlPage(body, contentType string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", contentType)
		fmt.Fprint(w, body)
	}
}

func TestParseSitemapIgnoresFeeds(t *testing.T) {
	for _, body := range []string{`<?xml version="1.0"?><rss version="2.0"><channel></channel></rss>`, `<feed xmlns="http://www.w3.org/2005/Atom"></feed>`, "not xml"} {
		if _, ok, err := parseSitemap([]byte(body)); ok || err != nil {
			t.Errorf("parseSitemap(%.30q) = ok %v, %v; want not a sitemap", body, ok, err)
		}
	}
}

// The sample NukeViet portal's sitemap reaches every article from a home
// page that links only the newest few.
func TestSitemapSamplePortal(t *testing.T) {
	srv, err := sampleportals.Start()
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	base := srv.URL("khanhhoa")
	var want []string
	for _, e := range sampleportals.Expectations() {
		if e.Site == "khanhhoa" {
			want = append(want, e.Path)
		}
	}
	slices.Sort(want)
	crawl := func(feeds ...string) []string {
		t.Helper()
		state := newMemState()
		c := &collect{state: state}
		p := Portal{Name: "khanhhoa", Preset: "nukeviet", StartURLs: []string{base + "/"}, Feeds: feeds}
		opts := fastOptions()
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		defer cancel()
		res, err := Crawler{State: state, Sink: c.sink}.Crawl(ctx, p, opts)
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Errors) > 0 {
			t.Errorf("errors: %q", res.Errors)
		}
		var got []string
		for _, pg := range c.pages {
			u, _ := url.Parse(pg.Raw.CanonicalURL)
			got = append(got, u.RequestURI())
		}
		// An article reached by two URLs is one article (the store keys
		// it by its canonical URL).
		slices.Sort(got)
		return slices.Compact(got)
	}
	if got := crawl(); len(got) >= len(want) {
		t.Fatalf("the home page alone reaches %d of %d articles: the sitemap adds nothing to test", len(got), len(want))
	}
	if got := crawl(base + "/sitemap-vi.news.xml"); !slices.Equal(got, want) {
		t.Errorf("with the sitemap:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
