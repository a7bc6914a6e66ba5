package store

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/vksnews/vksnews/internal/article"
)

// helperEnv names the store the helper process writes to; the helper test
// runs only when it is set.
const helperEnv = "VKSNEWS_STORE_CRASH_HELPER"

var crashPortals = []string{"khanhhoa", "danang", "vksndtc"}

// TestHelperWriter is not a test: TestKillDuringWrites runs it in a child
// process that writes to the store until it is killed.
func TestHelperWriter(t *testing.T) {
	path := os.Getenv(helperEnv)
	if path == "" {
		t.Skip("helper process for TestKillDuringWrites")
	}
	s, err := Open(path, 5*time.Second)
	if err != nil {
		fmt.Println("error:", err)
		os.Exit(3)
	}
	for i := 0; ; i++ {
		p := crashPortals[i%len(crashPortals)]
		page, raw, a := sample(p, i)
		if i%5 == 4 { // now and then an update of an earlier article
			page, raw, a = sample(crashPortals[(i-3)%len(crashPortals)], i-3)
			a.Body += fmt.Sprintf(" Cập nhật %d.", i)
		}
		if _, err := s.Put(page, raw, a, t0.Add(time.Duration(i)*time.Second)); err != nil {
			fmt.Println("error:", err)
			os.Exit(3)
		}
		if i%7 == 0 {
			if err := s.PutPortalState(PortalState{Portal: p, Status: "running", Fetched: i}); err != nil {
				fmt.Println("error:", err)
				os.Exit(3)
			}
		}
		if i == 50 {
			fmt.Println("ready")
		}
	}
}

// TestKillDuringWrites kills a writing process with SIGKILL and checks that
// the store it leaves is consistent and writable: the next crawl carries on.
func TestKillDuringWrites(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns a process")
	}
	path := filepath.Join(t.TempDir(), "vksnews.db")
	for round := range 3 {
		cmd := exec.Command(os.Args[0], "-test.run=^TestHelperWriter$")
		cmd.Env = append(os.Environ(), helperEnv+"="+path)
		stdout, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		ready := make(chan string, 1)
		go func() {
			sc := bufio.NewScanner(stdout)
			for sc.Scan() {
				if line := sc.Text(); line == "ready" || len(line) > 6 && line[:6] == "error:" {
					ready <- line
					return
				}
			}
			ready <- "helper exited"
		}()
		select {
		case line := <-ready:
			if line != "ready" {
				cmd.Process.Kill()
				cmd.Wait()
				t.Fatalf("round %d: helper: %s", round, line)
			}
		case <-time.After(30 * time.Second):
			cmd.Process.Kill()
			cmd.Wait()
			t.Fatalf("round %d: helper never got ready", round)
		}
		// Let it write a little more so that the kill lands mid-stream.
		time.Sleep(time.Duration(50+100*round) * time.Millisecond)
		if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
			t.Fatal(err)
		}
		cmd.Wait() // exits with "signal: killed"
		checkConsistent(t, path, round)
	}
}

func checkConsistent(t *testing.T, path string, round int) {
	t.Helper()
	s, err := Open(path, 5*time.Second)
	if err != nil {
		t.Fatalf("round %d: reopen after kill: %v", round, err)
	}
	defer s.Close()
	perPortal := map[string]int{}
	seen := 0
	err = s.ForEach(func(r Record) error {
		seen++
		perPortal[r.Article.Portal]++
		if h, err := article.ContentHash(r.Article); err != nil || h != r.Hash {
			return fmt.Errorf("record %s: hash %s does not match its article", r.Article.ID, r.Hash)
		}
		if id, ok, err := s.IDForURL(r.Raw.CanonicalURL); err != nil || !ok || id != r.Article.ID {
			return fmt.Errorf("record %s: canonical URL maps to %q, %v", r.Article.ID, id, err)
		}
		if _, err := s.RawPage(r.Article.ID); err != nil {
			return err
		}
		return nil
	})
	if err != nil {
		t.Fatalf("round %d: %v", round, err)
	}
	n, err := s.Count()
	if err != nil || n != seen {
		t.Fatalf("round %d: Count = %d, %v; ForEach saw %d", round, n, err, seen)
	}
	if seen < 41 {
		t.Fatalf("round %d: only %d records survived; the helper reported 41 written", round, seen)
	}
	for _, p := range crashPortals {
		st, _, err := s.PortalState(p)
		if err != nil || st.Articles != perPortal[p] {
			t.Errorf("round %d: %s totals %d (%v), records %d", round, p, st.Articles, err, perPortal[p])
		}
		inPortal := 0
		if err := s.ForEachPortal(p, func(Record) error { inPortal++; return nil }); err != nil || inPortal != perPortal[p] {
			t.Errorf("round %d: ForEachPortal(%s) = %d, %v; want %d", round, p, inPortal, err, perPortal[p])
		}
	}
	page, raw, a := sample("haiphong", round)
	if out, err := s.Put(page, raw, a, t0); err != nil || out != New {
		t.Fatalf("round %d: Put after kill = %v, %v", round, out, err)
	}
	if n2, _ := s.Count(); n2 != n+1 {
		t.Errorf("round %d: Count after Put = %d, want %d", round, n2, n+1)
	}
	t.Logf("round %d: %d records consistent after SIGKILL", round, seen)
}
