package index

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/blevesearch/bleve/v2"

	"github.com/vksnews/vksnews/internal/article"
	"github.com/vksnews/vksnews/internal/normalize"
)

// ErrLocked is returned (wrapped) by Open when another process holds the index.
var ErrLocked = errors.New("index is in use by another process")

// ErrBadRequest is wrapped by every error a user's request causes: a bad
// query, filter, sort or page. The JSON API turns it into a 400.
var ErrBadRequest = errors.New("bad search request")

// lockTimeout bounds how long Open waits for another process's lock.
const lockTimeout = "1s"

// putChunk bounds the documents of one bleve batch so that a large Put does
// not hold every analysed document in memory at once.
const putChunk = 1000

// idPageSize is how many IDs ForEachID reads per search: large enough that
// a rebuild check of a big index takes few searches.
const idPageSize = 1000

// Index is an open search index. Its methods are safe for concurrent use.
type Index struct {
	idx bleve.Index
	dir string
	// slots admits as many searches at once as there are CPUs: a search
	// is CPU-bound, and more at once only share the CPUs, so every one of
	// them is slow instead of each waiting its turn and then running fast.
	slots chan struct{}
	// rank holds the scoring model's numbers (ranking.go): the defaults,
	// changed by tests that check a window or a threshold on a small corpus.
	rank ranking
	// idPage and matchPage are the page sizes of ForEachID (idPageSize)
	// and of ForEachMatch and MatchingIDs (matchPageSize), smaller in tests
	// so that a few documents cross a page boundary.
	idPage, matchPage int
	// gen counts the writes, twice each: it is odd while one is under way,
	// so that a snapshot opened while it stayed even is the index as of gen
	// (see wholeFacets). writeMu keeps writes one at a time, which that needs.
	gen     atomic.Uint64
	writeMu sync.Mutex
	whole   wholeFacets
	// zone is the time zone the month facet is indexed in (see Zone).
	zone *time.Location
}

// Option sets an optional setting of Open.
type Option func(*openOptions)

type openOptions struct {
	zone *time.Location
}

// WithLocation sets the time zone a new index counts months in: the
// operator's configured zone. It applies when the index is created and is
// recorded in it; an existing index keeps the zone it was built with (a
// rebuild, vksnews reindex, adopts a new one), because its month terms were
// written in that zone. The default is Asia/Ho_Chi_Minh.
func WithLocation(loc *time.Location) Option {
	return func(o *openOptions) { o.zone = loc }
}

// Open opens the index in dir, creating it with the mapping when absent.
// When another process holds it, the error wraps ErrLocked.
func Open(dir string, opts ...Option) (*Index, error) {
	o := openOptions{zone: normalize.HCM()}
	for _, opt := range opts {
		opt(&o)
	}
	if o.zone == nil {
		o.zone = normalize.HCM()
	}
	idx, created, err := openBleve(dir, newMapping())
	if err != nil {
		return nil, fmt.Errorf("open index %s: %w", dir, err)
	}
	if err := checkSchema(idx, created); err != nil {
		idx.Close()
		return nil, fmt.Errorf("open index %s: %w", dir, err)
	}
	zone, err := indexZone(idx, created, o.zone)
	if err != nil {
		idx.Close()
		return nil, fmt.Errorf("open index %s: %w", dir, err)
	}
	return &Index{idx: idx, dir: dir, slots: make(chan struct{}, runtime.GOMAXPROCS(0)), rank: defaultRanking(), idPage: idPageSize, matchPage: matchPageSize, zone: zone}, nil
}

var zoneKey = []byte("vksnews_zone")

// indexZone records want in a new index, or returns the zone an existing
// one was built with; an index from before zones were recorded was built in
// Vietnam time.
func indexZone(idx bleve.Index, created bool, want *time.Location) (*time.Location, error) {
	if created {
		return want, idx.SetInternal(zoneKey, []byte(want.String()))
	}
	v, err := idx.GetInternal(zoneKey)
	if err != nil {
		return nil, fmt.Errorf("read time zone: %w", err)
	}
	if len(v) == 0 {
		return normalize.HCM(), nil
	}
	if string(v) == want.String() {
		return want, nil
	}
	loc, err := time.LoadLocation(string(v))
	if err != nil {
		return nil, fmt.Errorf("time zone %q the index was built in: %w", v, err)
	}
	return loc, nil
}

// Zone is the time zone the index counts months in: a search in another
// zone recounts the month facet, which costs a few more queries.
func (ix *Index) Zone() *time.Location { return ix.zone }

// schemaVersion names the mapping and analysis an index was built with;
// change it whenever they change, so that an old index is rebuilt rather
// than searched with queries it cannot answer.
const schemaVersion = "4"

var schemaKey = []byte("vksnews_schema")

// ErrOldSchema is returned for an index built by another version of the
// mapping: rebuild it from the store (vksnews reindex).
var ErrOldSchema = errors.New("index built with another mapping: rebuild it (vksnews reindex)")

func checkSchema(idx bleve.Index, created bool) error {
	if created {
		return idx.SetInternal(schemaKey, []byte(schemaVersion))
	}
	v, err := idx.GetInternal(schemaKey)
	if err != nil {
		return err
	}
	// Indexes made before the version was recorded have mapping 1.
	if len(v) == 0 {
		v = []byte("1")
	}
	if string(v) != schemaVersion {
		return fmt.Errorf("%w: it has schema %q, this vksnews %q", ErrOldSchema, v, schemaVersion)
	}
	return nil
}

// Close closes the index and releases its lock.
func (ix *Index) Close() error {
	if err := ix.idx.Close(); err != nil {
		return fmt.Errorf("close index %s: %w", ix.dir, err)
	}
	return nil
}

// Put indexes (adds or replaces) articles in one batch.
func (ix *Index) Put(as ...article.Article) error {
	for len(as) > 0 {
		n := min(len(as), putChunk)
		b := ix.idx.NewBatch()
		for _, a := range as[:n] {
			if a.ID == "" {
				return fmt.Errorf("index article %q: empty id", a.URL)
			}
			doc, err := ix.bleveDocument(a)
			if err != nil {
				return fmt.Errorf("index article %s: %w", a.ID, err)
			}
			if err := b.IndexAdvanced(doc); err != nil {
				return fmt.Errorf("index article %s: %w", a.ID, err)
			}
		}
		if err := ix.batch(b); err != nil {
			return fmt.Errorf("index batch of %d articles: %w", n, err)
		}
		as = as[n:]
	}
	return nil
}

// batch applies b, with gen odd meanwhile.
func (ix *Index) batch(b *bleve.Batch) error {
	ix.writeMu.Lock()
	defer ix.writeMu.Unlock()
	ix.gen.Add(1)
	defer ix.gen.Add(1)
	return ix.idx.Batch(b)
}

// Delete removes articles by ID; unknown IDs are ignored.
func (ix *Index) Delete(ids ...string) error {
	b := ix.idx.NewBatch()
	for _, id := range ids {
		b.Delete(id)
	}
	if err := ix.batch(b); err != nil {
		return fmt.Errorf("delete %d articles: %w", len(ids), err)
	}
	return nil
}

// Count returns the number of indexed articles.
func (ix *Index) Count() (uint64, error) {
	n, err := ix.idx.DocCount()
	if err != nil {
		return 0, fmt.Errorf("count index %s: %w", ix.dir, err)
	}
	return n, nil
}

// ForEachID calls fn with every indexed ID and the content hash of the
// indexed article (article.ContentHash), so that a caller can compare the index
// with the store and repair it. It stops at fn's first error and returns it.
func (ix *Index) ForEachID(fn func(id, hash string) error) error {
	page := ix.idPage
	var after []string
	for {
		req := bleve.NewSearchRequestOptions(bleve.NewMatchAllQuery(), page, 0, false)
		req.Fields = []string{fHash}
		req.SortBy([]string{"_id"})
		if after != nil {
			req.SearchAfter = after
		}
		res, err := ix.idx.Search(req)
		if err != nil {
			return fmt.Errorf("list index ids: %w", err)
		}
		for _, h := range res.Hits {
			hash, _ := h.Fields[fHash].(string)
			if err := fn(h.ID, hash); err != nil {
				return err
			}
		}
		if len(res.Hits) < page {
			return nil
		}
		after = []string{res.Hits[len(res.Hits)-1].ID}
	}
}

// Compact merges the index's segments into one, which makes searches of a
// freshly built index (after a reindex) faster and the index smaller. It
// may take seconds on a large index; searches keep working meanwhile.
func (ix *Index) Compact(ctx context.Context) error {
	if err := forceMerge(ctx, ix.idx); err != nil {
		return fmt.Errorf("compact index %s: %w", ix.dir, err)
	}
	return nil
}

var seqKey = []byte("vksnews_store_seq")

// StoreSeq returns the store sequence number the index holds every article
// up to (see SetStoreSeq); 0 for an index that never recorded one.
func (ix *Index) StoreSeq() (uint64, error) {
	v, err := ix.idx.GetInternal(seqKey)
	if err != nil {
		return 0, fmt.Errorf("index %s: read store sequence: %w", ix.dir, err)
	}
	if len(v) != 8 {
		return 0, nil
	}
	return binary.BigEndian.Uint64(v), nil
}

// SetStoreSeq records that the index holds every article the store wrote up
// to sequence n. It is written after the articles, so a crash between the
// two only makes the next catch-up index some articles again.
func (ix *Index) SetStoreSeq(n uint64) error {
	ix.writeMu.Lock()
	defer ix.writeMu.Unlock()
	if err := ix.idx.SetInternal(seqKey, binary.BigEndian.AppendUint64(nil, n)); err != nil {
		return fmt.Errorf("index %s: record store sequence: %w", ix.dir, err)
	}
	return nil
}
