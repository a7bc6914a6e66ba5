package crawlers

import (
	"errors"
	"fmt"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/gocolly/colly/v2"

	"github.com/vksnews/vksnews/internal/backoff"
)

// onError handles every failed request: a 304 (colly reports it as an
// error), a duplicate reached by redirect, a passing failure to retry with
// backoff, or a failure to record against the portal.
func (r *run) onError(resp *colly.Response, err error) {
	u := resp.Ctx.Get("url")
	kind := resp.Ctx.Get("kind")
	if resp.StatusCode == http.StatusNotModified {
		r.mu.Lock()
		r.okReplies++
		r.res.Fetched++
		r.res.NotModified++
		if kind != kindArticle {
			r.res.ListPages++
			// Unchanged: keep the validators we sent, they are still good.
			r.res.Lists[u] = r.state.Validators(u)
		} else {
			r.articleOK[u] = true
			r.res.ArticlesNotModified++
		}
		r.mu.Unlock()
		r.report()
		return
	}
	var dup *colly.AlreadyVisitedError
	if errors.As(err, &dup) {
		lerr := r.redirects.loop(resp.Request.URL.String(), dup.Destination.String())
		if lerr == nil {
			// A redirect to a page this run already fetched: not a failure.
			r.mu.Lock()
			r.articleOK[u] = true
			r.mu.Unlock()
			return
		}
		err = lerr
	}
	after, asked := retryAfter(resp, time.Now())
	if asked && after > r.opts.MaxRetryAfter {
		// Too long to wait within the run: the next crawl after that time.
		r.mu.Lock()
		r.res.Fetched++
		r.res.Later[u] = time.Now().Add(after)
		r.addError(fmt.Sprintf("GET %s: HTTP %d, retry after %s", u, resp.StatusCode, after))
		r.mu.Unlock()
		r.report()
		return
	}
	if retryable(resp.StatusCode, err) && r.ctx.Err() == nil {
		attempt, _ := resp.Ctx.GetAny("attempt").(int)
		if attempt < r.opts.Retries {
			resp.Ctx.Put("attempt", attempt+1)
			r.redirects.forget(resp.Request.URL.String())
			wait := backoff.Delay(r.opts.RetryBackoff, attempt)
			if asked {
				// The server said when: that, not our guess.
				wait = after
			}
			if backoff.Sleep(r.ctx, wait) == nil {
				if rerr := resp.Request.Retry(); rerr == nil {
					return
				} else {
					err = fmt.Errorf("%v; retry: %w", err, rerr)
				}
			}
		}
	}
	msg := err.Error()
	if resp.StatusCode != 0 {
		msg = fmt.Sprintf("HTTP %d %s", resp.StatusCode, http.StatusText(resp.StatusCode))
	}
	r.mu.Lock()
	if resp.StatusCode != 0 {
		r.res.Fetched++
	}
	r.res.Failed++
	r.addError(fmt.Sprintf("GET %s: %s", u, msg))
	r.noteFailure(u, kind, retryable(resp.StatusCode, err))
	if kind == kindArticle && (resp.StatusCode == http.StatusNotFound || resp.StatusCode == http.StatusGone) {
		r.res.Gone = append(r.res.Gone, Gone{URL: u, Reason: "gone"})
	}
	r.mu.Unlock()
	r.report()
}

// retryAfter reads the Retry-After of a 429 or 503 answer (seconds or an
// HTTP date), and reports whether there was one.
func retryAfter(resp *colly.Response, now time.Time) (time.Duration, bool) {
	if resp.StatusCode != http.StatusTooManyRequests && resp.StatusCode != http.StatusServiceUnavailable {
		return 0, false
	}
	if resp.Headers == nil {
		return 0, false
	}
	v := strings.TrimSpace(resp.Headers.Get("Retry-After"))
	if v == "" {
		return 0, false
	}
	if n, err := strconv.Atoi(v); err == nil && n >= 0 {
		return time.Duration(n) * time.Second, true
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(t.Sub(now), 0), true
	}
	return 0, false
}

// retryable reports whether a failure may pass: a server error, a 429 or
// a timeout.
func retryable(status int, err error) bool {
	if status >= 500 || status == http.StatusTooManyRequests {
		return true
	}
	var ne net.Error
	return status == 0 && errors.As(err, &ne) && ne.Timeout()
}

// errSink marks a page the sink refused.
var errSink = errors.New("store")

// noteFailure remembers what a failure means for the next crawl: a failed
// list page leaves the run incomplete; an article that failed for a passing
// reason is tried again. Callers hold mu.
func (r *run) noteFailure(u, kind string, passing bool) {
	switch {
	case kind != kindArticle:
		r.cut = true
	case passing && len(r.retry) < maxRetry:
		r.retry = append(r.retry, u)
	}
}

// addError records an error message; callers hold mu.
func (r *run) addError(msg string) {
	if len(r.res.Errors) < maxErrors {
		r.res.Errors = append(r.res.Errors, msg)
	}
}
