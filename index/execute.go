package index

import (
	"context"
	"fmt"

	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/collector"
	"github.com/blevesearch/bleve/v2/search/query"
	bleveindex "github.com/blevesearch/bleve_index_api"
)

// snapshot is one consistent view of the index. A search runs its query,
// counts its facets, ranks its best matches again and loads the articles
// it returns all on one snapshot: no lookup of an article by ID between
// steps, and no article that vanishes between them.
type snapshot struct {
	ix *Index
	r  bleveindex.IndexReader
	// gen is the index's write count when the snapshot was opened; known
	// says no write was under way or done meanwhile, so that the snapshot is
	// the index as of gen.
	gen   uint64
	known bool
}

// snapshot opens a view of the index; close it when done.
func (ix *Index) snapshot() (*snapshot, error) {
	gen := ix.gen.Load()
	adv, err := ix.idx.Advanced()
	if err != nil {
		return nil, fmt.Errorf("open index snapshot: %w", err)
	}
	r, err := adv.Reader()
	if err != nil {
		return nil, fmt.Errorf("open index snapshot: %w", err)
	}
	known := gen%2 == 0 && ix.gen.Load() == gen
	return &snapshot{ix: ix, r: r, gen: gen, known: known}, nil
}

func (s *snapshot) close() error {
	if err := s.r.Close(); err != nil {
		return fmt.Errorf("close index snapshot: %w", err)
	}
	return nil
}

// counter returns a docFreq of the snapshot, and a func that returns the
// first error a count met (docFreq itself cannot).
func (s *snapshot) counter(ctx context.Context) (docFreq, func() error) {
	var err error
	df := func(field, term string) uint64 {
		n, e := s.docFreq(ctx, field, term)
		if e != nil && err == nil {
			err = e
		}
		return n
	}
	return df, func() error { return err }
}

// docFreq is how many articles of the snapshot have term in field.
func (s *snapshot) docFreq(ctx context.Context, field, term string) (_ uint64, err error) {
	tfr, err := s.r.TermFieldReader(ctx, []byte(term), field, false, false, false)
	if err != nil {
		return 0, fmt.Errorf("count %s %q: %w", field, term, err)
	}
	defer func() {
		if cerr := tfr.Close(); err == nil && cerr != nil {
			err = fmt.Errorf("count %s %q: %w", field, term, cerr)
		}
	}()
	return tfr.Count(), nil
}

// collected is what a query found: one window of the ranking, the number of
// matches, and the facet counts when asked for.
type collected struct {
	hits   search.DocumentMatchCollection
	total  uint64
	facets *facetCounter
}

// collect runs q and keeps the window [from, from+size) of its matches in
// order; score "none" skips scoring. With facets it counts every match's
// facet values in the same pass.
func (s *snapshot) collect(ctx context.Context, q query.Query, size, from int, order search.SortOrder, score string, facets bool) (_ collected, err error) {
	sr, err := q.Searcher(ctx, s.r, s.ix.idx.Mapping(), search.SearcherOptions{Score: score})
	if err != nil {
		return collected{}, fmt.Errorf("prepare query: %w", err)
	}
	defer func() {
		if cerr := sr.Close(); err == nil && cerr != nil {
			err = fmt.Errorf("close query: %w", cerr)
		}
	}()
	coll := collector.NewTopNCollector(size, from, order)
	var out collected
	if facets {
		out.facets = &facetCounter{counts: map[string]*int{}}
		fb := search.NewFacetsBuilder(s.r)
		fb.Add(fFacet, out.facets)
		coll.SetFacetsBuilder(fb)
	}
	if err := coll.Collect(ctx, sr, s.r); err != nil {
		return collected{}, err
	}
	out.hits, out.total = coll.Results(), coll.Total()
	return out, nil
}

// facetCounter counts every facet's values in one pass over the facet
// column. bleve's terms facet builders (one per facet) test every value of
// every match against each facet's prefix, and the one that keeps it makes
// a new string of it and looks it up twice: at 100,000 matches that was most
// of a faceted search (about 100 ms). This looks each value up once,
// allocating only for a value it has not seen; collectFacets splits the
// counts by prefix.
type facetCounter struct {
	counts map[string]*int
}

func (c *facetCounter) UpdateVisitor(term []byte) {
	if n := c.counts[string(term)]; n != nil {
		*n++
		return
	}
	n := 1
	c.counts[string(term)] = &n
}

func (c *facetCounter) StartDoc()     {}
func (c *facetCounter) EndDoc()       {}
func (c *facetCounter) Field() string { return fFacet }
func (c *facetCounter) Size() int     { return len(c.counts) * 64 }

// Result is unused (see collectFacets) but required by bleve's interface.
func (c *facetCounter) Result() *search.FacetResult {
	return &search.FacetResult{Field: fFacet}
}

// loadStored reads the stored article of each hit into its fields, as a
// search that asked for the field would have.
func (s *snapshot) loadStored(hits []*search.DocumentMatch) error {
	for _, h := range hits {
		doc, err := s.r.Document(h.ID)
		if err != nil {
			return fmt.Errorf("load article %s: %w", h.ID, err)
		}
		if doc == nil {
			return fmt.Errorf("load article %s: not in the index", h.ID)
		}
		h.Fields = map[string]any{}
		doc.VisitFields(func(f bleveindex.Field) {
			if f.Name() == fDoc {
				h.Fields[fDoc] = string(f.Value())
			}
		})
	}
	return nil
}
