package main

import (
	"runtime/debug"
	"runtime/metrics"
	"sync"
)

// crawlHeadroom is how much heap a crawl may use over what serve held when
// it began. serve's collector runs at GOGC 400 (tuneGC) for the searches'
// sake, so that a crawl, which allocates fast (pages, DOMs, compression,
// analysis) but keeps little, grew serve from 30 MB to about 1 GB before
// the 1000 MiB soft limit stopped it. Its live heap stays small: about 25 MB
// at 6,000 articles between batches, 50 MB more while a batch is analysed.
const crawlHeadroom = 256 << 20

// crawlGCPercent is GOGC while a crawl runs.
const crawlGCPercent = 100

// crawlGC bounds serve's heap while crawls run: the soft memory limit is
// lowered to the live heap plus crawlHeadroom (never above the limit in
// force), and put back when the last crawl ends, when the crawl's garbage is
// also handed back to the system. GOGC stays as it is, so the collector runs
// no more often than before until the heap nears the limit, and searches
// keep their CPU. Its zero value is ready to use; it is safe for
// concurrent use (the portals' crawls overlap).
type crawlGC struct {
	mu      sync.Mutex
	off     bool // the operator set GOGC or GOMEMLIMIT: their choice wins
	running int
	percent int   // the GOGC to restore
	limit   int64 // the limit to restore
}

// enter marks a crawl as started; call the returned func when it ends.
func (g *crawlGC) enter() (leave func()) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.off {
		return func() {}
	}
	if g.running == 0 {
		g.percent = debug.SetGCPercent(crawlGCPercent)
		g.limit = debug.SetMemoryLimit(-1)
		debug.SetMemoryLimit(min(g.limit, liveHeap()+crawlHeadroom))
	}
	g.running++
	return sync.OnceFunc(g.leave)
}

func (g *crawlGC) leave() {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.running--
	if g.running == 0 {
		debug.SetGCPercent(g.percent)
		debug.SetMemoryLimit(g.limit)
		debug.FreeOSMemory()
	}
}

// liveHeap is the heap the last collection found in use.
func liveHeap() int64 {
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return int64(s[0].Value.Uint64())
}
