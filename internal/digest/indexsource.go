package digest

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/vksnews/vksnews/internal/article"
	"github.com/vksnews/vksnews/internal/filter"
)

// Matcher tells which of some articles match a text query and filters:
// *index.Index is one.
type Matcher interface {
	MatchingIDs(ctx context.Context, q string, f filter.Filters, loc *time.Location, ids []string) (map[string]bool, error)
}

// IndexSource is a Source for subscriptions with a text query: the store
// says what is new (and applies the filters), the index says which of those
// articles match the query. The index is asked about the new articles only,
// not for its newest matches, so an article first seen today but published
// years ago is found however many newer articles also match.
type IndexSource struct {
	StoreSource
	Index Matcher
}

// Articles returns the stored articles first seen in (after, until] that
// match the query and f, in ID order.
func (s IndexSource) Articles(ctx context.Context, after, until time.Time, query string, f filter.Filters) ([]article.Article, error) {
	arts, err := s.StoreSource.Articles(ctx, after, until, "", f)
	if err != nil || strings.TrimSpace(query) == "" || len(arts) == 0 {
		return arts, err
	}
	ids := make([]string, len(arts))
	for i, a := range arts {
		ids[i] = a.ID
	}
	// The store has applied the filters; the index answers for the text.
	match, err := s.Index.MatchingIDs(ctx, query, filter.Filters{}, s.Loc, ids)
	if err != nil {
		return nil, fmt.Errorf("digest query %q: %w", query, err)
	}
	kept := arts[:0]
	for _, a := range arts {
		if match[a.ID] {
			kept = append(kept, a)
		}
	}
	return kept, nil
}
