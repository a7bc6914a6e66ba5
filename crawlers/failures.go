package crawlers

import (
	"errors"
	"fmt"
	"net"
	"net/http"
	"time"

	"github.com/gocolly/colly/v2"
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
	if retryable(resp.StatusCode, err) && r.ctx.Err() == nil {
		attempt, _ := resp.Ctx.GetAny("attempt").(int)
		if attempt < r.opts.Retries {
			resp.Ctx.Put("attempt", attempt+1)
			r.redirects.forget(resp.Request.URL.String())
			wait := r.opts.RetryBackoff << attempt
			select {
			case <-time.After(wait):
				if rerr := resp.Request.Retry(); rerr == nil {
					return
				} else {
					err = fmt.Errorf("%v; retry: %w", err, rerr)
				}
			case <-r.ctx.Done():
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
	r.mu.Unlock()
	r.report()
}

// retryable reports whether a failure may pass: a server error or a timeout.
func retryable(status int, err error) bool {
	if status >= 500 {
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
