// Package backoff is the one retry schedule of vksnews: a first wait that
// doubles after each failed attempt, and a sleep that gives up with its
// context. The crawler (a failed request) and the digest (a failed SMTP
// send) both retry on it.
package backoff

import (
	"context"
	"time"
)

// Max bounds every wait: doubling a second thirty times would otherwise
// wait for decades, and doubling further overflows.
const Max = time.Hour

// Delay is the wait before retry number attempt (0 for the first retry):
// first doubled attempt times, at most Max. A first wait ≤ 0 is no wait.
func Delay(first time.Duration, attempt int) time.Duration {
	if first <= 0 {
		return 0
	}
	d := first
	for range attempt {
		if d >= Max/2 {
			return Max
		}
		d *= 2
	}
	return min(d, Max)
}

// Sleep waits for d, or until ctx is done, when it returns ctx's error.
func Sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
