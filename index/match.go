package index

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/vksnews/vksnews/internal/article"
	"github.com/vksnews/vksnews/internal/filter"
)

// matchPageSize is how many articles ForEachMatch reads per search, and
// MatchingIDs asks about per search.
const matchPageSize = 500

// ForEachMatch calls fn with every article that matches the query and the
// filters, in ID order, however many there are: it pages with search-after
// rather than offsets, so it is not bound by MaxWindow (exports need every
// match). A bad query or filter wraps ErrBadRequest; fn's error stops it.
func (ix *Index) ForEachMatch(ctx context.Context, q string, f filter.Filters, loc *time.Location, fn func(article.Article) error) error {
	if loc == nil {
		loc = ix.zone
	}
	c, err := compileQuery(q, f, loc)
	if err != nil {
		return err
	}
	bq := c.match()
	var after []string
	for {
		sr := bleve.NewSearchRequestOptions(bq, ix.matchPage, 0, false)
		sr.Fields = []string{fDoc}
		sr.SortBy([]string{"_id"})
		sr.Score = "none"
		sr.SearchAfter = after
		res, err := ix.idx.SearchInContext(ctx, sr)
		if err != nil {
			return fmt.Errorf("match %q: %w", q, err)
		}
		for _, h := range res.Hits {
			a, err := storedArticle(h)
			if err != nil {
				return err
			}
			if err := fn(a); err != nil {
				return err
			}
		}
		if len(res.Hits) < ix.matchPage {
			return nil
		}
		after = []string{res.Hits[len(res.Hits)-1].ID}
	}
}

// MatchingIDs returns which of ids match the query and the filters. It
// asks the index about those articles only, in batches of matchPageSize, so
// the answer does not depend on how many other articles match: a digest
// asks about the articles new since its last run, however old their
// publication date and however many newer articles match too.
func (ix *Index) MatchingIDs(ctx context.Context, q string, f filter.Filters, loc *time.Location, ids []string) (map[string]bool, error) {
	if loc == nil {
		loc = ix.zone
	}
	c, err := compileQuery(q, f, loc)
	if err != nil {
		return nil, err
	}
	bq := c.match()
	out := map[string]bool{}
	for start := 0; start < len(ids); start += ix.matchPage {
		batch := ids[start:min(start+ix.matchPage, len(ids))]
		sr := bleve.NewSearchRequestOptions(bleve.NewConjunctionQuery(bq, bleve.NewDocIDQuery(batch)), len(batch), 0, false)
		sr.Score = "none"
		sr.SortBy([]string{"_id"})
		res, err := ix.idx.SearchInContext(ctx, sr)
		if err != nil {
			return nil, fmt.Errorf("match %q among %d articles: %w", q, len(batch), err)
		}
		for _, h := range res.Hits {
			out[h.ID] = true
		}
	}
	return out, nil
}

// compiled is a user's query and filters, parsed and checked.
type compiled struct {
	parsed  Query
	filters []query.Query
}

// compileQuery parses the user's query and filters; errors wrap
// ErrBadRequest.
func compileQuery(q string, f filter.Filters, loc *time.Location) (compiled, error) {
	pq, err := ParseQuery(q)
	if err != nil {
		return compiled{}, err
	}
	fq, err := filterQuery(f, loc)
	if err != nil {
		return compiled{}, err
	}
	return compiled{parsed: pq, filters: fq}, nil
}

// match is the bleve query that finds the matching articles: the query and
// the filters.
func (c compiled) match() query.Query {
	return buildQuery(c.parsed, c.filters, nil)
}

// storedArticle decodes the article a hit carries in its stored field.
func storedArticle(h *search.DocumentMatch) (article.Article, error) {
	raw, _ := h.Fields[fDoc].(string)
	var a article.Article
	if err := json.Unmarshal([]byte(raw), &a); err != nil {
		return a, fmt.Errorf("decode stored article %s: %w", h.ID, err)
	}
	return a, nil
}
