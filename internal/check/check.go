// Package check answers the question an operator asks before trusting a new
// portal: from its start page, what would a crawl take? It finds the article
// links and the next-page link of a list page, extracts and normalizes the
// first few articles, and warns about every field that looks wrong (no date,
// a title that is the site's name, a short body, two articles with one
// title). It works on a live portal and, for tests and offline work, on saved
// pages.
package check

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"unicode/utf8"

	"github.com/vksnews/vksnews/crawlers"
	"github.com/vksnews/vksnews/internal/article"
	"github.com/vksnews/vksnews/internal/normalize"
)

// MinBody is the body length, in characters, under which a body is
// suspected of being a teaser, a caption or a wrong block.
const MinBody = 300

// DefaultArticles is how many articles Run extracts by default.
const DefaultArticles = 3

// Portal is what check needs to know of one portal.
type Portal struct {
	Crawl     crawlers.Portal
	Normalize normalize.Portal
	Title     string // the site's name, as configured
}

// Page is a page already at hand: a saved file, or one fetched by the caller.
type Page struct {
	URL         string // the address it was saved or fetched from
	ContentType string // "" for a saved file
	Body        []byte
}

// Source gives check its pages. Fetch is nil offline: then only the pages
// in Saved are used, matched by URL or, failing that, in order.
type Source struct {
	// Fetch fetches one page; nil means offline.
	Fetch func(ctx context.Context, url string) (Page, error)
	// Saved are article pages at hand (offline): Saved[i] stands for the
	// article whose URL it names, else for the i-th article link.
	Saved []Page
}

// HTTPSource fetches pages with client (nil: http.DefaultClient) and the
// crawl's politeness options.
func HTTPSource(client *http.Client, opts crawlers.Options) Source {
	return Source{Fetch: func(ctx context.Context, u string) (Page, error) {
		f, err := crawlers.FetchPage(ctx, client, opts, u)
		if err != nil {
			return Page{}, err
		}
		return Page{URL: f.URL, ContentType: f.ContentType, Body: f.Body}, nil
	}}
}

// Article is one checked article.
type Article struct {
	URL      string
	Article  article.Article // normalized
	Raw      string          // the published date as found on the page
	Err      error           // extraction failed
	Warnings []string
}

// Report is everything check found.
type Report struct {
	Portal   string
	Start    string   // the start page's URL
	Links    []string // article links found on it
	Next     []string // next-page links
	Articles []Article
	Warnings []string // about the start page itself
}

// ErrNoArticle is returned (wrapped) by Run when the start page yields no
// article: the portal would crawl nothing.
var ErrNoArticle = errors.New("no article found")

// Run checks the start page: its links, then up to n articles (n <= 0:
// DefaultArticles). The Report is filled as far as it got even when an
// error is returned.
func Run(ctx context.Context, p Portal, start Page, src Source, n int) (Report, error) {
	if n <= 0 {
		n = DefaultArticles
	}
	rep := Report{Portal: p.Crawl.Name, Start: start.URL}
	list, err := crawlers.ListFile(p.Crawl, start.URL, start.Body, start.ContentType)
	if err != nil {
		return rep, fmt.Errorf("start page %s: %w", start.URL, err)
	}
	rep.Links, rep.Next = list.Articles, list.Next
	if len(rep.Next) == 0 {
		rep.Warnings = append(rep.Warnings, "no next page: a crawl reads this page only")
	}
	if len(rep.Links) == 0 {
		// A start URL that is itself an article is a configuration mistake,
		// but its fields are still worth showing.
		a := checkArticle(p, start)
		if a.Err != nil {
			return rep, fmt.Errorf("%s: no article links and not an article page: %w", start.URL, ErrNoArticle)
		}
		rep.Warnings = append(rep.Warnings, "the start page is an article, not a list of articles")
		rep.Articles = append(rep.Articles, a)
		finish(&rep)
		return rep, nil
	}
	byURL := map[string]Page{}
	for _, s := range src.Saved {
		if c, err := crawlers.Canonicalize(s.URL); err == nil {
			byURL[c] = s
		}
	}
	for i, link := range rep.Links {
		if len(rep.Articles) == n {
			break
		}
		var pg Page
		switch s, ok := byURL[link]; {
		case ok:
			pg = s
		case src.Fetch != nil:
			pg, err = src.Fetch(ctx, link)
			if err != nil {
				rep.Articles = append(rep.Articles, Article{URL: link, Err: err})
				continue
			}
		case i < len(src.Saved) && src.Saved[i].URL == "":
			pg = Page{URL: link, Body: src.Saved[i].Body}
		default:
			continue // offline and not saved
		}
		if pg.URL == "" {
			pg.URL = link
		}
		rep.Articles = append(rep.Articles, checkArticle(p, pg))
	}
	finish(&rep)
	if ok := countOK(rep.Articles); ok == 0 && src.Fetch != nil {
		return rep, fmt.Errorf("%s: %d article links, none extracts: %w", start.URL, len(rep.Links), ErrNoArticle)
	}
	return rep, nil
}

func countOK(as []Article) int {
	n := 0
	for _, a := range as {
		if a.Err == nil {
			n++
		}
	}
	return n
}

// checkArticle extracts, normalizes and checks one article page.
func checkArticle(p Portal, pg Page) Article {
	page, err := crawlers.ExtractFile(p.Crawl, pg.URL, pg.Body)
	if err != nil {
		return Article{URL: pg.URL, Err: err}
	}
	a := Article{URL: page.Raw.CanonicalURL, Raw: page.Raw.Published, Article: normalize.Article(page.Raw, p.Normalize)}
	if a.URL == "" {
		a.URL = pg.URL
	}
	a.Warnings = fieldWarnings(a, p.Title, p.Normalize.Unit)
	return a
}

// fieldWarnings are the warnings about one article's own fields.
func fieldWarnings(a Article, siteTitle, siteUnit string) []string {
	var w []string
	art := a.Article
	if art.Published == nil {
		if a.Raw != "" {
			w = append(w, fmt.Sprintf("no date: %q does not parse as a date", a.Raw))
		} else {
			w = append(w, "no date")
		}
	}
	if sameText(art.Title, siteTitle) || sameText(art.Title, art.Unit.Name) && art.Unit.Name != "" && sameText(art.Unit.Name, siteUnit) {
		w = append(w, "title is the site name: the title selector finds the page header")
	}
	if n := utf8.RuneCountInString(art.Body); n < MinBody {
		w = append(w, fmt.Sprintf("body is %d characters (under %d): a teaser or the wrong block?", n, MinBody))
	}
	if art.Unit.Name == "" {
		w = append(w, "no unit")
	}
	return w
}

// finish adds the warnings that need every article: repeated titles.
func finish(rep *Report) {
	seen := map[string]int{}
	for i := range rep.Articles {
		a := &rep.Articles[i]
		if a.Err != nil {
			continue
		}
		key := strings.ToLower(strings.Join(strings.Fields(a.Article.Title), " "))
		if j, ok := seen[key]; ok {
			a.Warnings = append(a.Warnings, fmt.Sprintf("same title as article %d: the title selector finds a shared block", j+1))
			continue
		}
		seen[key] = i
	}
}

// sameText compares two titles ignoring case and spacing.
func sameText(a, b string) bool {
	norm := func(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }
	return a != "" && norm(a) == norm(b)
}
