package index

import (
	"context"
	"fmt"
	"time"

	"github.com/blevesearch/bleve/v2/search"

	"github.com/vksnews/vksnews/internal/article"
	"github.com/vksnews/vksnews/internal/filter"
)

// Paging limits.
const (
	DefaultSize = 20
	MaxSize     = 100
	MaxWindow   = 10000 // Page*Size
)

// Sort orders.
const (
	SortRelevance = "relevance"
	SortDate      = "date"
)

// Request is one search.
type Request struct {
	Query      string
	Filters    filter.Filters
	Sort       string // SortRelevance or SortDate (newest first); default: relevance with words to rank by, else date
	Page, Size int    // 1-based; Size defaults to DefaultSize, at most MaxSize; Page*Size at most MaxWindow
	Facets     bool
	Location   *time.Location // for From/To and the month facet; nil means the index's Zone
}

// Result is one page of hits.
type Result struct {
	Total  uint64                  `json:"total"`
	Took   time.Duration           `json:"took"`
	Hits   []Hit                   `json:"hits"`
	Facets map[string][]FacetValue `json:"facets,omitempty"`
}

// FacetValue is one value of a facet and how many matching articles have it.
type FacetValue struct {
	Value string `json:"value"`
	Count int    `json:"count"`
}

// Hit is one matching article.
type Hit struct {
	Article article.Article `json:"article"`
	Score   float64         `json:"score"`
	// Highlights holds, for "title" and "body", fragments of the original
	// text, HTML-escaped, with the matched words in <mark>…</mark>.
	Highlights map[string][]string `json:"highlights,omitempty"`
}

// Search runs a search. Every error a bad request causes wraps ErrBadRequest.
func (ix *Index) Search(ctx context.Context, req Request) (_ Result, err error) {
	start := time.Now()
	select {
	case ix.slots <- struct{}{}:
		defer func() { <-ix.slots }()
	case <-ctx.Done():
		return Result{}, fmt.Errorf("search %q: %w", req.Query, ctx.Err())
	}
	if req.Location == nil {
		req.Location = ix.zone
	}
	if err := normalizeRequest(&req); err != nil {
		return Result{}, err
	}
	c, err := compileQuery(req.Query, req.Filters, req.Location)
	if err != nil {
		return Result{}, err
	}
	snap, err := ix.snapshot()
	if err != nil {
		return Result{}, fmt.Errorf("search %q: %w", req.Query, err)
	}
	defer func() {
		if cerr := snap.close(); err == nil && cerr != nil {
			err = fmt.Errorf("search %q: %w", req.Query, cerr)
		}
	}()
	out, err := ix.search(ctx, snap, c, req)
	if err != nil {
		return Result{}, fmt.Errorf("search %q: %w", req.Query, err)
	}
	out.Took = time.Since(start)
	return out, nil
}

// search runs a checked request on one snapshot.
func (ix *Index) search(ctx context.Context, snap *snapshot, c compiled, req Request) (_ Result, err error) {
	match := c.match()
	relevance := req.Sort == SortRelevance
	skip := (req.Page - 1) * req.Size
	var col collected
	if relevance {
		// The best matches are ranked again (see rerank), so the
		// ranking's head is read from the first match on.
		col, err = snap.best(ctx, c, max(skip+req.Size, ix.rank.rerankWindow))
	} else {
		// Newest first needs no relevance: skipping the scoring of every
		// match is most of the cost of a date-sorted search.
		col, err = snap.collect(ctx, match, req.Size, skip, sortOrder(req.Sort), "none", false)
	}
	if err != nil {
		return Result{}, err
	}
	hits := col.hits
	if relevance {
		if hits, err = snap.rerank(ctx, c.parsed, hits); err != nil {
			return Result{}, err
		}
		hits = hits[min(skip, len(hits)):min(skip+req.Size, len(hits))]
	}
	if err := snap.loadStored(hits); err != nil {
		return Result{}, err
	}
	out := Result{Total: col.total, Hits: make([]Hit, 0, len(hits))}
	hl := newMarker(c.parsed)
	for _, h := range hits {
		a, err := storedArticle(h)
		if err != nil {
			return Result{}, err
		}
		out.Hits = append(out.Hits, Hit{Article: a, Score: h.Score, Highlights: hl.highlights(a)})
	}
	if req.Facets {
		counts, err := snap.facetsOf(ctx, match, col.total)
		if err != nil {
			return Result{}, err
		}
		out.Facets = collectFacets(counts)
		if req.Location.String() != ix.zone.String() {
			months, err := ix.monthsIn(ctx, match, out.Facets["month"], req.Location)
			if err != nil {
				return Result{}, err
			}
			out.Facets["month"] = months
		}
	}
	return out, nil
}

// best finds the window best matches by relevance, on the rarest part of a
// query of common words (rankOnRarest), else on the parts that rank
// (buildQuery with the terms' counts).
func (s *snapshot) best(ctx context.Context, c compiled, window int) (collected, error) {
	df, dfErr := s.counter(ctx)
	parts := queryParts(c.parsed, df)
	if err := dfErr(); err != nil {
		return collected{}, err
	}
	col, ok, err := s.rankOnRarest(ctx, c, parts, window)
	if err != nil || ok {
		return col, err
	}
	return s.collect(ctx, fromParts(c.parsed, parts, c.filters, s.ix.rank), window, 0, sortOrder(SortRelevance), "", false)
}

// normalizeRequest fills defaults and rejects what is out of range.
func normalizeRequest(r *Request) error {
	switch r.Sort {
	case "":
		r.Sort = SortRelevance
		if q, err := ParseQuery(r.Query); err == nil && len(q.Groups) == 0 {
			// Nothing to rank by (every match would score alike): the
			// newest first.
			r.Sort = SortDate
		}
	case SortRelevance, SortDate:
	default:
		return fmt.Errorf("%w: sort %q (want %s or %s)", ErrBadRequest, r.Sort, SortRelevance, SortDate)
	}
	if r.Size == 0 {
		r.Size = DefaultSize
	}
	if r.Page == 0 {
		r.Page = 1
	}
	if r.Size < 0 || r.Size > MaxSize {
		return fmt.Errorf("%w: size %d (want 1 to %d)", ErrBadRequest, r.Size, MaxSize)
	}
	if r.Page < 0 {
		return fmt.Errorf("%w: page %d (pages start at 1)", ErrBadRequest, r.Page)
	}
	if r.Page > MaxWindow/r.Size {
		return fmt.Errorf("%w: page %d of size %d is past the first %d results", ErrBadRequest, r.Page, r.Size, MaxWindow)
	}
	return nil
}

// sortOrder: by relevance, or newest first then by relevance. Equal keys
// keep bleve's internal order, which is stable while the index is unchanged;
// sorting by ID as well would load every candidate's ID.
func sortOrder(s string) search.SortOrder {
	score := &search.SortScore{Desc: true}
	if s == SortDate {
		date := &search.SortField{Field: fSortDate, Type: search.SortFieldAsString, Desc: true, Missing: search.SortFieldMissingLast}
		return search.SortOrder{date, score}
	}
	return search.SortOrder{score}
}
