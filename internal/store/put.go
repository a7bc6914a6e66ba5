package store

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"go.etcd.io/bbolt"

	"github.com/vksnews/vksnews/internal/article"
)

// Put stores one crawled article under a.ID: the fetched page (gzipped), the
// Raw and the normalized Article. It indexes the article's canonical and
// fetched URLs, and keeps the per-portal totals, in the same transaction.
//
// It never overwrites a stored article with worse data: if a lost the title,
// the body or the publication date that the stored article has, Put keeps the
// stored one, only records that it was seen at now, and returns Kept.
func (s *Store) Put(page []byte, raw article.Raw, a article.Article, now time.Time) (Outcome, error) {
	if a.ID == "" {
		return 0, fmt.Errorf("put %s: article has no ID", raw.URL)
	}
	if err := checkPortal(portalOf(Record{Raw: raw, Article: a})); err != nil {
		return 0, fmt.Errorf("put %s: %w", a.ID, err)
	}
	hash, err := article.ContentHash(a)
	if err != nil {
		return 0, fmt.Errorf("put %s: %w", a.ID, err)
	}
	// Compress outside the transaction: the write lock is held for less.
	var gz []byte
	if page != nil {
		if gz, err = s.compress(page); err != nil {
			return 0, fmt.Errorf("put %s: %w", a.ID, err)
		}
	}
	var out Outcome
	// Batch lets concurrent Puts share one transaction and one fsync; it
	// returns once that transaction is committed, so an article reported
	// stored survives a kill. The function may run twice (bbolt reruns it
	// alone when another of the batch failed): it sets everything it
	// returns afresh.
	err = s.db.Batch(func(tx *bbolt.Tx) error {
		var err error
		out, err = s.putTx(tx, gz, raw, a, hash, now)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("put %s: %w", a.ID, err)
	}
	return out, nil
}

// putTx is the transaction of Put.
func (s *Store) putTx(tx *bbolt.Tx, gz []byte, raw article.Raw, a article.Article, hash string, now time.Time) (Outcome, error) {
	id := []byte(a.ID)
	rec := Record{Raw: raw, Article: a, FirstSeen: now, LastSeen: now, Hash: hash}
	data := tx.Bucket(bucketArticles).Get(id)
	if data == nil {
		if err := movePortal(tx, id, "", portalOf(rec)); err != nil {
			return 0, err
		}
		if err := stamp(tx, &rec, 0); err != nil {
			return 0, err
		}
		return New, s.writeArticle(tx, rec, gz, raw)
	}
	old, err := decodeRecord(id, data)
	if err != nil {
		return 0, err
	}
	out := Updated
	switch {
	case worse(a, old.Article):
		out = Kept
	case old.Hash == hash:
		out = Unchanged
	}
	if out != Updated {
		// Keep what is stored; the page and Raw go with the article they
		// produced. Only being seen is news, and no reader of the index
		// cares: no sequence number.
		old.LastSeen = now
		return out, s.writeArticle(tx, old, nil, raw)
	}
	rec.FirstSeen = old.FirstSeen
	if err := movePortal(tx, id, portalOf(old), portalOf(rec)); err != nil {
		return 0, err
	}
	if err := stamp(tx, &rec, old.Seq); err != nil {
		return 0, err
	}
	// The version it replaces stays for audit (History).
	if err := tx.Bucket(bucketHistory).Put(historyKey(id, rec.Seq), data); err != nil {
		return 0, err
	}
	return Updated, s.writeArticle(tx, rec, gz, raw)
}

// writeArticle puts rec, its page when gz is set, and its URL lookups.
func (s *Store) writeArticle(tx *bbolt.Tx, rec Record, gz []byte, raw article.Raw) error {
	if err := s.putRecord(tx, rec); err != nil {
		return err
	}
	id := []byte(rec.Article.ID)
	if gz != nil {
		if err := tx.Bucket(bucketPages).Put(id, gz); err != nil {
			return err
		}
	}
	if err := putCheck(tx, rec); err != nil {
		return err
	}
	return indexURLs(tx, id, raw.CanonicalURL, raw.URL, rec.Article.URL)
}

// UpdateArticle replaces the Article of a stored record, as re-normalization
// does after the normalizer improved; the page, Raw and seen times stay.
func (s *Store) UpdateArticle(a article.Article) error {
	hash, err := article.ContentHash(a)
	if err != nil {
		return fmt.Errorf("update %s: %w", a.ID, err)
	}
	err = s.db.Update(func(tx *bbolt.Tx) error {
		id := []byte(a.ID)
		data := tx.Bucket(bucketArticles).Get(id)
		if data == nil {
			return ErrNotFound
		}
		rec, err := decodeRecord(id, data)
		if err != nil {
			return err
		}
		oldPortal := portalOf(rec)
		rec.Article, rec.Hash = a, hash
		if err := checkPortal(portalOf(rec)); err != nil {
			return err
		}
		if err := movePortal(tx, id, oldPortal, portalOf(rec)); err != nil {
			return err
		}
		if err := stamp(tx, &rec, rec.Seq); err != nil {
			return err
		}
		if err := s.putRecord(tx, rec); err != nil {
			return err
		}
		return indexURLs(tx, id, a.URL)
	})
	if err != nil {
		return fmt.Errorf("update %s: %w", a.ID, err)
	}
	return nil
}

func (s *Store) putRecord(tx *bbolt.Tx, rec Record) error {
	data, err := s.encodeRecord(rec)
	if err != nil {
		return err
	}
	return tx.Bucket(bucketArticles).Put([]byte(rec.Article.ID), data)
}

// portalOf is the portal an article counts for.
func portalOf(r Record) string {
	if r.Article.Portal != "" {
		return r.Article.Portal
	}
	return r.Raw.Portal
}

// movePortal moves article id from portal from to portal to in the portal
// index and totals ("" is none), so that the totals always equal the number
// of stored articles of each portal.
func movePortal(tx *bbolt.Tx, id []byte, from, to string) error {
	if from == to {
		return nil
	}
	idx := tx.Bucket(bucketPortalIndex)
	if from != "" {
		if err := idx.Delete(portalKey(from, id)); err != nil {
			return err
		}
		if err := tx.Bucket(bucketChecks).Delete(portalKey(from, id)); err != nil {
			return err
		}
		if err := addCount(tx, from, -1); err != nil {
			return err
		}
	}
	if to != "" {
		if err := idx.Put(portalKey(to, id), nil); err != nil {
			return err
		}
		if err := addCount(tx, to, 1); err != nil {
			return err
		}
	}
	return nil
}

// checkPortal refuses articles that no portal would count: every stored
// article counts for exactly one portal, which keeps Count exact.
func checkPortal(p string) error {
	if p == "" {
		return errors.New("article has no portal")
	}
	if strings.IndexByte(p, 0) >= 0 {
		return fmt.Errorf("portal name %q contains a NUL byte", p)
	}
	return nil
}

// portalKey orders the portal index by portal, then ID; "\x00" cannot occur
// in a portal name, so one portal's keys never interleave with another's.
func portalKey(portal string, id []byte) []byte {
	k := make([]byte, 0, len(portal)+1+len(id))
	k = append(k, portal...)
	k = append(k, 0)
	return append(k, id...)
}

func addCount(tx *bbolt.Tx, portal string, delta int) error {
	b := tx.Bucket(bucketPortalCounts)
	n := readCount(b.Get([]byte(portal))) + delta
	if n <= 0 {
		return b.Delete([]byte(portal))
	}
	return b.Put([]byte(portal), strconv.AppendInt(nil, int64(n), 10))
}

func readCount(v []byte) int {
	n, err := strconv.Atoi(string(v))
	if err != nil {
		return 0
	}
	return n
}

// indexURLs points each non-empty URL at id.
func indexURLs(tx *bbolt.Tx, id []byte, urls ...string) error {
	b := tx.Bucket(bucketURLs)
	for _, u := range urls {
		k := urlKey(u)
		if k == "" {
			continue
		}
		if len(k) > bbolt.MaxKeySize {
			return fmt.Errorf("url of %d bytes is too long to index", len(k))
		}
		if bytes.Equal(b.Get([]byte(k)), id) {
			continue
		}
		if err := b.Put([]byte(k), id); err != nil {
			return err
		}
	}
	return nil
}

// urlKey is the lookup form of a URL: a fragment never names another page.
func urlKey(u string) string {
	u = strings.TrimSpace(u)
	if i := strings.IndexByte(u, '#'); i >= 0 {
		u = u[:i]
	}
	return u
}

func (s *Store) compress(page []byte) ([]byte, error) {
	var buf bytes.Buffer
	buf.Grow(len(page)/4 + 64)
	w := s.gzips.Get().(*gzip.Writer)
	defer s.gzips.Put(w)
	w.Reset(&buf)
	if _, err := w.Write(page); err != nil {
		return nil, fmt.Errorf("compress page: %w", err)
	}
	if err := w.Close(); err != nil {
		return nil, fmt.Errorf("compress page: %w", err)
	}
	return buf.Bytes(), nil
}
