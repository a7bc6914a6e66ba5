package main

import (
	"cmp"
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

// batchSize is how many articles are indexed in one bleve batch.
const batchSize = 500

// crawlBatchSize is the batch of a crawl's indexing, which runs while serve
// answers searches: a batch's analysis is live heap (about 18 MB per 100
// articles) and takes both cores while it runs, so smaller batches keep
// serve's heap and the searches' waits short (docs/RELIABILITY.md).
const crawlBatchSize = 100

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

// openIndex opens the index in use, creating an empty one the first time.
func openIndex(dataDir string) (*index.Index, error) {
	dir, err := currentIndexDir(dataDir)
	if err != nil {
		return nil, err
	}
	if dir == "" {
		dir = newIndexDir(dataDir)
		ix, err := index.Open(dir)
		if err != nil {
			return nil, err
		}
		if err := setCurrentIndex(dataDir, dir); err != nil {
			ix.Close()
			return nil, err
		}
		return ix, nil
	}
	return index.Open(dir)
}

// batcher collects articles and indexes them batchSize at a time. It is
// safe for concurrent use: a crawl indexes from every portal at once.
type batcher struct {
	mu    sync.Mutex
	ix    *index.Index
	size  int // articles per batch; 0 means batchSize
	batch []article.Article
	n     int
}

func (b *batcher) add(a article.Article) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.batch = append(b.batch, a)
	if len(b.batch) >= cmp.Or(b.size, batchSize) {
		return b.flushLocked()
	}
	return nil
}

func (b *batcher) flush() error {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.flushLocked()
}

func (b *batcher) flushLocked() error {
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

// rebuildIndex builds a fresh index of every stored article in a new
// directory, swaps it in and removes the old one. It returns the count.
func rebuildIndex(ctx context.Context, dataDir string, st *store.Store) (int, error) {
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
	ix, err := index.Open(dir)
	if err != nil {
		return 0, err
	}
	b := &batcher{ix: ix}
	err = st.ForEach(func(r store.Record) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		return b.add(r.Article)
	})
	if err == nil {
		err = b.flush()
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

// repairIndex makes the index agree with the store: it indexes articles
// that are missing or changed and deletes the ones the store lacks (after a
// crash between a store write and an index write, for example). visit, if
// set, sees every stored article, so that start-up reads the store once.
func repairIndex(ctx context.Context, ix *index.Index, st *store.Store, visit func(article.Article)) (added, removed int, err error) {
	indexed := map[string]string{}
	if err := ix.ForEachID(func(id, hash string) error {
		indexed[id] = hash
		return nil
	}); err != nil {
		return 0, 0, fmt.Errorf("repair index: %w", err)
	}
	b := &batcher{ix: ix}
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
		return b.add(r.Article)
	})
	if err == nil {
		err = b.flush()
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
	return b.n, len(gone), nil
}
