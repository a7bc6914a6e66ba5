package main

import (
	"context"
	"strings"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"

	"github.com/vksnews/vksnews/index"
	"github.com/vksnews/vksnews/internal/article"
	"github.com/vksnews/vksnews/internal/health"
	"github.com/vksnews/vksnews/internal/pipeline"
	"github.com/vksnews/vksnews/internal/store"
	"github.com/vksnews/vksnews/internal/web"
)

// healthCache holds each portal's extraction health, recomputed after the
// portal's crawl rather than on every request: a scan of the portal's
// articles is too slow for a status page at 100,000 articles.
type healthCache struct {
	mu   sync.Mutex
	rows map[string]web.Health
}

// healthCount accumulates extraction health per portal while records are
// read; set turns the counts into shares and the samples into warnings.
type healthCount map[string]*portalCount

// portalCount is one portal's counts and its articles' samples.
type portalCount struct {
	web.Health
	samples []health.Sample
}

func (c healthCount) add(a article.Article) {
	x := c[a.Portal]
	if x == nil {
		x = &portalCount{}
		c[a.Portal] = x
	}
	x.samples = append(x.samples, health.Of(a, time.Time{}))
	x.Articles++
	if a.Published != nil {
		x.WithDate++
	}
	if a.Unit.Level != "" {
		x.WithUnit++
	}
	if len(a.EventTypes) > 0 && a.EventTypes[0] != article.EventKhac {
		x.WithEventType++
	}
	if strings.TrimSpace(a.Body) != "" {
		x.WithBody++
	}
}

// set stores the counted portals' health (replacing every row when all).
func (h *healthCache) set(c healthCount, all bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if all {
		h.rows = map[string]web.Health{}
	}
	for p, x := range c {
		if n := float64(x.Articles); n > 0 {
			x.WithDate /= n
			x.WithUnit /= n
			x.WithEventType /= n
			x.WithBody /= n
		}
		x.Drops = health.Find(x.samples)
		x.Warnings = nil
		for _, d := range x.Drops {
			x.Warnings = append(x.Warnings, d.String())
		}
		h.rows[p] = x.Health
	}
}

// refresh recomputes the health of the named portals from the store.
func (h *healthCache) refresh(st *store.Store, portals []string) error {
	c := healthCount{}
	for _, p := range portals {
		c[p] = &portalCount{}
		err := st.ForEachPortal(p, func(r store.Record) error {
			c.add(r.Article)
			return nil
		})
		if err != nil {
			return err
		}
	}
	h.set(c, false)
	return nil
}

func (h *healthCache) get(portal string) web.Health {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.rows[portal]
}

// sources is GET /api/sources: one row per configured portal.
func (s *server) sources(ctx context.Context) ([]web.Source, error) {
	states, err := s.st.PortalStates()
	if err != nil {
		return nil, err
	}
	byName := map[string]store.PortalState{}
	for _, st := range states {
		byName[st.Portal] = st
	}
	next := map[string]time.Time{}
	for _, js := range s.sched.Status() {
		if name, ok := strings.CutPrefix(js.Name, "crawl:"); ok {
			next[name] = js.Next
		}
	}
	var rows []web.Source
	for _, p := range s.cfg.Portals {
		st := byName[p.Name]
		row := web.Source{
			Portal:    p.Name,
			Title:     p.Title,
			Status:    st.Status,
			LastError: st.LastError,
			Articles:  st.Articles,
			Errors:    st.Failed,
			Refused:   st.Refused,
			Health:    s.health.get(p.Name),
			Backoff:   web.Backoff(pipeline.CountBackoff(st.Backoff)),
		}
		if len(p.StartURLs) > 0 {
			row.URL = p.StartURLs[0]
		}
		if row.Status == "" {
			row.Status = "never crawled"
		}
		row.LastRun = timePtr(st.LastRun)
		row.LastSuccess = timePtr(st.LastSuccess)
		row.NextRun = timePtr(next[p.Name])
		rows = append(rows, row)
	}
	return rows, nil
}

func timePtr(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
}

// crawlMetrics are the Prometheus series of crawls and of the index.
type crawlMetrics struct {
	pages    *prometheus.CounterVec
	articles *prometheus.CounterVec
	failures *prometheus.CounterVec
}

func newCrawlMetrics(reg prometheus.Registerer, ix *index.Index) *crawlMetrics {
	m := &crawlMetrics{
		pages: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "vksnews_crawl_pages_fetched_total", Help: "Pages fetched, by portal.",
		}, []string{"portal"}),
		articles: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "vksnews_crawl_articles_total", Help: "Articles crawled, by portal and outcome (new, updated, unchanged, failed).",
		}, []string{"portal", "outcome"}),
		failures: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "vksnews_crawl_portal_failures_total", Help: "Crawls in which a portal failed entirely.",
		}, []string{"portal"}),
	}
	docs := prometheus.NewGaugeFunc(prometheus.GaugeOpts{
		Name: "vksnews_index_documents", Help: "Articles in the search index.",
	}, func() float64 {
		n, err := ix.Count()
		if err != nil {
			return -1
		}
		return float64(n)
	})
	reg.MustRegister(m.pages, m.articles, m.failures, docs,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

func (m *crawlMetrics) observe(s pipeline.Summary) {
	m.pages.WithLabelValues(s.Portal).Add(float64(s.Fetched))
	for outcome, n := range map[string]int{"new": s.New, "updated": s.Updated, "unchanged": s.Unchanged, "failed": s.Failed} {
		m.articles.WithLabelValues(s.Portal, outcome).Add(float64(n))
	}
	if s.Err != nil {
		m.failures.WithLabelValues(s.Portal).Inc()
	}
}
