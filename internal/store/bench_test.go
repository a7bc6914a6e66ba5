package store

import (
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
