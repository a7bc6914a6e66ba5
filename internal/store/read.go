package store

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"

	"go.etcd.io/bbolt"
)

// iterChunk is how many records ForEach reads per read transaction. Holding
// one transaction for a whole export would stall a concurrent crawl whenever
// bbolt needs to grow its memory map, and would forbid fn from writing.
const iterChunk = 256

// Get returns the record of the article id.
func (s *Store) Get(id string) (Record, bool, error) {
	var (
		rec Record
		ok  bool
	)
	err := s.db.View(func(tx *bbolt.Tx) error {
		data := tx.Bucket(bucketArticles).Get([]byte(id))
		if data == nil {
			return nil
		}
		var err error
		rec, err = decodeRecord([]byte(id), data)
		ok = err == nil
		return err
	})
	if err != nil {
		return Record{}, false, fmt.Errorf("get %s: %w", id, err)
	}
	return rec, ok, nil
}

// RawPage returns the page fetched for article id, decompressed. The error
// wraps ErrNotFound when no page is stored.
func (s *Store) RawPage(id string) ([]byte, error) {
	var gz []byte
	err := s.db.View(func(tx *bbolt.Tx) error {
		// bbolt's slices die with the transaction: copy.
		gz = bytes.Clone(tx.Bucket(bucketPages).Get([]byte(id)))
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("raw page %s: %w", id, err)
	}
	if gz == nil {
		return nil, fmt.Errorf("raw page %s: %w", id, ErrNotFound)
	}
	r, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		return nil, fmt.Errorf("raw page %s: %w", id, err)
	}
	page, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("raw page %s: %w", id, err)
	}
	return page, nil
}

// IDForURL returns the ID of the article stored under the canonical or
// fetched URL u.
func (s *Store) IDForURL(u string) (string, bool, error) {
	k := urlKey(u)
	if k == "" {
		return "", false, nil
	}
	var id string
	err := s.db.View(func(tx *bbolt.Tx) error {
		id = string(tx.Bucket(bucketURLs).Get([]byte(k)))
		return nil
	})
	if err != nil {
		return "", false, fmt.Errorf("id for %s: %w", u, err)
	}
	return id, id != "", nil
}

// Known reports whether an article with the canonical or fetched URL u is
// stored; the crawler uses it to skip article pages it already has. A store
// error reads as unknown: the page is then fetched again, which is safe.
func (s *Store) Known(u string) bool {
	_, ok, err := s.IDForURL(u)
	return ok && err == nil
}

// ForEach calls fn with every record in ID order, stopping at the first
// error. fn runs outside any transaction and may use the store; records
// written meanwhile may or may not be seen.
func (s *Store) ForEach(fn func(Record) error) error {
	return s.forEachChunk("for each record", nil, func(tx *bbolt.Tx, after []byte) ([]Record, []byte, error) {
		var recs []Record
		c := tx.Bucket(bucketArticles).Cursor()
		k, v := seekAfter(c, after)
		for ; k != nil && len(recs) < iterChunk; k, v = c.Next() {
			rec, err := decodeRecord(k, v)
			if err != nil {
				return nil, nil, err
			}
			recs = append(recs, rec)
			after = bytes.Clone(k)
		}
		return recs, after, nil
	}, fn)
}

// ForEachPortal is ForEach restricted to the articles of one portal.
func (s *Store) ForEachPortal(portal string, fn func(Record) error) error {
	prefix := portalKey(portal, nil)
	return s.forEachChunk("for each record of "+portal, prefix, func(tx *bbolt.Tx, after []byte) ([]Record, []byte, error) {
		var recs []Record
		c := tx.Bucket(bucketPortalIndex).Cursor()
		articles := tx.Bucket(bucketArticles)
		k, _ := seekAfter(c, after)
		for ; k != nil && bytes.HasPrefix(k, prefix) && len(recs) < iterChunk; k, _ = c.Next() {
			id := k[len(prefix):]
			data := articles.Get(id)
			if data == nil {
				return nil, nil, fmt.Errorf("portal index names missing article %s", id)
			}
			rec, err := decodeRecord(id, data)
			if err != nil {
				return nil, nil, err
			}
			recs = append(recs, rec)
			after = bytes.Clone(k)
		}
		return recs, after, nil
	}, fn)
}

// forEachChunk reads records iterChunk at a time, each chunk in its own
// short read transaction, and calls fn outside them: a long export never
// holds a transaction that would block the file from growing. read returns
// up to iterChunk records after the key after, and the key to resume from.
// Its errors are wrapped with what; fn's are returned as they are.
func (s *Store) forEachChunk(what string, after []byte, read func(tx *bbolt.Tx, after []byte) ([]Record, []byte, error), fn func(Record) error) error {
	for {
		var recs []Record
		err := s.db.View(func(tx *bbolt.Tx) error {
			var err error
			recs, after, err = read(tx, after)
			return err
		})
		if err != nil {
			return fmt.Errorf("%s: %w", what, err)
		}
		for _, r := range recs {
			if err := fn(r); err != nil {
				return err
			}
		}
		if len(recs) < iterChunk {
			return nil
		}
	}
}

// seekAfter positions c on the first key strictly after after (the first key
// of all when after is nil).
func seekAfter(c *bbolt.Cursor, after []byte) ([]byte, []byte) {
	if after == nil {
		return c.First()
	}
	k, v := c.Seek(after)
	if k != nil && bytes.Equal(k, after) {
		return c.Next()
	}
	return k, v
}

// Count returns the number of stored articles.
func (s *Store) Count() (int, error) {
	var n int
	err := s.db.View(func(tx *bbolt.Tx) error {
		return tx.Bucket(bucketPortalCounts).ForEach(func(_, v []byte) error {
			n += readCount(v)
			return nil
		})
	})
	if err != nil {
		return 0, fmt.Errorf("count: %w", err)
	}
	return n, nil
}
