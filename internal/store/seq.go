package store

import (
	"bytes"
	"encoding/binary"
	"fmt"

	"go.etcd.io/bbolt"
)

// seqKey is the key of sequence n in the seq bucket: big-endian, so that
// the keys sort as the numbers do and a cursor walks them in write order.
func seqKey(n uint64) []byte {
	return binary.BigEndian.AppendUint64(nil, n)
}

// historyKey orders the previous versions of one article by the sequence of
// the write that replaced them.
func historyKey(id []byte, seq uint64) []byte {
	k := make([]byte, 0, len(id)+9)
	k = append(k, id...)
	k = append(k, 0)
	return binary.BigEndian.AppendUint64(k, seq)
}

// stamp gives rec the next sequence number, moving its entry in the seq
// bucket from the one it had (old, 0 for none). Only writes that change
// what a reader sees are stamped: the index catches up on those alone.
func stamp(tx *bbolt.Tx, rec *Record, old uint64) error {
	b := tx.Bucket(bucketSeq)
	n, err := b.NextSequence()
	if err != nil {
		return fmt.Errorf("next sequence: %w", err)
	}
	if old != 0 {
		if err := b.Delete(seqKey(old)); err != nil {
			return err
		}
	}
	rec.Seq = n
	return b.Put(seqKey(n), []byte(rec.Article.ID))
}

// numberArticles gives a sequence number to every article of a store
// written before sequences existed, once, when it is first opened.
func (s *Store) numberArticles(tx *bbolt.Tx) error {
	if tx.Bucket(bucketSeq).Sequence() != 0 {
		return nil
	}
	arts := tx.Bucket(bucketArticles)
	var ids [][]byte
	if err := arts.ForEach(func(k, _ []byte) error {
		ids = append(ids, bytes.Clone(k))
		return nil
	}); err != nil {
		return err
	}
	for _, id := range ids {
		rec, err := decodeRecord(id, arts.Get(id))
		if err != nil {
			return err
		}
		if err := stamp(tx, &rec, 0); err != nil {
			return err
		}
		if err := s.putRecord(tx, rec); err != nil {
			return err
		}
		if err := putCheck(tx, rec); err != nil {
			return err
		}
	}
	return nil
}

// Seq returns the sequence number of the last article write (0 for none).
func (s *Store) Seq() (uint64, error) {
	var n uint64
	err := s.db.View(func(tx *bbolt.Tx) error {
		n = tx.Bucket(bucketSeq).Sequence()
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("sequence: %w", err)
	}
	return n, nil
}

// Since calls fn, in sequence order, with every article whose last write
// has a sequence number above after: what a reader that saw everything up
// to after has not seen. Records are read iterChunk at a time, each chunk in
// a short read transaction, and fn runs outside them. Writes made meanwhile
// may or may not be seen; their sequence numbers are above the last one fn
// got, so a caller that remembers that number misses nothing next time.
func (s *Store) Since(after uint64, fn func(Record) error) error {
	return s.forEachChunk("articles since sequence", seqKey(after), func(tx *bbolt.Tx, from []byte) ([]Record, []byte, error) {
		var recs []Record
		c := tx.Bucket(bucketSeq).Cursor()
		arts := tx.Bucket(bucketArticles)
		k, v := seekAfter(c, from)
		for ; k != nil && len(recs) < iterChunk; k, v = c.Next() {
			data := arts.Get(v)
			if data == nil {
				return nil, nil, fmt.Errorf("sequence %d names missing article %s", binary.BigEndian.Uint64(k), v)
			}
			rec, err := decodeRecord(v, data)
			if err != nil {
				return nil, nil, err
			}
			recs = append(recs, rec)
			from = bytes.Clone(k)
		}
		return recs, from, nil
	}, fn)
}

// History returns the previous versions of article id that updates
// replaced, oldest first: the audit trail of a corrected article.
func (s *Store) History(id string) ([]Record, error) {
	var out []Record
	prefix := append([]byte(id), 0)
	err := s.db.View(func(tx *bbolt.Tx) error {
		c := tx.Bucket(bucketHistory).Cursor()
		for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
			rec, err := decodeRecord([]byte(id), v)
			if err != nil {
				return err
			}
			out = append(out, rec)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("history of %s: %w", id, err)
	}
	return out, nil
}
