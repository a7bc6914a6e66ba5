package bench

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"runtime"
	"time"

	"github.com/vksnews/vksnews/config"
	"github.com/vksnews/vksnews/internal/archive"
	"github.com/vksnews/vksnews/internal/pipeline"
	"github.com/vksnews/vksnews/internal/synthportal"
)

// CrawlOptions set up Crawl.
type CrawlOptions struct {
	Articles    int // articles on the synthetic portal, at least 1
	Parallelism int // requests in flight, at least 1
	// DataDir is the data dir to crawl into; empty means a temporary dir,
	// removed at the end.
	DataDir string
	// CPUProfile, when set, is the file that gets a CPU profile of the crawl.
	CPUProfile string
}

// Crawl serves a synthetic NukeViet portal of o.Articles articles on
// loopback and crawls it into a fresh data dir as `vksnews crawl` does
// (normalize, store, index), then writes to w the crawl's speed, the bytes
// it wrote to disk (/proc/self/io), its peak RSS and the sizes it left.
func Crawl(ctx context.Context, w io.Writer, o CrawlOptions) (err error) {
	if o.Articles < 1 || o.Parallelism < 1 {
		return fmt.Errorf("bench crawl: want at least 1 article and parallelism 1 (got %d, %d)", o.Articles, o.Parallelism)
	}
	dataDir, cleanup, err := tempDataDir(o.DataDir, "vksnews-benchcrawl-")
	if err != nil {
		return fmt.Errorf("bench crawl: data dir: %w", err)
	}
	defer cleanup()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return fmt.Errorf("bench crawl: serve the portal: %w", err)
	}
	srv := &http.Server{Handler: synthportal.Portal{N: o.Articles}, ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(l) // ends with srv.Close
	defer srv.Close()

	cfg := config.Default()
	cfg.DataDir = dataDir
	cfg.Crawl.Delay = 0
	cfg.Crawl.Parallelism = o.Parallelism
	cfg.Crawl.RespectRobots = false
	cfg.Portals = []config.Portal{{Name: "synth", Preset: "nukeviet", Unit: "VKSND tỉnh Khánh Hòa",
		StartURLs: []string{"http://" + l.Addr().String() + synthportal.StartPath}}}

	stopProfile, err := startCPUProfile(o.CPUProfile)
	if err != nil {
		return err
	}
	defer stopProfile()
	w0, err := procWriteBytes()
	if err != nil {
		return err
	}
	start, cpu0 := time.Now(), cpuTime()
	stopSampling := sampleResident(ctx, 200*time.Millisecond)
	arc, err := archive.Open(ctx, dataDir, archive.Options{CatchUpBatch: archive.CrawlBatch})
	if err != nil {
		return err
	}
	p := &pipeline.Pipeline{Config: cfg, Store: arc.Store}
	var sums []pipeline.Summary
	err = arc.IndexDuring(ctx, func() (err error) {
		sums, err = p.Crawl(ctx, nil, pipeline.Options{})
		return err
	})
	if cerr := arc.Close(); err == nil && cerr != nil {
		err = fmt.Errorf("close archive: %w", cerr)
	}
	if err != nil {
		return err
	}
	took := time.Since(start)
	cpu := cpuTime() - cpu0
	w1, err := procWriteBytes()
	if err != nil {
		return err
	}
	hwm, err := procPeakRSS()
	if err != nil {
		return err
	}
	res := stopSampling()
	s := sums[0]
	if s.Err != nil {
		return fmt.Errorf("crawl: %w", s.Err)
	}
	storeInfo, err := os.Stat(archive.StorePath(dataDir))
	if err != nil {
		return err
	}
	ixDir, err := archive.IndexDir(dataDir)
	if err != nil {
		return err
	}
	ixSize, err := dirSize(ixDir)
	if err != nil {
		return err
	}
	written := w1 - w0
	stored := storeInfo.Size() + ixSize
	perArticle := float64(max(s.New, 1))
	fmt.Fprintf(w, "synthetic NukeViet portal, %d articles, parallelism %d, delay 0; %d CPUs, %s/%s, %s\n",
		o.Articles, o.Parallelism, runtime.NumCPU(), runtime.GOOS, runtime.GOARCH, runtime.Version())
	// CPU time per article is the cost that other work on the machine does
	// not inflate; wall time is what a user waits.
	fmt.Fprintf(w, "| articles | new | failed | wall time | articles/s | CPU per article | written to disk | written per article | written / stored | peak RSS | store | index |\n")
	fmt.Fprintf(w, "| %d | %d | %d | %s | %.0f | %.2f ms | %.1f MB | %.1f KB | %.1f× | %.0f MB | %.1f MB | %.1f MB |\n",
		o.Articles, s.New, s.Failed, took.Round(100*time.Millisecond), float64(s.New)/took.Seconds(),
		float64(cpu.Microseconds())/1e3/perArticle,
		float64(written)/1e6, float64(written)/perArticle/1e3, float64(written)/float64(max(stored, 1)),
		float64(hwm)/1e6, float64(storeInfo.Size())/1e6, float64(ixSize)/1e6)
	fmt.Fprintf(w, "resident during the crawl, peaks sampled every 200 ms: %.0f MB anonymous (heap, stacks, runtime), %.0f MB mapped files (store and index segments: clean pages the kernel can reclaim)\n",
		float64(res.anon)/1e6, float64(res.file)/1e6)
	return nil
}
