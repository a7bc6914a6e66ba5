// Package pipeline wires one crawl pass: crawlers fetch pages, normalize
// turns them into articles, the store keeps them. It is the one place, apart
// from cmd/vksnews, that knows every stage, so the command line, the
// scheduler and the HTTP API all crawl the same way.
package pipeline

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/vksnews/vksnews/config"
	"github.com/vksnews/vksnews/crawlers"
	"github.com/vksnews/vksnews/internal/normalize"
	"github.com/vksnews/vksnews/internal/store"
)

// Options tune one crawl pass beyond the config file.
type Options struct {
	MaxPages int  // requests per portal; 0: no limit
	Refresh  bool // fetch known articles again
	// Concurrency is how many portals are crawled at once (default 4).
	Concurrency int
	// Progress, if set, is called after every response (from several goroutines).
	Progress func(crawlers.Progress)
}

// Summary is the outcome of one portal's crawl, as printed by `vksnews crawl`
// and stored as the portal's health.
type Summary struct {
	Portal    string
	Fetched   int
	New       int
	Updated   int
	Unchanged int
	Failed    int
	Refused   int // pages refused as not an article, among Failed
	Skipped   int
	Revisited int // known articles checked again (conditional GET) as due
	Avoided   int // links not fetched: backing off after a 404, 410 or a non-article
	Duration  time.Duration
	Errors    []string
	Err       error // the portal failed entirely
}

// ErrUnknownPortal is returned for a portal name the config lacks.
var ErrUnknownPortal = errors.New("unknown portal")

// Pipeline crawls portals into a store.
type Pipeline struct {
	Config config.Config
	Store  *store.Store
	Now    func() time.Time // defaults to time.Now
}

// Crawl crawls the named portals (all of them when names is empty) and
// returns one Summary per portal, in config order. The error reports unknown
// portal names only; portal failures are in the summaries.
func (p *Pipeline) Crawl(ctx context.Context, names []string, opts Options) ([]Summary, error) {
	portals, err := p.selectPortals(names)
	if err != nil {
		return nil, err
	}
	loc, err := p.Config.Location()
	if err != nil {
		return nil, err
	}
	conc := opts.Concurrency
	if conc <= 0 {
		conc = 4
	}
	out := make([]Summary, len(portals))
	sem := make(chan struct{}, conc)
	var wg sync.WaitGroup
	for i, portal := range portals {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			out[i] = p.crawlPortal(ctx, portal, loc, opts)
		}()
	}
	wg.Wait()
	return out, nil
}

func (p *Pipeline) selectPortals(names []string) ([]config.Portal, error) {
	if len(names) == 0 {
		return p.Config.Portals, nil
	}
	var out []config.Portal
	var errs []error
	for _, n := range names {
		portal, ok := p.Config.Portal(n)
		if !ok {
			errs = append(errs, fmt.Errorf("%w %q", ErrUnknownPortal, n))
			continue
		}
		out = append(out, portal)
	}
	return out, errors.Join(errs...)
}

func (p *Pipeline) now() time.Time {
	if p.Now != nil {
		return p.Now()
	}
	return time.Now()
}

// crawlOptions turns the config's crawl section, the portal's state and
// its back-off table into crawler options.
func crawlOptions(c config.Crawl, opts Options, prev store.PortalState, now time.Time) crawlers.Options {
	avoid, retry := avoidAndRetry(prev.Backoff, now)
	return crawlers.Options{
		FullListing:   !prev.Complete,
		Retry:         append(retry, prev.Retry...),
		Avoid:         avoid,
		UserAgent:     c.UserAgent,
		Delay:         c.Delay,
		Parallelism:   c.Parallelism,
		Timeout:       c.Timeout,
		MaxBodyBytes:  c.MaxBodyBytes,
		RespectRobots: c.RespectRobots,
		MaxPages:      opts.MaxPages,
		Refresh:       opts.Refresh,
		Retries:       2,
		RetryBackoff:  500 * time.Millisecond,
	}
}

func (p *Pipeline) crawlPortal(ctx context.Context, portal config.Portal, loc *time.Location, opts Options) Summary {
	start := p.now()
	sum := Summary{Portal: portal.Name}
	prev, _, err := p.Store.PortalState(portal.Name)
	if err != nil {
		sum.Err = fmt.Errorf("read crawl state: %w", err)
		return sum
	}
	running := prev
	running.Portal = portal.Name
	running.LastRun = start
	running.Status = "running"
	// Until this crawl finishes, a kill must leave the state incomplete.
	running.Complete = false
	if err := p.Store.PutPortalState(running); err != nil {
		sum.Err = fmt.Errorf("write crawl state: %w", err)
		return sum
	}

	np := normalize.Portal{Name: portal.Name, Unit: portal.Unit, Location: loc}
	var mu sync.Mutex
	stored := map[string]bool{} // URLs stored: forgiven by the back-off
	sink := func(ctx context.Context, page crawlers.Page) error {
		a := normalize.Article(page.Raw, np)
		a.Images = page.Raw.Images
		outcome, err := p.Store.Put(page.HTML, page.Raw, a, p.now())
		if err != nil {
			return err
		}
		mu.Lock()
		defer mu.Unlock()
		if len(running.Backoff) > 0 {
			stored[page.Raw.URL], stored[page.Raw.CanonicalURL] = true, true
		}
		switch outcome {
		case store.New:
			sum.New++
		case store.Updated:
			sum.Updated++
		default:
			sum.Unchanged++
		}
		return nil
	}
	cp := crawlers.Portal{
		Name:      portal.Name,
		Preset:    portal.Preset,
		StartURLs: portal.StartURLs,
		Feeds:     portal.Feeds,
		Selectors: portal.Selectors,
	}
	co := crawlOptions(p.Config.Crawl, opts, prev, start)
	if !opts.Refresh {
		policy := p.Config.CrawlRevisit(portal)
		if co.Revisit, err = p.Store.Due(portal.Name, func(first, checked time.Time) bool {
			return policy.Due(first, checked, start)
		}); err != nil {
			sum.Err = fmt.Errorf("read revisit schedule: %w", err)
			return sum
		}
		sum.Revisited = len(co.Revisit)
	}
	co.Progress = opts.Progress
	res, err := crawlers.Crawler{State: stateView{p.Store, prev}, Sink: sink}.Crawl(ctx, cp, co)
	if err != nil {
		res.Err = err
	}
	if err := p.Store.Checked(portal.Name, checkedURLs(co.Revisit, res), p.now()); err != nil && res.Err == nil {
		res.Err = err
	}
	sum.Fetched, sum.Failed, sum.Skipped = res.Fetched, res.Failed, res.Skipped
	sum.Refused = res.Refused
	sum.Unchanged += res.ArticlesNotModified
	sum.Errors, sum.Err = res.Errors, res.Err
	sum.Duration = p.now().Sub(start)

	st := running
	st.Complete, st.Retry = res.Complete, res.Retry
	st.Backoff = nextBackoff(prev.Backoff, res, stored, start)
	sum.Avoided = res.Avoided
	st.Fetched, st.New, st.Updated, st.Unchanged, st.Failed = sum.Fetched, sum.New, sum.Updated, sum.Unchanged, sum.Failed
	st.Refused = sum.Refused
	st.Status, st.LastError = "ok", ""
	switch {
	case sum.Err != nil:
		st.Status, st.LastError = "failed", sum.Err.Error()
	case sum.Failed > 0:
		st.Status = "partial"
		if len(sum.Errors) > 0 {
			st.LastError = sum.Errors[0]
		}
	}
	if sum.Err == nil {
		st.LastSuccess = start
	}
	if st.Lists == nil {
		st.Lists = map[string]store.Validators{}
	}
	for u, v := range res.Lists {
		st.Lists[u] = store.Validators{ETag: v.ETag, LastModified: v.LastModified}
	}
	if err := p.Store.PutPortalState(st); err != nil && sum.Err == nil {
		sum.Err = fmt.Errorf("write crawl state: %w", err)
	}
	return sum
}

// checkedURLs are the revisited URLs that did not fail: a 304 or a page
// stored again. A failed check waits for the next crawl.
func checkedURLs(revisit []string, res crawlers.Result) []string {
	if len(revisit) == 0 {
		return nil
	}
	failed := map[string]bool{}
	for _, u := range res.Retry {
		failed[u] = true
	}
	for _, g := range res.Gone {
		failed[g.URL] = true
	}
	for u := range res.Later {
		failed[u] = true
	}
	var out []string
	for _, u := range revisit {
		if !failed[u] {
			out = append(out, u)
		}
	}
	return out
}

// stateView answers the crawler's questions from the store.
type stateView struct {
	store *store.Store
	prev  store.PortalState
}

func (s stateView) Known(u string) bool { return s.store.Known(u) }

func (s stateView) Validators(u string) crawlers.Validators {
	if v, ok := s.prev.Lists[u]; ok {
		return crawlers.Validators{ETag: v.ETag, LastModified: v.LastModified}
	}
	// An article page: the validators it was stored with. A lookup failure
	// only costs a full download, so it is not an error here.
	if id, ok, err := s.store.IDForURL(u); err == nil && ok {
		if r, ok, err := s.store.Get(id); err == nil && ok {
			return crawlers.Validators{ETag: r.Raw.ETag, LastModified: r.Raw.LastModified}
		}
	}
	return crawlers.Validators{}
}
