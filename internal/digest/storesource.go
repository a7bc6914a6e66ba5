package digest

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/vksnews/vksnews/internal/article"
	"github.com/vksnews/vksnews/internal/filter"
	"github.com/vksnews/vksnews/internal/health"
	"github.com/vksnews/vksnews/internal/store"
)

// Archive is the part of *store.Store that StoreSource reads.
type Archive interface {
	ForEach(fn func(store.Record) error) error
	PortalStates() ([]store.PortalState, error)
}

// ErrQueryUnsupported is returned by StoreSource for a non-empty query: text
// search belongs to the index, which a Source over the index answers.
var ErrQueryUnsupported = errors.New("text queries need the search index")

// StoreSource is a Source that scans the archive. It serves subscriptions
// without a query (filters only); for a query it returns ErrQueryUnsupported.
type StoreSource struct {
	Archive Archive
	Loc     *time.Location // for the from/to filters; nil means UTC
}

// Articles returns the stored articles first seen in (after, until] that
// match f, in ID order.
func (s StoreSource) Articles(ctx context.Context, after, until time.Time, query string, f filter.Filters) ([]article.Article, error) {
	if strings.TrimSpace(query) != "" {
		return nil, fmt.Errorf("query %q: %w", query, ErrQueryUnsupported)
	}
	loc := s.Loc
	if loc == nil {
		loc = time.UTC
	}
	var out []article.Article
	err := s.Archive.ForEach(func(r store.Record) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		if r.FirstSeen.After(after) && !r.FirstSeen.After(until) && f.Match(r.Article, loc) {
			out = append(out, r.Article)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("scan store: %w", err)
	}
	return out, nil
}

// FailedPortals returns the portals whose last crawl, started after after,
// failed or ended partial with an error, and those whose extraction health
// dropped against their own history (one entry per warning).
func (s StoreSource) FailedPortals(ctx context.Context, after time.Time) ([]PortalFailure, error) {
	states, err := s.Archive.PortalStates()
	if err != nil {
		return nil, fmt.Errorf("portal states: %w", err)
	}
	var out []PortalFailure
	for _, st := range states {
		bad := st.Status == "failed" || (st.Status == "partial" && st.LastError != "")
		if bad && st.LastRun.After(after) {
			out = append(out, PortalFailure{Portal: st.Portal, Error: st.LastError, At: st.LastRun})
		}
	}
	// A portal whose extraction got worse is failing too, only quietly.
	samples := map[string][]health.Sample{}
	err = s.Archive.ForEach(func(r store.Record) error {
		samples[r.Article.Portal] = append(samples[r.Article.Portal], health.Of(r.Article, r.FirstSeen))
		return ctx.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("scan store: %w", err)
	}
	for _, st := range states {
		if !st.LastRun.After(after) {
			continue
		}
		for _, w := range health.Drops(samples[st.Portal]) {
			out = append(out, PortalFailure{Portal: st.Portal, Error: w, At: st.LastRun})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Portal < out[j].Portal })
	return out, ctx.Err()
}
