package bench

import (
	"bufio"
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/pprof"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

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
	return procField("/proc/self/status", "VmHWM:", 1024)
}

// procField reads the number after name in a /proc file of "name value"
// lines, times scale (1024 for the kB of /proc/self/status).
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
			if err != nil {
				return 0, fmt.Errorf("%s: %s: %w", path, name, err)
			}
			return v * scale, nil
		}
	}
	if err := sc.Err(); err != nil {
		return 0, fmt.Errorf("%s: %w", path, err)
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

// dirSize is the total size of the files under dir.
func dirSize(dir string) (int64, error) {
	var n int64
	err := filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		n += info.Size()
		return nil
	})
	return n, err
}

// tempDataDir is dir, created, or when dir is empty a fresh temporary dir
// that cleanup removes.
func tempDataDir(dir, pattern string) (_ string, cleanup func(), err error) {
	if dir != "" {
		return dir, func() {}, os.MkdirAll(dir, 0o755)
	}
	tmp, err := os.MkdirTemp("", pattern)
	if err != nil {
		return "", nil, err
	}
	return tmp, func() { os.RemoveAll(tmp) }, nil
}

// startCPUProfile profiles into path until the returned stop; an empty
// path profiles nothing.
func startCPUProfile(path string) (stop func(), err error) {
	if path == "" {
		return func() {}, nil
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, fmt.Errorf("cpu profile: %w", err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, fmt.Errorf("cpu profile: %w", err)
	}
	return func() { pprof.StopCPUProfile(); f.Close() }, nil
}
