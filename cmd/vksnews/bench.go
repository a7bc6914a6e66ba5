package main

import (
	"context"

	"github.com/vksnews/vksnews/internal/bench"
)

// runBench is `vksnews bench`: indexing and search on a synthetic corpus
// (bench.Search), or with "crawl" first, a crawl of a synthetic portal
// (bench.Crawl).
func runBench(ctx context.Context, e env, args []string) error {
	if len(args) > 0 && args[0] == "crawl" {
		return runBenchCrawl(ctx, e, args[1:])
	}
	var c common
	fs := newFlags("bench", e, &c)
	o := bench.SearchOptions{BeforeSearches: func() { tuneGC(e) }}
	fs.IntVar(&o.Articles, "articles", 10000, "corpus size")
	fs.IntVar(&o.Clients, "clients", 8, "concurrent search clients")
	fs.IntVar(&o.Queries, "queries", 200, "queries per client and kind")
	fs.StringVar(&o.CPUProfile, "cpuprofile", "", "write a CPU profile of the search phase to `file`")
	fs.BoolVar(&o.Compact, "compact", false, "merge the index into one segment before the searches, as reindex leaves it")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if o.Articles < 100 || o.Clients < 1 || o.Queries < 1 {
		return usagef("--articles must be at least 100, --clients and --queries at least 1")
	}
	o.DataDir = c.dataDir
	return bench.Search(ctx, e.stdout, o)
}

// runBenchCrawl is `vksnews bench crawl`.
func runBenchCrawl(ctx context.Context, e env, args []string) error {
	var c common
	fs := newFlags("bench crawl", e, &c)
	var o bench.CrawlOptions
	fs.IntVar(&o.Articles, "articles", 5000, "articles on the synthetic portal")
	fs.IntVar(&o.Parallelism, "parallelism", 8, "requests in flight")
	fs.StringVar(&o.CPUProfile, "cpuprofile", "", "write a CPU profile of the crawl to `file`")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if o.Articles < 1 || o.Parallelism < 1 {
		return usagef("--articles and --parallelism must be at least 1")
	}
	o.DataDir = c.dataDir
	return bench.Crawl(ctx, e.stdout, o)
}
