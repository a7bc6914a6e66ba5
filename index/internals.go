package index

// This file is the index's one adapter to bleve's internals: the scorch
// index type and its lock, forced merges, per-field doc-values options,
// snapshot readers, term postings, the top-N collector and the facet
// visitor. The rest of the package speaks bleve's public API (bleve.Index,
// mapping, query, search results) and these functions, so that a bleve
// upgrade that changes an internal interface is mended here alone.

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/blevesearch/bleve/v2"
	blevedoc "github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/index/scorch/mergeplan"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/collector"
	"github.com/blevesearch/bleve/v2/search/query"
	bleveindex "github.com/blevesearch/bleve_index_api"
	bolterrors "go.etcd.io/bbolt/errors"

	"github.com/vksnews/vksnews/internal/article"
)

// openBleve opens the scorch index in dir, or creates it with m when there
// is none (created). A lock held by another process fails after
// lockTimeout with ErrLocked: scorch keeps its root in bbolt, whose lock
// wait ends in bbolt's ErrTimeout.
func openBleve(dir string, m mapping.IndexMapping) (idx bleve.Index, created bool, err error) {
	cfg := map[string]interface{}{"bolt_timeout": lockTimeout}
	idx, err = bleve.OpenUsing(dir, cfg)
	if errors.Is(err, bleve.ErrorIndexPathDoesNotExist) || errors.Is(err, bleve.ErrorIndexMetaMissing) {
		idx, err = bleve.NewUsing(dir, m, scorch.Name, bleve.Config.DefaultKVStore, cfg)
		created = true
	}
	if errors.Is(err, bolterrors.ErrTimeout) {
		return nil, false, ErrLocked
	}
	return idx, created, err
}

// forceMerge merges every segment of idx into one.
func forceMerge(ctx context.Context, idx bleve.Index) error {
	adv, err := idx.Advanced()
	if err != nil {
		return err
	}
	s, ok := adv.(*scorch.Scorch)
	if !ok {
		return fmt.Errorf("not a scorch index (%T)", adv)
	}
	opts := mergeplan.SingleSegmentMergePlanOptions
	return s.ForceMerge(ctx, &opts)
}

// bleveDocument maps a onto the index's fields, the facet and sort date
// columns stored raw (see mapDocument).
func (ix *Index) bleveDocument(a article.Article) (*blevedoc.Document, error) {
	d, err := newDocument(a, ix.zone)
	if err != nil {
		return nil, err
	}
	return mapDocument(ix.idx, a.ID, d, fFacet, fSortDate)
}

// mapDocument maps d, with the given id, onto idx's fields as the mapping
// does, but for options the mapping cannot express: the columns named in
// rawColumns keep their doc values uncompressed, one document per chunk.
// A faceted or date-sorted search reads its column for every match, and
// decompressing it (chunks of 1,024 documents) was 15 % of all search CPU
// at 100,000 articles; uncompressed it is a slice of the mapped file. One
// document per chunk is the layout bleve's own geo fields use, and it
// avoids a zapx bug: merged segments give a whole chunk's uncompressed doc
// values to one document (TestDocValuesOptionsSurviveMerge reproduces it;
// cause and fix in docs/UPSTREAM.md).
func mapDocument(idx bleve.Index, id string, d any, rawColumns ...string) (*blevedoc.Document, error) {
	doc := blevedoc.NewDocument(id)
	if err := idx.Mapping().MapDocument(doc, d); err != nil {
		return nil, err
	}
	for i, f := range doc.Fields {
		if t, ok := f.(*blevedoc.TextField); ok && slices.Contains(rawColumns, t.Name()) {
			doc.Fields[i] = blevedoc.NewTextFieldCustom(t.Name(), t.ArrayPositions(), t.Value(),
				t.Options()|bleveindex.SkipDVCompression|bleveindex.SkipDVChunking, t.Analyzer())
		}
	}
	return doc, nil
}

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

// indexOrder returns the positions of hits in the index's internal order,
// and their internal ids in that order: the order lookup needs, since a
// term's postings reader only moves forward.
func indexOrder(hits []*search.DocumentMatch) (order []int, iids []bleveindex.IndexInternalID) {
	order = make([]int, len(hits))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return hits[a].IndexInternalID.Compare(hits[b].IndexInternalID) })
	iids = make([]bleveindex.IndexInternalID, len(hits))
	for i, h := range order {
		iids[i] = hits[h].IndexInternalID
	}
	return order, iids
}

// lookup calls fn with the position of each of iids (in index order, see
// indexOrder) that
// has the term in the field. It reads the term's postings without
// frequencies, which skips to each article instead of walking the list.
func (s *snapshot) lookup(ctx context.Context, field, term string, iids []bleveindex.IndexInternalID, fn func(int)) (err error) {
	tfr, err := s.r.TermFieldReader(ctx, []byte(term), field, false, false, false)
	if err != nil {
		return fmt.Errorf("look up %s %q: %w", field, term, err)
	}
	defer func() {
		if cerr := tfr.Close(); err == nil && cerr != nil {
			err = fmt.Errorf("look up %s %q: %w", field, term, cerr)
		}
	}()
	var at bleveindex.IndexInternalID
	for i, iid := range iids {
		// A reader only moves forward.
		if at == nil || at.Compare(iid) < 0 {
			next, err := tfr.Advance(iid, nil)
			if err != nil {
				return fmt.Errorf("look up %s %q: %w", field, term, err)
			}
			if next == nil {
				return nil
			}
			at = next.ID
		}
		if at.Equals(iid) {
			fn(i)
		}
	}
	return nil
}
