package main

import (
	"runtime/debug"
	"testing"
)

// TestCrawlGC checks that the heap is bounded while crawls run, however
// they overlap, and that the settings are restored when the last one ends.
func TestCrawlGC(t *testing.T) {
	const limit = 1000 << 20
	oldLimit := debug.SetMemoryLimit(limit)
	oldPercent := debug.SetGCPercent(400)
	defer func() {
		debug.SetMemoryLimit(oldLimit)
		debug.SetGCPercent(oldPercent)
	}()
	current := func() (int, int64) {
		p := debug.SetGCPercent(-1)
		debug.SetGCPercent(p)
		return p, debug.SetMemoryLimit(-1)
	}

	var g crawlGC
	leave1 := g.enter()
	p, l := current()
	if p != crawlGCPercent || l >= limit || l < crawlHeadroom {
		t.Fatalf("during a crawl: GOGC %d, limit %d MB", p, l>>20)
	}
	leave2 := g.enter() // another portal's crawl overlaps
	leave1()
	leave1() // a second call is harmless
	if p2, l2 := current(); p2 != p || l2 != l {
		t.Errorf("one of two crawls ended: GOGC %d, limit %d MB; want them kept", p2, l2>>20)
	}
	leave2()
	if p, l := current(); p != 400 || l != limit {
		t.Errorf("after the crawls: GOGC %d, limit %d MB; want 400 and %d MB", p, l>>20, limit>>20)
	}

	// The operator's GOGC or GOMEMLIMIT wins.
	off := crawlGC{off: true}
	off.enter()()
	if p, l := current(); p != 400 || l != limit {
		t.Errorf("with the operator's settings: GOGC %d, limit %d MB", p, l>>20)
	}
}
