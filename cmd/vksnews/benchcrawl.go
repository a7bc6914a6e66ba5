package main

import (
	"bufio"
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"runtime"
	"runtime/pprof"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/vksnews/vksnews/config"
	"github.com/vksnews/vksnews/internal/archive"
	"github.com/vksnews/vksnews/internal/pipeline"
	"github.com/vksnews/vksnews/internal/synthportal"
)

// runBenchCrawl serves a synthetic NukeViet portal of N articles on
// loopback and crawls it into a fresh data dir, as `vksnews crawl` does
// (normalize, store, index), then reports the crawl's speed, the bytes it
// wrote to disk (/proc/self/io), its peak RSS and the sizes it left.
func runBenchCrawl(ctx context.Context, e env, args []string) (err error) {
	var c common
	fs := newFlags("bench crawl", e, &c)
	n := fs.Int("articles", 5000, "articles on the synthetic portal")
	par := fs.Int("parallelism", 8, "requests in flight")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the crawl to `file`")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *n < 1 || *par < 1 {
		return usagef("--articles and --parallelism must be at least 1")
	}
	dataDir := c.dataDir
	if dataDir == "" {
		tmp, err := os.MkdirTemp("", "vksnews-benchcrawl-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(tmp)
		dataDir = tmp
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: synthportal.Portal{N: *n}, ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(l)
	defer srv.Close()

	cfg := config.Default()
	cfg.DataDir = dataDir
	cfg.Crawl.Delay = 0
	cfg.Crawl.Parallelism = *par
	cfg.Crawl.RespectRobots = false
	cfg.Portals = []config.Portal{{Name: "synth", Preset: "nukeviet", Unit: "VKSND tỉnh Khánh Hòa",
		StartURLs: []string{"http://" + l.Addr().String() + synthportal.StartPath}}}

	if *cpuProfile != "" {
		f, err := os.Create(*cpuProfile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	w0, err := procWriteBytes()
	if err != nil {
		return err
	}
	start, cpu0 := time.Now(), cpuTime()
	stopSampling := sampleResident(ctx, 200*time.Millisecond)
	arc, err := archive.Open(ctx, dataDir, archive.Options{CatchUpBatch: crawlBatchSize})
	if err != nil {
		return err
	}
	sums, err := crawlAndIndex(ctx, &pipeline.Pipeline{Config: cfg, Store: arc.Store}, arc, nil, pipeline.Options{})
	if cerr := arc.Close(); err == nil {
		err = cerr
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
	fmt.Fprintf(e.stdout, "synthetic NukeViet portal, %d articles, parallelism %d, delay 0; %d CPUs, %s/%s, %s\n",
		*n, *par, runtime.NumCPU(), runtime.GOOS, runtime.GOARCH, runtime.Version())
	// CPU time per article is the cost that other work on the machine does
	// not inflate; wall time is what a user waits.
	fmt.Fprintf(e.stdout, "| articles | new | failed | wall time | articles/s | CPU per article | written to disk | written per article | written / stored | peak RSS | store | index |\n")
	fmt.Fprintf(e.stdout, "| %d | %d | %d | %s | %.0f | %.2f ms | %.1f MB | %.1f KB | %.1f× | %.0f MB | %.1f MB | %.1f MB |\n",
		*n, s.New, s.Failed, took.Round(100*time.Millisecond), float64(s.New)/took.Seconds(),
		float64(cpu.Microseconds())/1e3/float64(max(s.New, 1)),
		float64(written)/1e6, float64(written)/float64(max(s.New, 1))/1e3, float64(written)/float64(max(stored, 1)),
		float64(hwm)/1e6, float64(storeInfo.Size())/1e6, float64(ixSize)/1e6)
	fmt.Fprintf(e.stdout, "resident during the crawl, peaks sampled every 200 ms: %.0f MB anonymous (heap, stacks, runtime), %.0f MB mapped files (store and index segments: clean pages the kernel can reclaim)\n",
		float64(res.anon)/1e6, float64(res.file)/1e6)
	return nil
}

// cpuTime is the user and system CPU time this process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// procWriteBytes is what this process has caused to be written to storage
// (write_bytes of /proc/self/io).
func procWriteBytes() (int64, error) {
	return procField("/proc/self/io", "write_bytes:", 1)
}

// procPeakRSS is the peak resident set of this process (VmHWM), in bytes.
func procPeakRSS() (int64, error) {
	kb, err := procField("/proc/self/status", "VmHWM:", 1)
	return kb * 1024, err
}

func procField(path, name string, scale int64) (int64, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, fmt.Errorf("%s (Linux only): %w", path, err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) >= 2 && fields[0] == name {
			v, err := strconv.ParseInt(fields[1], 10, 64)
			return v * scale, err
		}
	}
	return 0, fmt.Errorf("%s: no %s", path, name)
}

// residentPeaks are the highest resident anonymous and file-backed memory
// seen while sampling.
type residentPeaks struct{ anon, file int64 }

// sampleResident samples RssAnon and RssFile of /proc/self/status every
// period until the returned func is called, which returns their peaks.
// VmHWM alone does not tell the heap from the mapped store and index files,
// and reading the split at the end misses it: the files are unmapped by
// then.
func sampleResident(ctx context.Context, period time.Duration) (stop func() residentPeaks) {
	done := make(chan struct{})
	out := make(chan residentPeaks, 1)
	go func() {
		var p residentPeaks
		t := time.NewTicker(period)
		defer t.Stop()
		for {
			// A failed read leaves the peaks as they were; /proc itself
			// missing has already failed the benchmark (procWriteBytes).
			if a, err := procField("/proc/self/status", "RssAnon:", 1024); err == nil {
				p.anon = max(p.anon, a)
			}
			if f, err := procField("/proc/self/status", "RssFile:", 1024); err == nil {
				p.file = max(p.file, f)
			}
			select {
			case <-t.C:
			case <-done:
				out <- p
				return
			case <-ctx.Done():
				out <- p
				return
			}
		}
	}()
	return sync.OnceValue(func() residentPeaks {
		close(done)
		return <-out
	})
}
