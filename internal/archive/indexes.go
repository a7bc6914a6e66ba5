package archive

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/vksnews/vksnews/index"
	"github.com/vksnews/vksnews/internal/article"
	"github.com/vksnews/vksnews/internal/store"
)

// The index lives in data_dir/index-<stamp>/; data_dir/index.current names
// the one in use. reindex builds a new directory and swaps the name with
// one atomic rename, so a crash at any point leaves a usable index.
const currentIndexFile = "index.current"

// BatchSize is how many articles are indexed in one bleve batch.
const BatchSize = 500

// currentIndexDir returns the directory of the index in use, or "".
func currentIndexDir(dataDir string) (string, error) {
	b, err := os.ReadFile(filepath.Join(dataDir, currentIndexFile))
	if errors.Is(err, fs.ErrNotExist) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("index pointer: %w", err)
	}
	name := strings.TrimSpace(string(b))
	if name == "" || strings.ContainsAny(name, `/\`) {
		return "", fmt.Errorf("index pointer %s: bad content %q", currentIndexFile, name)
	}
	return filepath.Join(dataDir, name), nil
}

// HasIndex reports whether dataDir has an index in use, without creating
// one: a search of a data dir that was never crawled can then say so.
func HasIndex(dataDir string) (bool, error) {
	dir, err := currentIndexDir(dataDir)
	return dir != "", err
}

// setCurrentIndex points data_dir/index.current at dir, atomically.
func setCurrentIndex(dataDir, dir string) error {
	tmp := filepath.Join(dataDir, currentIndexFile+".tmp")
	if err := os.WriteFile(tmp, []byte(filepath.Base(dir)+"\n"), 0o644); err != nil {
		return fmt.Errorf("index pointer: %w", err)
	}
	if err := os.Rename(tmp, filepath.Join(dataDir, currentIndexFile)); err != nil {
		return fmt.Errorf("index pointer: %w", err)
	}
	return nil
}

// newIndexDir returns a fresh directory name for an index.
func newIndexDir(dataDir string) string {
	return filepath.Join(dataDir, "index-"+time.Now().UTC().Format("20060102T150405.000000000"))
}

// IndexDir returns the directory of the index in use, or "" when there is
// none yet.
func IndexDir(dataDir string) (string, error) { return currentIndexDir(dataDir) }

// OpenIndex opens the index in use, creating an empty one the first time
// (with opts, for example its time zone). It does not catch it up with the
// store: Open does.
func OpenIndex(dataDir string, opts ...index.Option) (*index.Index, error) {
	dir, err := currentIndexDir(dataDir)
	if err != nil {
		return nil, err
	}
	if dir == "" {
		dir = newIndexDir(dataDir)
		ix, err := index.Open(dir, opts...)
		if err != nil {
			return nil, err
		}
		if err := setCurrentIndex(dataDir, dir); err != nil {
			ix.Close()
			return nil, err
		}
		return ix, nil
	}
	return index.Open(dir, opts...)
}

// Batcher collects articles and indexes them BatchSize at a time. It is
// safe for concurrent use.
type Batcher struct {
	mu    sync.Mutex
	ix    *index.Index
	batch []article.Article
	n     int
}

// NewBatcher returns a Batcher into ix.
func NewBatcher(ix *index.Index) *Batcher { return &Batcher{ix: ix} }

// Add queues a; a full batch is indexed at once.
func (b *Batcher) Add(a article.Article) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.batch = append(b.batch, a)
	if len(b.batch) >= BatchSize {
		return b.flushLocked()
	}
	return nil
}

// Flush indexes what is queued.
func (b *Batcher) Flush() error {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.flushLocked()
}

func (b *Batcher) flushLocked() error {
	if len(b.batch) == 0 {
		return nil
	}
	if err := b.ix.Put(b.batch...); err != nil {
		return err
	}
	b.n += len(b.batch)
	b.batch = b.batch[:0]
	return nil
}

// Rebuild builds a fresh index of every stored article in a new
// directory, made with opts (a time zone given there replaces the old
// index's), swaps it in and removes the old one. It returns the count.
func Rebuild(ctx context.Context, dataDir string, st *store.Store, opts ...index.Option) (int, error) {
	old, err := currentIndexDir(dataDir)
	if err != nil {
		return 0, err
	}
	if old != "" {
		// Fail at once, with the index's own message, if serve holds it;
		// an index of an older mapping is what a rebuild is for.
		ix, err := index.Open(old)
		if err != nil && !errors.Is(err, index.ErrOldSchema) {
			return 0, err
		}
		if err == nil {
			ix.Close()
		}
	}
	dir := newIndexDir(dataDir)
	ix, err := index.Open(dir, opts...)
	if err != nil {
		return 0, err
	}
	// Every write up to seq is in what ForEach reads; later ones may be too,
	// and the next catch-up indexes them again, which is harmless.
	seq, err := st.Seq()
	b := &Batcher{ix: ix}
	if err == nil {
		err = st.ForEach(func(r store.Record) error {
			if err := ctx.Err(); err != nil {
				return err
			}
			return b.Add(r.Article)
		})
	}
	if err == nil {
		err = b.Flush()
	}
	if err == nil {
		err = ix.SetStoreSeq(seq)
	}
	if err == nil {
		// One segment: a fresh index searches faster and is smaller.
		err = ix.Compact(ctx)
	}
	if cerr := ix.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.RemoveAll(dir)
		return 0, fmt.Errorf("reindex: %w", err)
	}
	if err := setCurrentIndex(dataDir, dir); err != nil {
		os.RemoveAll(dir)
		return 0, err
	}
	if old != "" {
		if err := os.RemoveAll(old); err != nil {
			return b.n, fmt.Errorf("remove old index %s: %w", old, err)
		}
	}
	return b.n, nil
}

// Repair makes the index agree with the store by comparing them whole: it
// indexes articles that are missing or changed and deletes the ones the
// store lacks. CatchUp is the cheap way that suffices when only the store
// is written; Repair also mends an index damaged otherwise. visit, if set,
// sees every stored article, so that serve's start-up reads the store once.
func Repair(ctx context.Context, ix *index.Index, st *store.Store, visit func(article.Article)) (added, removed int, err error) {
	seq, err := st.Seq()
	if err != nil {
		return 0, 0, fmt.Errorf("repair index: %w", err)
	}
	indexed := map[string]string{}
	if err := ix.ForEachID(func(id, hash string) error {
		indexed[id] = hash
		return nil
	}); err != nil {
		return 0, 0, fmt.Errorf("repair index: %w", err)
	}
	b := &Batcher{ix: ix}
	err = st.ForEach(func(r store.Record) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		if visit != nil {
			visit(r.Article)
		}
		h, ok := indexed[r.Article.ID]
		delete(indexed, r.Article.ID)
		if ok && h == r.Hash {
			return nil
		}
		return b.Add(r.Article)
	})
	if err == nil {
		err = b.Flush()
	}
	if err != nil {
		return b.n, 0, fmt.Errorf("repair index: %w", err)
	}
	var gone []string
	for id := range indexed {
		gone = append(gone, id)
	}
	if len(gone) > 0 {
		if err := ix.Delete(gone...); err != nil {
			return b.n, 0, fmt.Errorf("repair index: %w", err)
		}
	}
	if err := ix.SetStoreSeq(seq); err != nil {
		return b.n, len(gone), fmt.Errorf("repair index: %w", err)
	}
	return b.n, len(gone), nil
}
