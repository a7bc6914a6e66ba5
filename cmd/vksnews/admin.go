package main

import (
	"sync/atomic"

	"github.com/vksnews/vksnews/internal/web"
)

// renormalizing is set while a re-normalization started from the UI runs.
type renormalizing struct{ atomic.Bool }

// startRenormalize reapplies the normalization rules to the whole archive
// in the background (the sources page's admin button) and indexes what
// changed; the server's shutdown waits for it.
func (s *server) startRenormalize() error {
	if !s.renorm.CompareAndSwap(false, true) {
		return web.ErrCrawlRunning
	}
	s.bg.Add(1)
	go func() {
		defer s.bg.Done()
		defer s.renorm.Store(false)
		// Every update takes a store sequence number: one catch-up then
		// indexes exactly the articles that changed.
		seen, changed, err := renormalizeAll(s.bgCtx, s.cfg, s.loc, s.st)
		if err == nil {
			_, err = s.arc.CatchUp(s.bgCtx)
		}
		if err != nil {
			s.log.Error("renormalize from the UI", "err", err)
			return
		}
		s.log.Info("renormalized", "articles", seen, "changed", changed)
	}()
	return nil
}
