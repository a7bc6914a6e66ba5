package store

import (
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// BenchmarkPut measures Put of new articles, each one fsynced transaction.
func BenchmarkPut(b *testing.B) {
	s := openTemp(b)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		page, raw, a := sample("khanhhoa", i)
		if _, err := s.Put(page, raw, a, t0.Add(time.Duration(i))); err != nil {
			b.Fatal(err)
		}
		i++
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "ops/s")
}

// BenchmarkGet measures Get over a store of 2000 articles.
func BenchmarkGet(b *testing.B) {
	s := openTemp(b)
	const n = 2000
	ids := make([]string, n)
	for i := range n {
		page, raw, a := sample("khanhhoa", i)
		if _, err := s.Put(page, raw, a, t0); err != nil {
			b.Fatal(err)
		}
		ids[i] = a.ID
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if _, ok, err := s.Get(ids[i%n]); err != nil || !ok {
			b.Fatal(ok, err)
		}
		i++
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "ops/s")
}

// BenchmarkPutParallel measures Put of new articles from eight goroutines,
// as a crawl with parallelism 8 calls it, into a store that already holds
// 5,000 articles: what is measured is the steady cost, not an empty file's.
func BenchmarkPutParallel(b *testing.B) {
	s := openTemp(b)
	const prefill = 5000
	var wg sync.WaitGroup
	for w := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < prefill; i += 8 {
				page, raw, a := sample("khanhhoa", i)
				if _, err := s.Put(page, raw, a, t0); err != nil {
					b.Error(err)
					return
				}
			}
		}()
	}
	wg.Wait()
	var next atomic.Int64
	next.Store(prefill)
	b.SetParallelism(8)
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			page, raw, a := sample("khanhhoa", int(next.Add(1)))
			if _, err := s.Put(page, raw, a, t0); err != nil {
				b.Error(err)
				return
			}
		}
	})
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "ops/s")
}
