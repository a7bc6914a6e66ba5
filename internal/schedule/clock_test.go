package schedule

import (
	"sync"
	"testing"
	"time"
)

// fakeClock is a Clock that moves only when the test advances it.
type fakeClock struct {
	mu      sync.Mutex
	now     time.Time
	waiters []fakeWaiter
}

type fakeWaiter struct {
	at time.Time
	ch chan time.Time
}

func newFakeClock(now time.Time) *fakeClock { return &fakeClock{now: now} }

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) After(d time.Duration) <-chan time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	ch := make(chan time.Time, 1)
	if d <= 0 {
		ch <- c.now
		return ch
	}
	c.waiters = append(c.waiters, fakeWaiter{at: c.now.Add(d), ch: ch})
	return ch
}

// Advance moves the clock by d and fires every waiter that is then due.
func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
	kept := c.waiters[:0]
	for _, w := range c.waiters {
		if w.at.After(c.now) {
			kept = append(kept, w)
			continue
		}
		w.ch <- c.now
	}
	c.waiters = kept
}

// pending is the number of waiters not yet fired.
func (c *fakeClock) pending() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.waiters)
}

// waitPending waits until n waiters are pending: the scheduler's goroutines
// have reached the point where they wait on the clock.
func (c *fakeClock) waitPending(t *testing.T, n int) {
	t.Helper()
	waitFor(t, "goroutines waiting on the clock", func() bool { return c.pending() >= n })
}

func TestFakeClockFiresWhenDue(t *testing.T) {
	c := newFakeClock(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	late, soon := c.After(2*time.Second), c.After(time.Second)
	select {
	case <-c.After(0):
	default:
		t.Fatal("After(0) did not fire at once")
	}
	c.Advance(time.Second)
	select {
	case <-soon:
	default:
		t.Fatal("a waiter due now did not fire")
	}
	select {
	case <-late:
		t.Fatal("a waiter due later fired early")
	default:
	}
	if c.pending() != 1 {
		t.Errorf("pending = %d, want 1", c.pending())
	}
}
