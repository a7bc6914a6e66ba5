// Package store is the durable archive of vksnews: every crawled page
// (compressed), the Raw extraction and the normalized Article of each article,
// the URL → ID lookups that let a crawl skip what it already has, per-portal
// crawl state, and small key/value state for other subsystems.
//
// It sits on one bbolt file. Every write is a transaction, so a process
// killed at any moment leaves the file readable and consistent. Concurrent
// Puts share transactions (bbolt's Batch): one fsync then commits several
// articles, and each Put returns only once its article is on disk. Every
// write of an article takes the next store sequence number, so that the
// search index, which records the last sequence it holds, can be caught up
// with one range scan (Since).
package store

import (
	"compress/flate"
	"compress/gzip"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"time"

	"go.etcd.io/bbolt"
	bolterrors "go.etcd.io/bbolt/errors"
)

// SchemaVersion is the version of the on-disk layout and record encoding this
// build reads and writes. A later change bumps it and migrates in Open.
const SchemaVersion = 1

// ErrNotFound is returned (wrapped) when a requested record does not exist.
var ErrNotFound = errors.New("not found")

// Bucket names. Each holds one kind of key so that iteration needs no
// filtering.
var (
	bucketSchema       = []byte("schema")          // "version" → decimal schema version
	bucketArticles     = []byte("articles")        // id → JSON record
	bucketPages        = []byte("pages")           // id → gzip of the fetched page
	bucketURLs         = []byte("urls")            // canonical or fetched URL → id
	bucketPortalIndex  = []byte("portal_articles") // portal "\x00" id → empty
	bucketPortalCounts = []byte("portal_counts")   // portal → decimal count of its articles
	bucketStates       = []byte("portal_states")   // portal → JSON PortalState
	bucketMeta         = []byte("meta")            // free key/value state of other subsystems
	bucketSeq          = []byte("seq")             // 8-byte big-endian sequence → id of the article it wrote
	bucketHistory      = []byte("history")         // id "\x00" 8-byte sequence → the record an update replaced
	bucketChecks       = []byte("checks")          // portal "\x00" id → first seen, last checked (unix s, 8 bytes each), URL
)

var allBuckets = [][]byte{
	bucketSchema, bucketArticles, bucketPages, bucketURLs,
	bucketPortalIndex, bucketPortalCounts, bucketStates, bucketMeta,
	bucketSeq, bucketHistory, bucketChecks,
}

// boltOptions are measured (BenchmarkPutParallel, docs/BENCHMARKS.md): with
// bbolt's defaults every commit rewrites the whole freelist, which grows with
// the file, so the cost per article grew with the archive.
//   - NoFreelistSync: the freelist is not written at all; Open rebuilds it by
//     scanning the file, which costs a fraction of a second at 100k articles.
//   - the map freelist finds free runs in constant time, the array one in
//     time linear in its length.
//   - InitialMmapSize: the file can grow to 1 GiB without a remap, and a
//     remap waits for every open read transaction.
func boltOptions(timeout time.Duration) *bbolt.Options {
	return &bbolt.Options{
		Timeout:         timeout,
		NoFreelistSync:  true,
		FreelistType:    bbolt.FreelistMapType,
		InitialMmapSize: 1 << 30,
	}
}

// Store is an open archive. Its methods are safe for concurrent use.
type Store struct {
	db   *bbolt.DB
	path string
	// gzips reuses gzip writers: each holds about a megabyte of state and
	// Put is called once per article.
	gzips sync.Pool
	// flates reuses the deflate writers of records, for the same reason.
	flates sync.Pool
}

// Open opens the store at path, creating it (and its directory) if needed.
// Only one process can hold a store; if another does, Open gives up after
// timeout (at once if timeout <= 0) with an error saying the store is in use.
func Open(path string, timeout time.Duration) (*Store, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, fmt.Errorf("store %s: %w", path, err)
	}
	if timeout <= 0 {
		// bbolt waits forever on a zero timeout.
		timeout = time.Nanosecond
	}
	db, err := bbolt.Open(path, 0o600, boltOptions(timeout))
	if errors.Is(err, bolterrors.ErrTimeout) {
		return nil, fmt.Errorf("store %s is in use by another process", path)
	}
	if err != nil {
		return nil, fmt.Errorf("store %s: %w", path, err)
	}
	s := &Store{db: db, path: path}
	s.gzips.New = func() any { w, _ := gzip.NewWriterLevel(nil, gzip.BestSpeed); return w }
	s.flates.New = func() any { w, _ := flate.NewWriter(nil, flate.BestSpeed); return w }
	if err := db.Update(s.initSchema); err != nil {
		db.Close()
		return nil, fmt.Errorf("store %s: %w", path, err)
	}
	return s, nil
}

// initSchema creates the buckets of a new store and refuses a store written
// by a build with another schema.
func (s *Store) initSchema(tx *bbolt.Tx) error {
	for _, name := range allBuckets {
		if _, err := tx.CreateBucketIfNotExists(name); err != nil {
			return fmt.Errorf("create bucket %s: %w", name, err)
		}
	}
	if err := s.numberArticles(tx); err != nil {
		return err
	}
	b := tx.Bucket(bucketSchema)
	v := b.Get([]byte("version"))
	if v == nil {
		return b.Put([]byte("version"), fmt.Appendf(nil, "%d", SchemaVersion))
	}
	if string(v) != fmt.Sprint(SchemaVersion) {
		return fmt.Errorf("schema version %s, this build reads version %d", v, SchemaVersion)
	}
	return nil
}

// Close releases the store.
func (s *Store) Close() error {
	if err := s.db.Close(); err != nil {
		return fmt.Errorf("close store %s: %w", s.path, err)
	}
	return nil
}

// Path returns the file the store lives in.
func (s *Store) Path() string { return s.path }
