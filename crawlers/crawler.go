// Package crawlers fetches procuracy portals with colly: from each portal's
// list pages it follows article links and next-page links inside the portal's
// hosts, and turns every article page into an article.Raw for the caller.
//
// It is polite (per-host delay and parallelism, User-Agent, robots.txt,
// timeouts, a body-size cap, bounded retries) and incremental: article pages
// the caller already has are not fetched again, paging stops at the first list
// page that holds only known articles, and list pages are requested with
// If-None-Match / If-Modified-Since. It never imports normalize, store or
// index: the caller passes what it knows in through State and receives pages
// through a Sink.
package crawlers

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"time"

	"github.com/vksnews/vksnews/crawlers/extract"
	"github.com/vksnews/vksnews/internal/article"
)

// Portal is what the crawler needs to know of one portal.
type Portal struct {
	Name      string
	Preset    string
	StartURLs []string
	Feeds     []string
	Selectors extract.Selectors
}

// Options are the politeness and scope settings of a crawl.
type Options struct {
	UserAgent     string
	Delay         time.Duration // between requests to one host
	Parallelism   int           // requests in flight per host
	Timeout       time.Duration // per request
	MaxBodyBytes  int64         // larger pages are refused
	RespectRobots bool
	MaxPages      int           // requests per portal (0: no limit)
	Refresh       bool          // fetch known articles again
	Retries       int           // further attempts after a 5xx or a timeout
	RetryBackoff  time.Duration // first wait before a retry; doubles each time
	// FullListing walks every list page even past pages of known articles:
	// needed when the previous crawl did not finish (killed, page limit).
	FullListing bool
	// Retry are article URLs that failed last time, fetched again directly.
	Retry []string
	// Revisit are known article URLs due for a check: fetched again with
	// their stored validators (a conditional GET).
	Revisit []string
	// Avoid are article URLs not to fetch in this run (backing off).
	Avoid map[string]bool
	// MaxRetryAfter is the longest Retry-After (429, 503) waited for within
	// the run; a longer one is reported in Result.Later. Default 30s.
	MaxRetryAfter time.Duration
	// Progress, when set, is called with the counts so far as pages are
	// handled.
	Progress func(Progress)
}

// withDefaults fills the zero fields that would make a crawl misbehave.
func (o Options) withDefaults() Options {
	if o.UserAgent == "" {
		o.UserAgent = "vksnews/0.1"
	}
	if o.Parallelism < 1 {
		o.Parallelism = 1
	}
	if o.Timeout <= 0 {
		o.Timeout = 30 * time.Second
	}
	if o.MaxBodyBytes <= 0 {
		o.MaxBodyBytes = 10 << 20
	}
	if o.Retries < 0 {
		o.Retries = 0
	}
	if o.RetryBackoff <= 0 {
		o.RetryBackoff = time.Second
	}
	if o.MaxRetryAfter <= 0 {
		o.MaxRetryAfter = 30 * time.Second
	}
	return o
}

// Validators are the HTTP cache validators of a page, sent back on the next
// request so that an unchanged page answers 304.
type Validators struct {
	ETag         string
	LastModified string
}

// State is what the crawler asks of the archive.
type State interface {
	// Known reports whether an article with this canonical URL is stored.
	Known(canonicalURL string) bool
	// Validators returns the validators stored for a page URL: a list
	// page's from the last crawl, an article page's from its stored copy.
	Validators(pageURL string) Validators
}

// Page is one fetched article page.
type Page struct {
	Raw  article.Raw
	HTML []byte // the page, decoded to UTF-8 NFC
}

// Sink receives every article page; an error counts the page as failed.
type Sink func(ctx context.Context, p Page) error

// Progress is reported after every response.
type Progress struct {
	Portal   string
	Fetched  int // responses received
	Queued   int // requests made so far, answered or not
	Articles int // article pages handed to the sink
	Failed   int
}

// Result summarises one portal's crawl.
type Result struct {
	Portal      string
	Fetched     int // responses received, any status
	ListPages   int // list pages and feeds fetched (including 304s)
	NotModified int // 304 answers
	// ArticlesNotModified are the article pages among them: refetched
	// (--refresh, retry) and unchanged, so never handed to the sink.
	ArticlesNotModified int
	Articles            int // article pages handed to the sink without error
	Skipped             int // links not followed: robots.txt, other hosts, page limit
	Failed              int // requests or pages that failed
	// Refused are the article pages among Failed that extraction refused
	// as not an article (a list, category or empty page behind an
	// article link): a rise means the portal's pages changed.
	Refused int
	Errors  []string
	// Lists holds the validators of every list page whose articles were all
	// fetched or known; the caller stores them and returns them through State.
	Lists map[string]Validators
	// Complete reports that every list page that had to be walked was
	// fetched: no list failed, none was cut by MaxPages, ctx was not done.
	Complete bool
	// Retry are article URLs that failed for a passing reason (5xx,
	// timeout, the sink): worth trying again on the next crawl.
	Retry []string
	// Gone are article URLs that will not become articles: they answered
	// 404 or 410, or their page was not an article.
	Gone []Gone
	// Later are URLs whose server asked (Retry-After) to wait longer than
	// MaxRetryAfter, with the time it named.
	Later map[string]time.Time
	// Avoided counts the article links not fetched because of Avoid.
	Avoided int
	// Err is set when the portal failed entirely: nothing could be fetched.
	Err error
}

// Gone is an article URL that failed for good, and why: "gone" (404, 410)
// or "not_article".
type Gone struct {
	URL, Reason string
}

// maxRetry bounds Result.Retry.
const maxRetry = 500

// maxErrors bounds Result.Errors so a broken portal cannot fill memory.
const maxErrors = 20

// ErrNothingFetched is the cause when no page of a portal could be fetched.
var ErrNothingFetched = errors.New("no page could be fetched")

// Crawler holds a crawl's collaborators: what is known already (State) and
// where each extracted page goes (Sink). Both are required.
type Crawler struct {
	State State
	Sink  Sink
}

// Crawl runs one crawl pass of a portal. It returns when every reachable
// page has been handled or ctx is done. An error is returned only for a bad
// portal definition; fetch failures are recorded in the Result.
func (c Crawler) Crawl(ctx context.Context, p Portal, opts Options) (Result, error) {
	if c.State == nil || c.Sink == nil {
		return Result{Portal: p.Name}, fmt.Errorf("portal %s: a Crawler needs a State and a Sink", p.Name)
	}
	ex, err := extract.New(p.Preset, p.Selectors)
	if err != nil {
		return Result{Portal: p.Name}, fmt.Errorf("portal %s: %w", p.Name, err)
	}
	hosts := map[string]bool{}
	var starts []string
	for _, s := range p.StartURLs {
		c, err := Canonicalize(s)
		if err != nil {
			return Result{Portal: p.Name}, fmt.Errorf("portal %s: start url: %w", p.Name, err)
		}
		u, _ := url.Parse(c)
		hosts[u.Host] = true
		starts = append(starts, c)
	}
	var feeds []string
	for _, s := range p.Feeds {
		c, err := Canonicalize(s)
		if err != nil {
			return Result{Portal: p.Name}, fmt.Errorf("portal %s: feed: %w", p.Name, err)
		}
		// A feed's host is the portal's too: a portal may have feeds only.
		u, _ := url.Parse(c)
		hosts[u.Host] = true
		feeds = append(feeds, c)
	}
	if len(starts) == 0 && len(feeds) == 0 {
		return Result{Portal: p.Name}, fmt.Errorf("portal %s: no start_urls or feeds", p.Name)
	}
	o := opts.withDefaults()
	var retry []string
	for _, u := range o.Retry {
		if c, err := Canonicalize(u); err == nil {
			retry = append(retry, c)
		}
	}
	r := newRun(ctx, p.Name, o, ex, hosts, c.State, c.Sink)
	return r.crawl(starts, feeds, retry), nil
}

// ExtractFile extracts one saved article page the way a crawl of p would
// (charset handling, extraction, URL canonicalization), fetching nothing.
// pageURL is the address the page was saved from.
func ExtractFile(p Portal, pageURL string, body []byte) (Page, error) {
	ex, err := extract.New(p.Preset, p.Selectors)
	if err != nil {
		return Page{}, err
	}
	c, err := Canonicalize(pageURL)
	if err != nil {
		return Page{}, err
	}
	u, _ := url.Parse(c)
	r := &run{portal: p.Name, ex: ex, hosts: map[string]bool{u.Host: true}}
	page, doc, err := parseHTML(body, "")
	if err != nil {
		return Page{}, err
	}
	return r.articlePage(c, u, doc, page)
}
