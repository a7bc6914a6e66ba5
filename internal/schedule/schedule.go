// Package schedule runs the recurring jobs of vksnews (one crawl per portal,
// the daily digest) on cron specs in the configured time zone.
//
// Every job runs at most once at a time: a run that falls due while the
// previous one is still going is skipped and counted, never stacked, so a slow
// portal cannot pile up crawls. A panicking job is recovered and recorded, and
// the scheduler keeps going. Scheduled runs wait a random jitter first, so
// that portals on one host are not hit at the same second.
//
// Specs are parsed by robfig/cron; the waiting is done here, one goroutine
// per job, on an injectable Clock, so tests run a schedule without sleeping.
package schedule

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"sort"
	"sync"
	"time"

	"github.com/robfig/cron/v3"
)

// Job is one recurring task.
type Job struct {
	Name   string        // unique, e.g. "crawl:khanhhoa", "digest"
	Spec   string        // 5-field cron spec or a descriptor such as "@every 2h" or "@daily"
	Jitter time.Duration // scheduled runs first wait a random 0..Jitter
	Run    func(ctx context.Context) error
}

// JobStatus is the state of one job, for /api/sources and /metrics.
type JobStatus struct {
	Name      string
	Spec      string
	Next      time.Time // next scheduled run (before the jitter)
	LastStart time.Time
	LastEnd   time.Time
	LastErr   string // error or panic of the last finished run; empty on success
	Running   bool   // a run is claimed: waiting out its jitter or running
	Runs      int    // finished runs, including failed and panicked ones
	Skipped   int    // runs not started because the previous one was still running
	Panics    int
}

// ErrStopped is returned by RunNow once Stop has been called.
var ErrStopped = errors.New("scheduler stopped")

// ErrBusy is returned (wrapped) by RunNow when the job is already running.
var ErrBusy = errors.New("already running")

// parser accepts what config validation accepts (cron.ParseStandard):
// 5-field specs and descriptors.
var parser = cron.NewParser(cron.Minute | cron.Hour | cron.Dom | cron.Month | cron.Dow | cron.Descriptor)

// Scheduler runs Jobs. Its methods are safe for concurrent use.
type Scheduler struct {
	loc    *time.Location
	log    *slog.Logger
	clock  Clock
	runCtx context.Context // parent of every run; cancelled when Stop gives up
	cancel context.CancelFunc
	wg     sync.WaitGroup // runs in flight, scheduled or RunNow
	loops  sync.WaitGroup // the per-job loops that wait for the next run
	quit   chan struct{}  // closed when Stop begins; ends loops and jitter waits
	once   sync.Once

	mu      sync.Mutex
	jobs    map[string]*entry
	rng     *rand.Rand
	started bool
	stopped bool
}

// entry is a job with its schedule and its record.
type entry struct {
	job    Job
	sched  cron.Schedule
	next   time.Time // the run its loop waits for; zero until the loop starts
	status JobStatus
}

// Option configures a Scheduler.
type Option func(*Scheduler)

// WithLogger sets where run failures and panics are logged (default: discarded).
func WithLogger(l *slog.Logger) Option { return func(s *Scheduler) { s.log = l } }

// WithClock sets the clock that decides when jobs are due and stamps their
// status (default: the system clock).
func WithClock(c Clock) Option { return func(s *Scheduler) { s.clock = c } }

// WithRand sets the source of the jitter delays (default: randomly seeded).
func WithRand(r *rand.Rand) Option { return func(s *Scheduler) { s.rng = r } }

// New returns a Scheduler whose specs are read in loc.
func New(loc *time.Location, opts ...Option) (*Scheduler, error) {
	if loc == nil {
		return nil, errors.New("schedule: nil time zone")
	}
	ctx, cancel := context.WithCancel(context.Background())
	s := &Scheduler{
		loc:    loc,
		log:    slog.New(slog.DiscardHandler),
		clock:  systemClock{},
		runCtx: ctx,
		cancel: cancel,
		quit:   make(chan struct{}),
		jobs:   map[string]*entry{},
		rng:    rand.New(rand.NewPCG(rand.Uint64(), rand.Uint64())),
	}
	for _, o := range opts {
		o(s)
	}
	return s, nil
}

// Add registers j. A bad spec, an empty or duplicate name, a negative jitter
// or a nil Run is an error naming the job.
func (s *Scheduler) Add(j Job) error {
	switch {
	case j.Name == "":
		return errors.New("schedule: job without a name")
	case j.Run == nil:
		return fmt.Errorf("schedule: job %q: no Run function", j.Name)
	case j.Jitter < 0:
		return fmt.Errorf("schedule: job %q: negative jitter %v", j.Name, j.Jitter)
	}
	sched, err := parser.Parse(j.Spec)
	if err != nil {
		return fmt.Errorf("schedule: job %q: bad spec %q: %w", j.Name, j.Spec, err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.stopped {
		return fmt.Errorf("schedule: job %q: %w", j.Name, ErrStopped)
	}
	if _, dup := s.jobs[j.Name]; dup {
		return fmt.Errorf("schedule: job %q added twice", j.Name)
	}
	e := &entry{job: j, sched: sched, status: JobStatus{Name: j.Name, Spec: j.Spec}}
	s.jobs[j.Name] = e
	if s.started {
		s.startLoop(e)
	}
	return nil
}

// Start starts running the jobs on their schedules. It returns at once.
func (s *Scheduler) Start() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.started || s.stopped {
		return
	}
	s.started = true
	for _, e := range s.jobs {
		s.startLoop(e)
	}
}

// Stop stops scheduling new runs and waits for the running ones to finish.
// Runs still waiting out their jitter are dropped at once. If ctx ends first,
// the running jobs' contexts are cancelled and Stop returns ctx's error.
func (s *Scheduler) Stop(ctx context.Context) error {
	s.mu.Lock()
	s.stopped = true
	s.mu.Unlock()
	s.once.Do(func() { close(s.quit) })
	s.loops.Wait() // no loop fires any more; the runs it began are tracked by wg
	done := make(chan struct{})
	go func() { s.wg.Wait(); close(done) }()
	select {
	case <-done:
		s.cancel()
		return nil
	case <-ctx.Done():
		s.cancel()
		return fmt.Errorf("schedule: stop: jobs still running: %w", ctx.Err())
	}
}

// Status returns the state of every job, sorted by name.
func (s *Scheduler) Status() []JobStatus {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.clock.Now().In(s.loc)
	out := make([]JobStatus, 0, len(s.jobs))
	for _, e := range s.jobs {
		st := e.status
		if !s.stopped {
			st.Next = s.next(e, now)
		}
		out = append(out, st)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// next is the job's next scheduled run: the one its loop waits for once it
// runs, else computed from now. The caller holds s.mu.
func (s *Scheduler) next(e *entry, now time.Time) time.Time {
	if !e.next.IsZero() {
		return e.next
	}
	return e.sched.Next(now.In(s.loc))
}
