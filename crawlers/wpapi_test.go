package crawlers

import (
	"context"
	"net/url"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/vksnews/vksnews/internal/sampleportals"
)

// The WordPress REST API finds every public post of the sample WordPress
// portal, page by page through X-WP-TotalPages, without any list page; a
// second crawl stops at the first page of known posts.
func TestWordPressRESTAPI(t *testing.T) {
	srv, err := sampleportals.Start()
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	base := srv.URL("travinh")
	var want []string
	for _, e := range sampleportals.Expectations() {
		if e.Site == "travinh" {
			want = append(want, e.Path)
		}
	}
	sort.Strings(want)
	p := Portal{Name: "travinh", Preset: "wordpress", Feeds: []string{base + "/wp-json/wp/v2/posts"}}
	state := newMemState()
	c := &collect{state: state}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	res, err := Crawler{State: state, Sink: c.sink}.Crawl(ctx, p, fastOptions())
	if err != nil || res.Err != nil {
		t.Fatalf("Crawl: %v %v", err, res.Err)
	}
	var got []string
	for _, pg := range c.pages {
		u, _ := url.Parse(pg.Raw.CanonicalURL)
		got = append(got, u.RequestURI())
	}
	sort.Strings(got)
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("articles from the REST API:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if res.ListPages != 3 {
		t.Errorf("%d API pages read, want 3", res.ListPages)
	}

	res, err = Crawler{State: state, Sink: c.sink}.Crawl(ctx, p, fastOptions())
	if err != nil || res.ListPages != 1 || res.Articles != 0 {
		t.Errorf("second crawl: %d API pages, %d articles (%v); want 1 and 0", res.ListPages, res.Articles, err)
	}
}
