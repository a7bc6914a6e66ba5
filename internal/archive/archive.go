// Package archive owns a data directory's store and search index together
// and keeps them in step: the store is the archive of record, and the index
// records the last store sequence number it holds (index.StoreSeq). Open
// catches the index up with one range scan of the store (store.Since), so
// that every command that opens the index — crawl, search, export, digest,
// serve, reindex — answers from an index that holds every stored article,
// whatever killed the process that wrote them.
package archive

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/vksnews/vksnews/index"
	"github.com/vksnews/vksnews/internal/article"
	"github.com/vksnews/vksnews/internal/store"
)

// storeTimeout is how long Open waits for another process's lock on the
// store: short, so that a second process fails at once instead of hanging.
const storeTimeout = 500 * time.Millisecond

// StorePath is where the store lives inside the data dir.
func StorePath(dataDir string) string { return filepath.Join(dataDir, "vksnews.db") }

// OpenStore opens the store of a data dir alone, creating the dir, for the
// commands that do not need the index.
func OpenStore(dataDir string) (*store.Store, error) {
	if err := os.MkdirAll(dataDir, 0o755); err != nil {
		return nil, fmt.Errorf("data dir: %w", err)
	}
	return store.Open(StorePath(dataDir), storeTimeout)
}

// Archive is an open store and index. Its methods are safe for concurrent use.
type Archive struct {
	Store   *store.Store
	Index   *index.Index
	dataDir string
	batch   int // articles per catch-up batch
	// catchMu keeps catch-ups one at a time: each reads from the index's
	// sequence and moves it forward.
	catchMu sync.Mutex
}

// Options tune Open.
type Options struct {
	// RebuildOldSchema rebuilds an index built with another mapping from the
	// store instead of failing with index.ErrOldSchema.
	RebuildOldSchema bool
	// CatchUpBatch is how many articles a catch-up indexes in one bleve
	// batch; 0 means BatchSize. A batch's analysis is live heap (about 18 MB
	// per 100 articles) and takes both cores while it runs, so serve, which
	// answers searches while a crawl is followed, uses smaller batches.
	CatchUpBatch int
	// Location is the operator's time zone, which a new index counts the
	// month facet in (index.WithLocation); nil means Asia/Ho_Chi_Minh.
	Location *time.Location
}

// Open opens the store and the index of dataDir and catches the index up
// with the store. When another process holds either, it fails at once.
func Open(ctx context.Context, dataDir string, opts Options) (_ *Archive, err error) {
	st, err := OpenStore(dataDir)
	if err != nil {
		return nil, err
	}
	defer func() {
		if err != nil {
			st.Close()
		}
	}()
	return Attach(ctx, dataDir, st, opts)
}

// Attach opens the index of dataDir beside st, the already open store of
// the same data dir, and catches it up, for a command that needs the index
// only sometimes. Closing the Archive closes st too.
func Attach(ctx context.Context, dataDir string, st *store.Store, opts Options) (*Archive, error) {
	zone := index.WithLocation(opts.Location)
	ix, err := OpenIndex(dataDir, zone)
	if errors.Is(err, index.ErrOldSchema) && opts.RebuildOldSchema {
		if _, err = Rebuild(ctx, dataDir, st, zone); err == nil {
			ix, err = OpenIndex(dataDir, zone)
		}
	}
	if err != nil {
		return nil, err
	}
	a := &Archive{Store: st, Index: ix, dataDir: dataDir, batch: cmp.Or(opts.CatchUpBatch, BatchSize)}
	if _, err := a.CatchUp(ctx); err != nil {
		ix.Close()
		return nil, err
	}
	return a, nil
}

// CatchUp indexes every article the store wrote after the index's sequence
// number, a batch (Options.CatchUpBatch) at a time, moving the sequence after each batch so that
// a kill loses none of the work done. It returns how many it indexed. An
// index in step costs one read of the sequence.
func (a *Archive) CatchUp(ctx context.Context) (int, error) {
	a.catchMu.Lock()
	defer a.catchMu.Unlock()
	from, err := a.Index.StoreSeq()
	if err != nil {
		return 0, fmt.Errorf("catch up index: %w", err)
	}
	var (
		batch []article.Article
		n     int
		last  = from
	)
	// flush indexes the batch, then records that the index holds every
	// write up to last: the batch is in sequence order.
	flush := func() error {
		if len(batch) > 0 {
			if err := a.Index.Put(batch...); err != nil {
				return err
			}
			n += len(batch)
			batch = batch[:0]
		}
		if last == from {
			return nil
		}
		return a.Index.SetStoreSeq(last)
	}
	err = a.Store.Since(from, func(r store.Record) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		batch = append(batch, r.Article)
		last = r.Seq
		if len(batch) >= a.batch {
			return flush()
		}
		return nil
	})
	if err == nil {
		err = flush()
	}
	if err != nil {
		return n, fmt.Errorf("catch up index: %w", err)
	}
	return n, nil
}

// Follow catches the index up every interval while a crawl writes the
// store, until the returned stop is called; stop catches up a last time and
// returns the first error. The crawl hands the index nothing: the index
// reads what was committed, in sequence order, so no article is held in
// memory twice and none is missed if the process dies.
func (a *Archive) Follow(ctx context.Context, every time.Duration) (stop func() error) {
	quit := make(chan struct{})
	done := make(chan error, 1)
	go func() {
		t := time.NewTicker(every)
		defer t.Stop()
		for {
			select {
			case <-t.C:
				if _, err := a.CatchUp(ctx); err != nil {
					done <- err
					return
				}
			case <-quit:
				done <- nil
				return
			}
		}
	}()
	return func() error {
		close(quit)
		if err := <-done; err != nil {
			return err
		}
		// A cancelled crawl still indexes what it stored: it is little.
		_, err := a.CatchUp(context.WithoutCancel(ctx))
		return err
	}
}

// CrawlBatch is the catch-up batch (Options.CatchUpBatch) wherever a crawl
// is followed (serve, crawl, bench crawl). A batch's analysis is live heap:
// at 500 a 20k crawl peaked at 695 MB resident (live heap 234 MB), at 100
// at 362 MB (97 MB) at the same speed (docs/BENCHMARKS.md). In serve,
// smaller batches also keep the searches' waits short (docs/RELIABILITY.md).
const CrawlBatch = 100

// FollowEvery is how often IndexDuring indexes what the work has stored:
// every second, in one batch, from what the store has committed.
const FollowEvery = time.Second

// IndexDuring runs work (a crawl that writes the store) and indexes what it
// stores as the store commits it (Follow). The work's error comes first; an
// indexing failure loses nothing, since the store has the articles and the
// next Open catches the index up.
func (a *Archive) IndexDuring(ctx context.Context, work func() error) error {
	stop := a.Follow(ctx, FollowEvery)
	err := work()
	if ierr := stop(); ierr != nil && err == nil {
		return fmt.Errorf("index crawled articles: %w", ierr)
	}
	return err
}

// Close closes the index and the store.
func (a *Archive) Close() error {
	return errors.Join(a.Index.Close(), a.Store.Close())
}
