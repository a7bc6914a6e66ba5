package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"runtime/debug"
	"sync"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/vksnews/vksnews/config"
	"github.com/vksnews/vksnews/index"
	"github.com/vksnews/vksnews/internal/archive"
	"github.com/vksnews/vksnews/internal/article"
	"github.com/vksnews/vksnews/internal/digest"
	"github.com/vksnews/vksnews/internal/pipeline"
	"github.com/vksnews/vksnews/internal/schedule"
	"github.com/vksnews/vksnews/internal/store"
	"github.com/vksnews/vksnews/internal/web"
)

// server is the long-running system that serve and demo run: the store and
// the index (one writer), the crawl pipeline, the schedule and the HTTP API.
// Like wtf's Main it has open/run/close, and tests reuse it.
type server struct {
	cfg     config.Config
	loc     *time.Location
	log     *slog.Logger
	arc     *archive.Archive
	st      *store.Store // arc.Store
	ix      *index.Index // arc.Index
	pipe    *pipeline.Pipeline
	sched   *schedule.Scheduler
	reg     *prometheus.Registry
	health  *healthCache
	metrics *crawlMetrics
	digest  *digest.Digest                            // nil without subscriptions and without SMTP
	alerts  sync.Mutex                                // one RunAlerts at a time: never an alert twice
	mails   func(context.Context) ([]web.Mail, error) // demo's mail sink; nil in serve
	token   string

	apiCrawl atomic.Bool // a crawl started through the API is running
	crawlGC  crawlGC     // bounds the heap while crawls run
	renorm   renormalizing
	bg       sync.WaitGroup
	bgCtx    context.Context
	bgCancel context.CancelFunc
}

// openServer opens the store and the index, repairs the index against the
// store and prepares the schedule. Nothing runs until run.
func openServer(ctx context.Context, cfg config.Config, e env, log *slog.Logger) (_ *server, err error) {
	loc, err := cfg.Location()
	if err != nil {
		return nil, err
	}
	s := &server{cfg: cfg, loc: loc, log: log, reg: prometheus.NewRegistry(), token: e.getenv("VKSNEWS_ADMIN_TOKEN")}
	s.crawlGC.off = e.getenv("GOGC") != "" || e.getenv("GOMEMLIMIT") != ""
	// A new vksnews with a new mapping rebuilds the index from the store.
	if s.arc, err = archive.Open(ctx, cfg.DataDir, archive.Options{RebuildOldSchema: true, CatchUpBatch: archive.CrawlBatch, Location: loc}); err != nil {
		return nil, err
	}
	s.st, s.ix = s.arc.Store, s.arc.Index
	defer func() {
		if err != nil {
			s.Close()
		}
	}()
	// Open caught the index up; the whole comparison also mends an index
	// damaged otherwise, and reads every article for the health counts.
	health := healthCount{}
	added, removed, err := archive.Repair(ctx, s.ix, s.st, health.add)
	if err != nil {
		return nil, err
	}
	if added+removed > 0 {
		log.Info("index repaired from the store", "indexed", added, "removed", removed)
	}
	s.pipe = &pipeline.Pipeline{Config: cfg, Store: s.st}
	s.health = &healthCache{}
	s.health.set(health, true)
	s.metrics = newCrawlMetrics(s.reg, s.ix)
	s.bgCtx, s.bgCancel = context.WithCancel(context.Background())
	if s.sched, err = schedule.New(loc, schedule.WithLogger(log)); err != nil {
		return nil, err
	}
	for _, p := range cfg.Portals {
		err := s.sched.Add(schedule.Job{
			Name:   "crawl:" + p.Name,
			Spec:   cfg.CrawlSchedule(p),
			Jitter: 2 * time.Minute,
			Run: func(ctx context.Context) error {
				sums, err := s.crawl(ctx, p.Name)
				if err != nil {
					return err
				}
				return failedPortals(sums)
			},
		})
		if err != nil {
			return nil, err
		}
	}
	// The digest also mails the saved searches, so it exists without
	// config subscriptions too, when SMTP is usable.
	if d, err := newDigest(cfg, e, s.st, s.ix, digest.WithLogger(log)); err != nil && len(cfg.Digest.Subscriptions) > 0 {
		// A bad SMTP setting or a missing password refuses start-up, naming
		// the field, rather than failing at 7 a.m.
		return nil, err
	} else if err != nil {
		log.Warn("no digest: saved searches will not be emailed", "err", err)
	} else {
		s.digest = d
		s.registerDigestMetrics(d)
		err = s.sched.Add(schedule.Job{
			Name: "digest",
			Spec: cfg.Digest.Schedule,
			Run: func(ctx context.Context) error {
				_, err := d.Run(ctx, time.Now(), false, io.Discard)
				return err
			},
		})
		if err != nil {
			return nil, err
		}
	}
	return s, nil
}

// registerDigestMetrics exposes the digest's counters on /metrics.
func (s *server) registerDigestMetrics(d *digest.Digest) {
	counters := []struct {
		name, help string
		get        func(digest.Stats) int64
	}{
		{"vksnews_digest_sent_total", "Digest messages the SMTP server accepted.", func(st digest.Stats) int64 { return st.Sent }},
		{"vksnews_digest_failed_total", "Digest messages that failed after every retry.", func(st digest.Stats) int64 { return st.Failed }},
	}
	for _, c := range counters {
		s.reg.MustRegister(prometheus.NewCounterFunc(prometheus.CounterOpts{Name: c.name, Help: c.help},
			func() float64 { return float64(c.get(d.Stats())) }))
	}
}

// crawl crawls the named portals (all when none), indexes what is new,
// updates metrics and health, and returns the summaries. The error is for
// the crawl machinery; a failed portal is in its summary.
func (s *server) crawl(ctx context.Context, names ...string) ([]pipeline.Summary, error) {
	defer s.crawlGC.enter()()
	sums, err := crawlAndIndex(ctx, s.pipe, s.arc, names, pipeline.Options{})
	if err != nil {
		return sums, err
	}
	for _, sum := range sums {
		s.metrics.observe(sum)
		s.log.Info("crawled", "portal", sum.Portal, "fetched", sum.Fetched, "new", sum.New, "updated", sum.Updated,
			"failed", sum.Failed, "took", sum.Duration.Round(time.Millisecond), "err", sum.Err)
		if err := s.health.refresh(s.st, []string{sum.Portal}); err != nil {
			return sums, err
		}
	}
	if s.digest != nil {
		// Alerts go out as soon as a crawl has indexed a match.
		s.alerts.Lock()
		n, err := s.digest.RunAlerts(ctx, time.Now())
		s.alerts.Unlock()
		if n > 0 {
			s.log.Info("alerts sent", "count", n)
		}
		if err != nil {
			return sums, fmt.Errorf("alerts: %w", err)
		}
	}
	return sums, nil
}

// crawlAndIndex runs one crawl pass and indexes the new and updated
// articles as the store commits them (archive.IndexDuring).
func crawlAndIndex(ctx context.Context, p *pipeline.Pipeline, arc *archive.Archive, names []string, opts pipeline.Options) ([]pipeline.Summary, error) {
	var sums []pipeline.Summary
	var crawlErr error
	err := arc.IndexDuring(ctx, func() error {
		sums, crawlErr = p.Crawl(ctx, names, opts)
		return crawlErr
	})
	if crawlErr != nil {
		return nil, crawlErr
	}
	// An indexing failure keeps the summaries: the crawl itself succeeded.
	return sums, err
}

// startCrawl runs every portal's crawl job now, in the background, through
// the scheduler so that it never overlaps a scheduled run of a portal.
func (s *server) startCrawl() error {
	if !s.apiCrawl.CompareAndSwap(false, true) {
		return web.ErrCrawlRunning
	}
	s.bg.Add(1)
	go func() {
		defer s.bg.Done()
		defer s.apiCrawl.Store(false)
		var wg sync.WaitGroup
		for _, p := range s.cfg.Portals {
			wg.Add(1)
			go func() {
				defer wg.Done()
				if err := s.sched.RunNow(s.bgCtx, "crawl:"+p.Name); err != nil && !errors.Is(err, schedule.ErrBusy) {
					s.log.Warn("crawl through the API", "portal", p.Name, "err", err)
				}
			}()
		}
		wg.Wait()
	}()
	return nil
}

// handler returns the HTTP API over this server's parts.
func (s *server) handler() http.Handler {
	api := &web.Server{
		Search:           s.ix,
		Location:         s.loc,
		AdminToken:       s.token,
		MaxExports:       s.cfg.HTTP.MaxExports,
		StartCrawl:       s.startCrawl,
		StartRenormalize: s.startRenormalize,
		Registry:         s.reg,
		Logger:           s.log,
		Article: func(_ context.Context, id string) (article.Article, bool, error) {
			r, ok, err := s.st.Get(id)
			return r.Article, ok, err
		},
		Sources:           s.sources,
		Saved:             s.st,
		SubscriptionNames: func() []string { return subscriptionNames(s.cfg.Digest.Subscriptions) },
		Mails:             s.mails,
		DigestPreview:     s.digestPreview,
		DigestLast:        s.digestLast,
	}
	return api.Handler()
}

// digestPreview builds subscription sub's digest as it would be sent now,
// without sending it or moving its watermark.
func (s *server) digestPreview(ctx context.Context, sub int) (subject, text, html string, err error) {
	if s.digest == nil || sub < 0 || sub >= s.digest.Subscriptions() {
		return "", "", "", fmt.Errorf("subscription %d: %w", sub, web.ErrNoSubscription)
	}
	m, ok, err := s.digest.Build(ctx, sub, time.Now())
	if err != nil {
		return "", "", "", err
	}
	if !ok {
		// Nothing new and no send_empty: the digest would send nothing.
		return "Không có bài mới — sẽ không gửi thư", "", "", nil
	}
	return m.Subject, m.Text, m.HTML, nil
}

// run serves HTTP on ln and runs the schedule until ctx is done, then shuts
// down: no new jobs, running ones finish (bounded), open requests drain.
func (s *server) run(ctx context.Context, ln net.Listener) error {
	srv := &http.Server{
		Handler:           http.MaxBytesHandler(s.handler(), 1<<20),
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       15 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    web.MaxHeaderBytes, // past harden's own limits, which answer JSON
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
	}
	s.sched.Start()
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	s.log.Info("serving", "addr", "http://"+ln.Addr().String())

	var serveErr error
	select {
	case <-ctx.Done():
	case serveErr = <-errc:
	}
	s.log.Info("shutting down")
	shutdown, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	s.bgCancel()
	if err := s.sched.Stop(shutdown); err != nil {
		s.log.Warn("jobs still running at shutdown", "err", err)
	}
	s.bg.Wait()
	if err := srv.Shutdown(shutdown); err != nil && serveErr == nil {
		serveErr = err
	}
	if errors.Is(serveErr, http.ErrServerClosed) {
		serveErr = nil
	}
	return serveErr
}

// Close releases the index and the store.
func (s *server) Close() error {
	var errs []error
	if s.bgCancel != nil {
		s.bgCancel()
	}
	if s.arc != nil {
		errs = append(errs, s.arc.Close())
	}
	return errors.Join(errs...)
}

// tuneGC makes the collector run less often in the long-running server:
// search allocates a lot of short-lived garbage, and with the default GOGC
// the collector took CPU from the searches. A soft memory limit keeps the
// heap bounded instead. Measured at 100k articles with 8 clients: +27 %
// requests served, the same peak RSS (docs/BENCHMARKS.md). GOGC and
// GOMEMLIMIT in the environment win, as the operator's choice.
func tuneGC(e env) {
	if e.getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
	if e.getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(1000 << 20)
	}
}
