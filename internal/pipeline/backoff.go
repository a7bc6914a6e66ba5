package pipeline

import (
	"time"

	"github.com/vksnews/vksnews/crawlers"
	"github.com/vksnews/vksnews/internal/store"
)

// Back-off of URLs that failed for good: not fetched again for goneWait,
// then twice that, and so on; after goneTries failures in a row, never.
const (
	goneWait  = 24 * time.Hour
	goneTries = 4
	// maxBackoff bounds the URLs a portal's state remembers.
	maxBackoff = 5000
)

// avoidAndRetry splits a portal's back-off table at now: the URLs not to
// fetch (still waiting, or dropped), and the throttled ones whose wait is
// over, to fetch again directly.
func avoidAndRetry(b map[string]store.Backoff, now time.Time) (avoid map[string]bool, retry []string) {
	avoid = map[string]bool{}
	for u, e := range b {
		switch {
		case e.Next.IsZero() || now.Before(e.Next):
			avoid[u] = true
		case e.Reason == reasonThrottled:
			retry = append(retry, u)
		}
	}
	return avoid, retry
}

const reasonThrottled = "throttled"

// nextBackoff is the portal's back-off table after a crawl at now: the
// URLs stored in it are forgiven, new failures are added or counted again.
func nextBackoff(prev map[string]store.Backoff, res crawlers.Result, stored map[string]bool, now time.Time) map[string]store.Backoff {
	next := make(map[string]store.Backoff, len(prev))
	for u, e := range prev {
		if !stored[u] {
			next[u] = e
		}
	}
	for _, g := range res.Gone {
		e := next[g.URL]
		e.Reason = g.Reason
		e.Tries++
		e.Next = now.Add(goneWait << (e.Tries - 1))
		if e.Tries >= goneTries {
			e.Next = time.Time{} // dropped: never fetched again
		}
		next[g.URL] = e
	}
	for u, at := range res.Later {
		e := next[u]
		e.Reason, e.Next = reasonThrottled, at
		next[u] = e
	}
	// A table that outgrows its bound forgets the entries that wait least.
	for len(next) > maxBackoff {
		var oldest string
		for u, e := range next {
			if oldest == "" || (!e.Next.IsZero() && e.Next.Before(next[oldest].Next)) {
				oldest = u
			}
		}
		delete(next, oldest)
	}
	return next
}

// Counts of a back-off table, for the sources page.
type BackoffCounts struct {
	Waiting   int // gone or not an article, to be tried again later
	Dropped   int // given up
	Throttled int // asked to wait (429/503 Retry-After)
}

// CountBackoff counts a portal's back-off table.
func CountBackoff(b map[string]store.Backoff) BackoffCounts {
	var c BackoffCounts
	for _, e := range b {
		switch {
		case e.Reason == reasonThrottled:
			c.Throttled++
		case e.Next.IsZero():
			c.Dropped++
		default:
			c.Waiting++
		}
	}
	return c
}
