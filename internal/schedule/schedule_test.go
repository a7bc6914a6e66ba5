package schedule

import (
	"context"
	"errors"
	"math/rand/v2"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// start is the fake clock's first reading: a whole second, as "@every"
// schedules round to whole seconds.
var start = time.Date(2026, 11, 22, 8, 30, 0, 0, time.UTC)

// newSched returns a scheduler in Asia/Ho_Chi_Minh on a fake clock that
// starts at start, stopped when the test ends.
func newSched(t *testing.T, opts ...Option) (*Scheduler, *fakeClock) {
	t.Helper()
	loc, err := time.LoadLocation("Asia/Ho_Chi_Minh")
	if err != nil {
		t.Fatal(err)
	}
	clock := newFakeClock(start)
	s, err := New(loc, append([]Option{WithClock(clock)}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = s.Stop(ctx)
	})
	return s, clock
}

// status returns the status of job name.
func status(t *testing.T, s *Scheduler, name string) JobStatus {
	t.Helper()
	for _, st := range s.Status() {
		if st.Name == name {
			return st
		}
	}
	t.Fatalf("no job %q in status", name)
	return JobStatus{}
}

// waitFor polls cond until it holds, failing the test after a generous
// deadline: tests assert what happened, not how fast.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(time.Millisecond)
	}
}

func nop(context.Context) error { return nil }

func TestAddRejects(t *testing.T) {
	s, _ := newSched(t)
	if err := s.Add(Job{Name: "ok", Spec: "@every 1h", Run: nop}); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		job  Job
		want []string
	}{
		{Job{Name: "crawl:x", Spec: "61 * * * *", Run: nop}, []string{"crawl:x", "61 * * * *"}},
		{Job{Name: "crawl:y", Spec: "@every banana", Run: nop}, []string{"crawl:y", "@every banana"}},
		{Job{Name: "crawl:z", Spec: "", Run: nop}, []string{"crawl:z"}},
		{Job{Name: "ok", Spec: "@every 1h", Run: nop}, []string{"ok", "twice"}},
		{Job{Name: "", Spec: "@every 1h", Run: nop}, []string{"without a name"}},
		{Job{Name: "norun", Spec: "@every 1h"}, []string{"norun", "no Run"}},
		{Job{Name: "neg", Spec: "@every 1h", Jitter: -time.Second, Run: nop}, []string{"neg", "jitter"}},
	}
	for _, tt := range tests {
		err := s.Add(tt.job)
		if err == nil {
			t.Errorf("Add(%q, %q): no error", tt.job.Name, tt.job.Spec)
			continue
		}
		for _, w := range tt.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("Add(%q, %q) = %q, want it to name %q", tt.job.Name, tt.job.Spec, err, w)
			}
		}
	}
	if _, err := New(nil); err == nil {
		t.Error("New(nil): no error")
	}
}

func TestNextInTimeZone(t *testing.T) {
	loc, _ := time.LoadLocation("Asia/Ho_Chi_Minh")
	now := time.Date(2026, 11, 22, 8, 30, 0, 0, loc) // after today's 07:00
	s, _ := newSched(t, WithClock(newFakeClock(now)))
	if err := s.Add(Job{Name: "digest", Spec: "0 7 * * *", Run: nop}); err != nil {
		t.Fatal(err)
	}
	got := status(t, s, "digest").Next
	want := time.Date(2026, 11, 23, 7, 0, 0, 0, loc)
	if !got.Equal(want) {
		t.Errorf("Next = %v, want %v (07:00 in Asia/Ho_Chi_Minh, i.e. 00:00 UTC)", got, want)
	}
	if got.UTC().Hour() != 0 {
		t.Errorf("Next = %v in UTC, want 00:00", got.UTC())
	}
}

func TestScheduledRuns(t *testing.T) {
	s, clock := newSched(t)
	var n atomic.Int32
	if err := s.Add(Job{Name: "tick", Spec: "@every 1s", Run: func(context.Context) error { n.Add(1); return nil }}); err != nil {
		t.Fatal(err)
	}
	s.Start()
	for run := 1; run <= 2; run++ {
		clock.waitPending(t, 1)
		if st := status(t, s, "tick"); st.Runs != run-1 {
			t.Fatalf("%d runs before %v, want %d", st.Runs, clock.Now(), run-1)
		}
		clock.Advance(time.Second)
		waitFor(t, "a scheduled run", func() bool { return status(t, s, "tick").Runs == run })
	}
	clock.waitPending(t, 1)
	st := status(t, s, "tick")
	if int(n.Load()) != st.Runs {
		t.Errorf("Run called %d times, status says %d runs", n.Load(), st.Runs)
	}
	if want := start.Add(2 * time.Second); !st.LastStart.Equal(want) || !st.LastEnd.Equal(want) || st.LastErr != "" {
		t.Errorf("status after runs = %+v, want the last run at %v", st, want)
	}
	if want := start.Add(3 * time.Second); !st.Next.Equal(want) {
		t.Errorf("Next = %v, want %v", st.Next, want)
	}
}

func TestRunNowNoOverlap(t *testing.T) {
	s, _ := newSched(t)
	release := make(chan struct{})
	var calls atomic.Int32
	if err := s.Add(Job{Name: "slow", Spec: "@every 1h", Run: func(context.Context) error {
		calls.Add(1)
		<-release
		return nil
	}}); err != nil {
		t.Fatal(err)
	}
	first := make(chan error, 1)
	go func() { first <- s.RunNow(context.Background(), "slow") }()
	waitFor(t, "first run to start", func() bool { return calls.Load() == 1 })
	if !status(t, s, "slow").Running {
		t.Error("Running = false during a run")
	}
	if err := s.RunNow(context.Background(), "slow"); !errors.Is(err, ErrBusy) {
		t.Errorf("second RunNow while running = %v, want ErrBusy", err)
	}
	close(release)
	if err := <-first; err != nil {
		t.Fatal(err)
	}
	st := status(t, s, "slow")
	if calls.Load() != 1 || st.Runs != 1 || st.Skipped != 1 || st.Running {
		t.Errorf("calls %d, status %+v; want 1 call, 1 run, 1 skip, not running", calls.Load(), st)
	}
	if err := s.RunNow(context.Background(), "nosuch"); err == nil {
		t.Error("RunNow of an unknown job: no error")
	}
}

func TestScheduledSkipWhileRunning(t *testing.T) {
	s, clock := newSched(t)
	release := make(chan struct{})
	var calls atomic.Int32
	if err := s.Add(Job{Name: "slow", Spec: "@every 1s", Run: func(context.Context) error {
		calls.Add(1)
		<-release
		return nil
	}}); err != nil {
		t.Fatal(err)
	}
	s.Start()
	clock.waitPending(t, 1)
	clock.Advance(time.Second)
	waitFor(t, "the first run to start", func() bool { return calls.Load() == 1 })
	for skip := 1; skip <= 2; skip++ {
		clock.waitPending(t, 1)
		clock.Advance(time.Second)
		waitFor(t, "a skipped run", func() bool { return status(t, s, "slow").Skipped == skip })
	}
	if c := calls.Load(); c != 1 {
		t.Errorf("Run entered %d times while the first run was still going, want 1", c)
	}
	close(release)
	waitFor(t, "the run to finish", func() bool { return !status(t, s, "slow").Running })
	// Free again: the next due time runs it.
	clock.waitPending(t, 1)
	clock.Advance(time.Second)
	waitFor(t, "the second run", func() bool { return status(t, s, "slow").Runs == 2 })
	if st := status(t, s, "slow"); calls.Load() != 2 || st.Skipped != 2 {
		t.Errorf("calls %d, status %+v; want 2 calls, 2 skips", calls.Load(), st)
	}
}

func TestPanicRecorded(t *testing.T) {
	s, clock := newSched(t)
	if err := s.Add(Job{Name: "boom", Spec: "@every 1s", Run: func(context.Context) error { panic("kaboom") }}); err != nil {
		t.Fatal(err)
	}
	err := s.RunNow(context.Background(), "boom")
	if err == nil || !strings.Contains(err.Error(), "kaboom") {
		t.Fatalf("RunNow of a panicking job = %v, want an error with the panic", err)
	}
	st := status(t, s, "boom")
	if st.Panics != 1 || st.Runs != 1 || !strings.Contains(st.LastErr, "kaboom") || st.Running {
		t.Errorf("status = %+v, want 1 panic recorded", st)
	}
	// The scheduler keeps going: scheduled runs panic again and are counted.
	s.Start()
	for n := 2; n <= 3; n++ {
		clock.waitPending(t, 1)
		clock.Advance(time.Second)
		waitFor(t, "a scheduled panic", func() bool { return status(t, s, "boom").Panics == n })
	}
}

func TestErrorRecorded(t *testing.T) {
	s, _ := newSched(t)
	fail := true
	if err := s.Add(Job{Name: "flaky", Spec: "@every 1h", Run: func(context.Context) error {
		if fail {
			return errors.New("portal down")
		}
		return nil
	}}); err != nil {
		t.Fatal(err)
	}
	if err := s.RunNow(context.Background(), "flaky"); err == nil {
		t.Fatal("no error from a failing job")
	}
	if st := status(t, s, "flaky"); st.LastErr != "portal down" || st.Panics != 0 {
		t.Errorf("status = %+v", st)
	}
	fail = false
	if err := s.RunNow(context.Background(), "flaky"); err != nil {
		t.Fatal(err)
	}
	if st := status(t, s, "flaky"); st.LastErr != "" || st.Runs != 2 {
		t.Errorf("status after success = %+v, want LastErr cleared and 2 runs", st)
	}
}

func TestStopWaitsThenNoMoreRuns(t *testing.T) {
	s, clock := newSched(t)
	release := make(chan struct{})
	var calls, finished atomic.Int32
	if err := s.Add(Job{Name: "crawl", Spec: "@every 1s", Run: func(context.Context) error {
		calls.Add(1)
		<-release
		finished.Add(1)
		return nil
	}}); err != nil {
		t.Fatal(err)
	}
	s.Start()
	clock.waitPending(t, 1)
	clock.Advance(time.Second)
	waitFor(t, "a scheduled run", func() bool { return calls.Load() == 1 })
	stopped := make(chan error, 1)
	go func() { stopped <- s.Stop(context.Background()) }()
	time.Sleep(100 * time.Millisecond) // let Stop begin waiting; it must not return before release
	select {
	case err := <-stopped:
		t.Fatalf("Stop returned (%v) while the job was running", err)
	default:
	}
	close(release)
	if err := <-stopped; err != nil {
		t.Fatal(err)
	}
	if finished.Load() != 1 {
		t.Fatal("Stop returned before the running job finished")
	}
	// No run starts after Stop, scheduled or by hand. Stop has waited for
	// the job's loop to end, so nothing is left to fire when time moves on.
	clock.Advance(time.Hour)
	if p := clock.pending(); p != 0 {
		t.Errorf("%d waits on the clock after Stop, want none", p)
	}
	if c := calls.Load(); c != 1 {
		t.Errorf("%d runs after Stop, want none", c-1)
	}
	if err := s.RunNow(context.Background(), "crawl"); !errors.Is(err, ErrStopped) {
		t.Errorf("RunNow after Stop = %v, want ErrStopped", err)
	}
	if err := s.Add(Job{Name: "late", Spec: "@every 1s", Run: nop}); !errors.Is(err, ErrStopped) {
		t.Errorf("Add after Stop = %v, want ErrStopped", err)
	}
}

func TestStopGivesUpAndCancels(t *testing.T) {
	s, _ := newSched(t)
	var sawCancel atomic.Bool
	started := make(chan struct{})
	if err := s.Add(Job{Name: "stubborn", Spec: "@every 1h", Run: func(ctx context.Context) error {
		close(started)
		<-ctx.Done()
		sawCancel.Store(true)
		return ctx.Err()
	}}); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- s.RunNow(context.Background(), "stubborn") }()
	<-started
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	if err := s.Stop(ctx); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("Stop = %v, want DeadlineExceeded", err)
	}
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Errorf("job returned %v, want its context cancelled by Stop", err)
	}
	if !sawCancel.Load() {
		t.Error("the job's context was not cancelled")
	}
}

func TestJitterWaitDroppedByStop(t *testing.T) {
	s, clock := newSched(t)
	var calls atomic.Int32
	if err := s.Add(Job{Name: "crawl:a", Spec: "@every 1s", Jitter: time.Hour, Run: func(context.Context) error {
		calls.Add(1)
		return nil
	}}); err != nil {
		t.Fatal(err)
	}
	s.Start()
	clock.waitPending(t, 1)
	clock.Advance(time.Second)
	// Claimed but waiting out a jitter of up to an hour (0 is drawn with
	// probability 1e-12): the loop and the jitter both wait on the clock.
	clock.waitPending(t, 2)
	if !status(t, s, "crawl:a").Running {
		t.Fatal("the due run is not claimed")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := s.Stop(ctx); err != nil {
		t.Fatalf("Stop with a run in its jitter wait = %v, want it dropped at once", err)
	}
	st := status(t, s, "crawl:a")
	if calls.Load() != 0 || st.Runs != 0 || st.Running {
		t.Errorf("calls %d, status %+v; want the jittered run dropped", calls.Load(), st)
	}
}

func TestJitterDelaysRun(t *testing.T) {
	s, clock := newSched(t, WithRand(rand.New(rand.NewPCG(1, 2))))
	var calls atomic.Int32
	if err := s.Add(Job{Name: "crawl:b", Spec: "@every 1h", Jitter: time.Minute, Run: func(context.Context) error {
		calls.Add(1)
		return nil
	}}); err != nil {
		t.Fatal(err)
	}
	s.Start()
	clock.waitPending(t, 1)
	clock.Advance(time.Hour)
	clock.waitPending(t, 2) // the next hour, and this run's jitter
	if calls.Load() != 0 {
		t.Fatal("the run did not wait for its jitter")
	}
	clock.Advance(time.Minute) // the longest jitter
	waitFor(t, "the jittered run", func() bool { return status(t, s, "crawl:b").Runs == 1 })
	st := status(t, s, "crawl:b")
	if due := start.Add(time.Hour); st.LastStart.Before(due) || st.LastStart.After(due.Add(time.Minute)) {
		t.Errorf("LastStart = %v, want within the minute after %v", st.LastStart, due)
	}
}

func TestJitterWithinBounds(t *testing.T) {
	s, _ := newSched(t, WithRand(rand.New(rand.NewPCG(1, 2))))
	seen := map[bool]bool{}
	for range 1000 {
		d := s.jitter(10 * time.Second)
		if d < 0 || d > 10*time.Second {
			t.Fatalf("jitter %v outside [0, 10s]", d)
		}
		seen[d < 5*time.Second] = true
	}
	if !seen[true] || !seen[false] {
		t.Error("1000 jitters all fell in one half of the range")
	}
	if d := s.jitter(0); d != 0 {
		t.Errorf("jitter(0) = %v", d)
	}
}
