package store

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"time"

	"go.etcd.io/bbolt"
)

// The checks bucket is what the revisit policy reads: for each article of a
// portal, when it was first stored and last fetched or confirmed unchanged,
// and its URL, in a few dozen bytes, so that choosing the articles due for a
// check reads no article record.

func checkValue(first, checked time.Time, url string) []byte {
	v := make([]byte, 0, 16+len(url))
	v = binary.BigEndian.AppendUint64(v, uint64(first.Unix()))
	v = binary.BigEndian.AppendUint64(v, uint64(checked.Unix()))
	return append(v, url...)
}

func putCheck(tx *bbolt.Tx, rec Record) error {
	p := portalOf(rec)
	return tx.Bucket(bucketChecks).Put(portalKey(p, []byte(rec.Article.ID)),
		checkValue(rec.FirstSeen, rec.LastSeen, rec.Article.URL))
}

// Due returns the URLs of the articles of portal for which due, given when
// each was first stored and last checked, says a check is due.
func (s *Store) Due(portal string, due func(first, checked time.Time) bool) ([]string, error) {
	var out []string
	prefix := portalKey(portal, nil)
	err := s.db.View(func(tx *bbolt.Tx) error {
		c := tx.Bucket(bucketChecks).Cursor()
		for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
			if len(v) <= 16 {
				continue
			}
			first := time.Unix(int64(binary.BigEndian.Uint64(v)), 0)
			checked := time.Unix(int64(binary.BigEndian.Uint64(v[8:])), 0)
			if due(first, checked) {
				out = append(out, string(v[16:]))
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("articles due of %s: %w", portal, err)
	}
	return out, nil
}

// Checked records that the articles of portal at urls were checked at now
// (a conditional GET answered 304); unknown URLs are ignored.
func (s *Store) Checked(portal string, urls []string, now time.Time) error {
	if len(urls) == 0 {
		return nil
	}
	err := s.db.Update(func(tx *bbolt.Tx) error {
		b := tx.Bucket(bucketChecks)
		for _, u := range urls {
			id := tx.Bucket(bucketURLs).Get([]byte(urlKey(u)))
			if id == nil {
				continue
			}
			k := portalKey(portal, id)
			v := b.Get(k)
			if len(v) < 16 {
				continue
			}
			nv := bytes.Clone(v)
			binary.BigEndian.PutUint64(nv[8:], uint64(now.Unix()))
			if err := b.Put(k, nv); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("checked %d articles of %s: %w", len(urls), portal, err)
	}
	return nil
}
