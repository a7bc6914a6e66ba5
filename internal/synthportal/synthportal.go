// Package synthportal serves a synthetic NukeViet-style news portal of any
// number of articles, for the crawl benchmark (vksnews bench crawl). Pages
// are rendered on request from the article's number (synthcorpus.Articles with
// that number as seed), so the portal holds nothing in memory however
// large it is, and the benchmark's memory is the crawler's.
package synthportal

import (
	"fmt"
	"html"
	"net/http"
	"strconv"
	"strings"

	"github.com/vksnews/vksnews/internal/synthcorpus"

	"github.com/vksnews/vksnews/internal/article"
)

// PerPage is how many articles a list page links to, as NukeViet's default.
const PerPage = 20

// Portal is a synthetic portal of N articles: article N-1 is the newest,
// on the first list page.
type Portal struct {
	N int
}

// StartPath is the path of the first list page.
const StartPath = "/vi/news/"

// ServeHTTP serves list pages (StartPath, StartPath+"page-K/"), article
// pages (StartPath+"tin-I.html") and a 404 for anything else.
func (p Portal) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	path := r.URL.Path
	rest, ok := strings.CutPrefix(path, StartPath)
	if !ok {
		http.NotFound(w, r)
		return
	}
	var body string
	switch {
	case rest == "":
		body = p.list(1)
	case strings.HasPrefix(rest, "page-"):
		k, err := strconv.Atoi(strings.TrimSuffix(strings.TrimPrefix(rest, "page-"), "/"))
		if err != nil || k < 1 || (k-1)*PerPage >= p.N {
			http.NotFound(w, r)
			return
		}
		body = p.list(k)
	case strings.HasPrefix(rest, "tin-") && strings.HasSuffix(rest, ".html"):
		i, err := strconv.Atoi(strings.TrimSuffix(strings.TrimPrefix(rest, "tin-"), ".html"))
		if err != nil || i < 0 || i >= p.N {
			http.NotFound(w, r)
			return
		}
		body = articlePage(i)
	default:
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	fmt.Fprint(w, body)
}

// one is synthetic article i: the same on every call.
func one(i int) article.Article { return synthcorpus.Articles(1, int64(i)+1)[0] }

func (p Portal) list(k int) string {
	var b strings.Builder
	b.WriteString(`<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>Tin hoạt động</title></head><body>`)
	b.WriteString(`<nav class="menu"><a href="/vi/">Trang chủ</a> <a href="/vi/about/">Giới thiệu</a></nav><div class="news_column">`)
	for j := range PerPage {
		i := p.N - 1 - (k-1)*PerPage - j
		if i < 0 {
			break
		}
		a := one(i)
		fmt.Fprintf(&b, `<div class="item"><h3><a href="%stin-%d.html">%s</a></h3><p class="hometext">%s</p></div>`,
			StartPath, i, html.EscapeString(a.Title), html.EscapeString(a.Summary))
	}
	b.WriteString(`</div><ul class="pagination">`)
	if k*PerPage < p.N {
		fmt.Fprintf(&b, `<li><a rel="next" href="%spage-%d/">Sau</a></li>`, StartPath, k+1)
	}
	b.WriteString(`</ul></body></html>`)
	return b.String()
}

func articlePage(i int) string {
	a := one(i)
	var b strings.Builder
	fmt.Fprintf(&b, `<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>%s</title>`, html.EscapeString(a.Title))
	fmt.Fprintf(&b, `<link rel="canonical" href="%stin-%d.html"></head><body><div class="news_column">`, StartPath, i)
	fmt.Fprintf(&b, `<h1 itemprop="headline">%s</h1>`, html.EscapeString(a.Title))
	if a.Published != nil {
		fmt.Fprintf(&b, `<span class="time" itemprop="datePublished" content="%s">%s</span>`,
			a.Published.Format("2006-01-02T15:04:05-07:00"), a.Published.Format("02/01/2006 15:04"))
	}
	fmt.Fprintf(&b, `<div class="hometext">%s</div><div id="news-bodyhtml">`, html.EscapeString(a.Summary))
	for _, para := range strings.Split(a.Body, "\n\n") {
		fmt.Fprintf(&b, "<p>%s</p>", html.EscapeString(para))
	}
	b.WriteString(`</div><div class="socialicon">Chia sẻ</div></div></body></html>`)
	return b.String()
}
