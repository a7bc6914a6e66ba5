package crawlers

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"sync"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/gocolly/colly/v2"

	"github.com/vksnews/vksnews/crawlers/extract"
)

// Kinds of request, kept in the colly context of each request.
const (
	kindList    = "list"
	kindArticle = "article"
	kindFeed    = "feed"
)

// maxRedirects stops redirect loops the way browsers do.
const maxRedirects = 10

// run is the state of one portal's crawl. colly calls its callbacks from
// several goroutines, so everything mutable is behind mu.
type run struct {
	ctx      context.Context
	portal   string
	opts     Options
	ex       *extract.Extractor
	hosts    map[string]bool
	state    State
	sink     Sink
	progress func(Progress)
	c        *colly.Collector

	mu        sync.Mutex
	res       Result
	queued    int
	okReplies int
	seen      map[string]bool // canonical URLs already queued this run
	cut       bool            // a list page was not walked: the run is incomplete
	retry     []string        // article URLs to try again next time
	lists     []*listPage
	articleOK map[string]bool // canonical article URL -> handed to the sink
	redirects redirectChains
}

// listPage remembers what a list page linked to, to decide at the end of
// the run whether its validators may be stored.
type listPage struct {
	url        string
	validators Validators
	articles   []string
	complete   bool // answered 200 or 304 and parsed
}

func newRun(ctx context.Context, portal string, opts Options, ex *extract.Extractor, hosts map[string]bool,
	state State, sink Sink) *run {
	r := &run{
		ctx: ctx, portal: portal, opts: opts, ex: ex, hosts: hosts, state: state, sink: sink, progress: opts.Progress,
		res:       Result{Portal: portal, Lists: map[string]Validators{}, Later: map[string]time.Time{}},
		seen:      map[string]bool{},
		articleOK: map[string]bool{},
	}
	c := colly.NewCollector(
		colly.UserAgent(opts.UserAgent),
		colly.Async(true),
		colly.StdlibContext(ctx),
		// One byte over the limit tells a page at the limit from a larger one,
		// which colly would otherwise silently truncate.
		colly.MaxBodySize(int(opts.MaxBodyBytes+1)),
	)
	c.IgnoreRobotsTxt = !opts.RespectRobots
	c.SetRequestTimeout(opts.Timeout)
	// Limit only fails for an empty glob.
	_ = c.Limit(&colly.LimitRule{DomainGlob: "*", Parallelism: opts.Parallelism, Delay: opts.Delay})
	c.SetRedirectHandler(r.checkRedirect)
	c.OnResponse(r.onResponse)
	c.OnError(r.onError)
	r.c = c
	return r
}

func (r *run) crawl(starts, feeds, retry []string) Result {
	for _, u := range starts {
		r.enqueue(u, kindList)
	}
	for _, u := range feeds {
		r.enqueue(u, kindFeed)
	}
	for _, u := range r.inScope(retry) {
		if !r.state.Known(u) {
			r.enqueue(u, kindArticle)
		}
	}
	// Known articles due for a check: a conditional GET each, which a
	// page unchanged since answers with a bodiless 304.
	for _, u := range r.inScope(r.opts.Revisit) {
		r.enqueue(u, kindArticle)
	}
	r.c.Wait()

	r.mu.Lock()
	defer r.mu.Unlock()
	for _, l := range r.lists {
		if !l.complete || (l.validators == Validators{}) {
			continue
		}
		ok := true
		for _, a := range l.articles {
			if !r.articleOK[a] {
				ok = false
				break
			}
		}
		if ok {
			r.res.Lists[l.url] = l.validators
		}
	}
	if r.okReplies == 0 && r.queued > 0 {
		first := "no request could be made"
		if len(r.res.Errors) > 0 {
			first = r.res.Errors[0]
		}
		r.res.Err = fmt.Errorf("%w: %s", ErrNothingFetched, first)
	}
	if err := r.ctx.Err(); err != nil && r.res.Err == nil {
		r.res.Err = fmt.Errorf("crawl interrupted: %w", err)
	}
	r.res.Complete = !r.cut && r.res.Err == nil
	r.res.Retry = r.retry
	return r.res
}

// enqueue requests a canonical URL once per run, within the page limit.
func (r *run) enqueue(u, kind string) {
	r.mu.Lock()
	if r.seen[u] {
		r.mu.Unlock()
		return
	}
	r.seen[u] = true
	if kind == kindArticle && r.opts.Avoid[u] {
		r.res.Avoided++
		r.mu.Unlock()
		return
	}
	if r.opts.MaxPages > 0 && r.queued >= r.opts.MaxPages {
		r.res.Skipped++
		if kind == kindList {
			r.cut = true
		}
		r.mu.Unlock()
		return
	}
	r.queued++
	r.mu.Unlock()

	hdr := http.Header{}
	// Conditional requests wherever validators are known, except list pages
	// under --refresh, whose every link must be seen again.
	if kind == kindArticle || !r.opts.Refresh {
		v := r.state.Validators(u)
		if v.ETag != "" {
			hdr.Set("If-None-Match", v.ETag)
		}
		if v.LastModified != "" {
			hdr.Set("If-Modified-Since", v.LastModified)
		}
	}
	hdr.Set("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")
	hdr.Set("Accept-Language", "vi,en;q=0.5")
	cctx := colly.NewContext()
	cctx.Put("kind", kind)
	cctx.Put("url", u)
	cctx.Put("attempt", 0)
	if err := r.c.Request(http.MethodGet, u, nil, cctx, hdr); err != nil {
		r.mu.Lock()
		switch {
		case errors.Is(err, colly.ErrRobotsTxtBlocked):
			r.queued-- // no request was made
			r.res.Skipped++
		case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		default:
			r.res.Failed++
			r.addError(fmt.Sprintf("GET %s: %v", u, err))
			r.noteFailure(u, kind, true)
		}
		r.mu.Unlock()
	}
}

// checkRedirect keeps the crawl on the portal's hosts and stops loops.
func (r *run) checkRedirect(req *http.Request, via []*http.Request) error {
	if err := r.redirects.check(req, via); err != nil {
		return err
	}
	if len(via) >= maxRedirects {
		return fmt.Errorf("stopped after %d redirects (redirect loop?)", len(via))
	}
	if !r.hosts[req.URL.Host] && via[0].URL.Host != req.URL.Host {
		return fmt.Errorf("redirect to another host %s refused", req.URL.Host)
	}
	return nil
}

func (r *run) onResponse(resp *colly.Response) {
	u := resp.Ctx.Get("url")
	kind := resp.Ctx.Get("kind")
	err := r.handle(resp, u, kind)
	r.mu.Lock()
	r.res.Fetched++
	if err != nil {
		r.res.Failed++
		if errors.Is(err, extract.ErrNotArticle) {
			r.res.Refused++
		}
		r.addError(fmt.Sprintf("GET %s: %v", u, err))
		// Only a store failure may pass; a page that does not extract won't,
		// and is not fetched again for a while.
		passing := errors.Is(err, errSink)
		r.noteFailure(u, kind, passing)
		if !passing && kind == kindArticle {
			r.res.Gone = append(r.res.Gone, Gone{URL: u, Reason: "not_article"})
		}
	} else {
		r.okReplies++
	}
	r.mu.Unlock()
	r.report()
}

func (r *run) handle(resp *colly.Response, u, kind string) error {
	if int64(len(resp.Body)) > r.opts.MaxBodyBytes {
		return fmt.Errorf("page larger than max_body_bytes (%d bytes)", r.opts.MaxBodyBytes)
	}
	ct := resp.Headers.Get("Content-Type")
	if kind == kindFeed {
		return r.handleFeed(u, resp.Body, *resp.Headers)
	}
	if !isHTML(ct) {
		return fmt.Errorf("not an HTML page (Content-Type %q)", ct)
	}
	page, doc, err := parseHTML(resp.Body, ct)
	if err != nil {
		return err
	}
	final := resp.Request.URL
	v := Validators{ETag: resp.Headers.Get("ETag"), LastModified: resp.Headers.Get("Last-Modified")}
	if kind == kindList {
		r.handleList(u, final, doc, v)
		return nil
	}
	pg, err := r.articlePage(u, final, doc, page)
	if err != nil {
		return err
	}
	pg.Raw.Status = resp.StatusCode
	pg.Raw.ETag, pg.Raw.LastModified = v.ETag, v.LastModified
	if err := r.sink(r.ctx, pg); err != nil {
		return fmt.Errorf("%w: %w", errSink, err)
	}
	r.mu.Lock()
	r.res.Articles++
	r.articleOK[u] = true
	r.mu.Unlock()
	return nil
}

// parseHTML decodes a page to UTF-8 NFC and parses it.
func parseHTML(body []byte, contentType string) ([]byte, *goquery.Document, error) {
	page, err := decodePage(body, contentType)
	if err != nil {
		return nil, nil, err
	}
	if len(bytes.TrimSpace(page)) == 0 {
		return nil, nil, errors.New("empty page")
	}
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(page))
	if err != nil {
		return nil, nil, fmt.Errorf("parse html: %w", err)
	}
	return page, doc, nil
}

func (r *run) handleList(u string, final *url.URL, doc *goquery.Document, v Validators) {
	list := r.ex.List(final, doc)
	lp := &listPage{url: u, validators: v, complete: true}
	known := 0
	var fresh []string
	for _, a := range r.inScope(list.Articles) {
		lp.articles = append(lp.articles, a)
		if !r.opts.Refresh && r.state.Known(a) {
			known++
			r.mu.Lock()
			r.articleOK[a] = true
			r.mu.Unlock()
			continue
		}
		fresh = append(fresh, a)
	}
	r.mu.Lock()
	r.res.ListPages++
	r.lists = append(r.lists, lp)
	r.mu.Unlock()
	for _, a := range fresh {
		r.enqueue(a, kindArticle)
	}
	// A page of nothing but known articles means the rest of the list is
	// older still: stop paging (unless refreshing).
	if len(lp.articles) > 0 && known == len(lp.articles) && !r.opts.Refresh && !r.opts.FullListing {
		return
	}
	for _, n := range r.inScope(list.Next) {
		r.enqueue(n, kindList)
	}
}

// inScope canonicalizes links and keeps those on the portal's hosts.
func (r *run) inScope(links []string) []string {
	var out []string
	for _, l := range links {
		c, err := Canonicalize(l)
		if err != nil {
			continue
		}
		pu, _ := url.Parse(c)
		if !r.hosts[pu.Host] {
			continue
		}
		out = append(out, c)
	}
	return out
}

// articlePage extracts an article page fetched as u (canonical) and
// answered from final (after redirects).
func (r *run) articlePage(u string, final *url.URL, doc *goquery.Document, page []byte) (Page, error) {
	raw, err := r.ex.Article(final, doc)
	if err != nil {
		return Page{}, err
	}
	raw.URL = u
	if fu, err := Canonicalize(final.String()); err == nil && r.inHosts(fu) {
		raw.URL = fu
	}
	canon := raw.URL
	if c, err := Canonicalize(raw.CanonicalURL); err == nil && r.inHosts(c) {
		canon = c
	}
	raw.CanonicalURL = canon
	raw.Portal = r.portal
	raw.FetchedAt = time.Now().UTC()
	return Page{Raw: raw, HTML: page}, nil
}

func (r *run) inHosts(canonical string) bool {
	pu, err := url.Parse(canonical)
	return err == nil && r.hosts[pu.Host]
}

func (r *run) report() {
	if r.progress == nil {
		return
	}
	r.mu.Lock()
	p := Progress{Portal: r.portal, Fetched: r.res.Fetched, Queued: r.queued, Articles: r.res.Articles, Failed: r.res.Failed}
	r.mu.Unlock()
	r.progress(p)
}
