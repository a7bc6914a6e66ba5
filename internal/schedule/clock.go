package schedule

import "time"

// Clock is the scheduler's source of time: when a job is due, how long its
// jitter lasts, and the times in its status. The default is the system
// clock; tests pass a clock they advance by hand, so a schedule of
// "@every 1s" runs without a second of real waiting.
type Clock interface {
	// Now returns the current time.
	Now() time.Time
	// After returns a channel that receives the time once d has passed.
	// A d of zero or less fires at once.
	After(d time.Duration) <-chan time.Time
}

// systemClock is the wall clock.
type systemClock struct{}

func (systemClock) Now() time.Time { return time.Now() }

// After uses time.After: since Go 1.23 an unreferenced timer is collected
// even before it fires, so a loop that abandons one (on Stop) leaks nothing.
func (systemClock) After(d time.Duration) <-chan time.Time { return time.After(d) }
