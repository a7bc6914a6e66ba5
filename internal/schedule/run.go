package schedule

import (
	"context"
	"fmt"
	"runtime/debug"
	"time"
)

// startLoop starts e's loop. The caller holds s.mu.
func (s *Scheduler) startLoop(e *entry) {
	s.loops.Add(1)
	go s.loop(e)
}

// loop waits for each of e's scheduled times and, at each, claims a run and
// starts it in its own goroutine, so that a run still going when the next
// one falls due is counted as skipped instead of delaying the schedule. The
// next time is computed from the clock after each wake-up, as cron does: a
// time missed while the machine slept is run once, not once per period.
func (s *Scheduler) loop(e *entry) {
	defer s.loops.Done()
	for {
		now := s.clock.Now().In(s.loc)
		next := e.sched.Next(now)
		s.mu.Lock()
		e.next = next
		s.mu.Unlock()
		if next.IsZero() {
			return // the spec never fires again
		}
		select {
		case <-s.clock.After(next.Sub(now)):
		case <-s.quit:
			return
		}
		if s.claim(e, true) {
			go s.scheduled(e)
		}
	}
}

// scheduled runs a claimed scheduled run of e: wait the jitter, run.
func (s *Scheduler) scheduled(e *entry) {
	defer s.wg.Done()
	if d := s.jitter(e.job.Jitter); d > 0 {
		select {
		case <-s.clock.After(d):
			select {
			case <-s.quit:
				s.release(e)
				return
			default:
			}
		case <-s.quit:
			// Stop came during the jitter: this run has not begun, so drop
			// it rather than make shutdown wait for a whole crawl.
			s.release(e)
			return
		}
	}
	_ = s.execute(s.runCtx, e)
}

// RunNow runs the job name at once, without jitter, and returns its error.
// It honours the no-overlap rule: if the job is running it returns an error
// wrapping ErrBusy and counts a skip. After Stop it returns ErrStopped.
func (s *Scheduler) RunNow(ctx context.Context, name string) error {
	s.mu.Lock()
	e, ok := s.jobs[name]
	s.mu.Unlock()
	if !ok {
		return fmt.Errorf("schedule: no job %q", name)
	}
	if !s.claim(e, false) {
		s.mu.Lock()
		stopped := s.stopped
		s.mu.Unlock()
		if stopped {
			return fmt.Errorf("schedule: job %q: %w", name, ErrStopped)
		}
		return fmt.Errorf("schedule: job %q: %w", name, ErrBusy)
	}
	defer s.wg.Done()
	// The run ends when either the caller or the scheduler's shutdown says so.
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	stop := context.AfterFunc(s.runCtx, cancel)
	defer stop()
	return s.execute(ctx, e)
}

// claim marks e running and adds to wg. It fails, counting a skip, when e is
// already running, and fails silently once the scheduler is stopped.
func (s *Scheduler) claim(e *entry, scheduled bool) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.stopped {
		return false
	}
	if e.status.Running {
		e.status.Skipped++
		s.log.Warn("job still running; run skipped", "job", e.job.Name, "scheduled", scheduled)
		return false
	}
	e.status.Running = true
	s.wg.Add(1)
	return true
}

// release gives up a claimed run that never started.
func (s *Scheduler) release(e *entry) {
	s.mu.Lock()
	e.status.Running = false
	s.mu.Unlock()
}

// execute runs a claimed job, recovering a panic, and records the outcome.
func (s *Scheduler) execute(ctx context.Context, e *entry) (err error) {
	s.mu.Lock()
	e.status.LastStart = s.clock.Now()
	s.mu.Unlock()
	panicked := false
	defer func() {
		if r := recover(); r != nil {
			panicked = true
			err = fmt.Errorf("schedule: job %q panicked: %v", e.job.Name, r)
			s.log.Error("job panicked", "job", e.job.Name, "panic", r, "stack", string(debug.Stack()))
		} else if err != nil {
			s.log.Error("job failed", "job", e.job.Name, "err", err)
		}
		s.mu.Lock()
		defer s.mu.Unlock()
		st := &e.status
		st.LastEnd = s.clock.Now()
		st.Running = false
		st.Runs++
		if panicked {
			st.Panics++
		}
		st.LastErr = ""
		if err != nil {
			st.LastErr = err.Error()
		}
	}()
	return e.job.Run(ctx)
}

// jitter draws a delay in [0, max].
func (s *Scheduler) jitter(max time.Duration) time.Duration {
	if max <= 0 {
		return 0
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return time.Duration(s.rng.Int64N(int64(max) + 1))
}
