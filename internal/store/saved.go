package store

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"time"

	"go.etcd.io/bbolt"
)

// bucketSaved holds the analysts' saved searches: decimal id → JSON
// SavedSearch. It is created by the first write, so stores made before it
// existed open unchanged.
var bucketSaved = []byte("saved_searches")

// Delivery modes of a saved search (DESIGN.md).
const (
	DeliveryDigest = "digest" // in the daily digest email
	DeliveryAlert  = "alert"  // an email as soon as a crawl finds a match
	DeliveryFeed   = "feed"   // an Atom feed, no email
)

// Deliveries lists the delivery modes.
var Deliveries = []string{DeliveryDigest, DeliveryAlert, DeliveryFeed}

// SavedSearch is a search an analyst saved under a name, with how its new
// matches reach them. The store keeps it as given; the API validates it.
type SavedSearch struct {
	ID         string            `json:"id"`
	Name       string            `json:"name"`
	Query      string            `json:"query"`
	Filters    map[string]string `json:"filters"`
	Delivery   string            `json:"delivery"`
	Recipients []string          `json:"recipients"`
	Created    time.Time         `json:"created"`
	Updated    time.Time         `json:"updated"`
}

// SavedSearches returns every saved search, oldest first.
func (s *Store) SavedSearches() ([]SavedSearch, error) {
	var out []SavedSearch
	err := s.db.View(func(tx *bbolt.Tx) error {
		b := tx.Bucket(bucketSaved)
		if b == nil {
			return nil
		}
		return b.ForEach(func(k, v []byte) error {
			var ss SavedSearch
			if err := json.Unmarshal(v, &ss); err != nil {
				return fmt.Errorf("saved search %s: %w", k, err)
			}
			out = append(out, ss)
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("saved searches: %w", err)
	}
	// Keys are decimal: "10" sorts before "9" in the bucket.
	slices.SortStableFunc(out, func(a, b SavedSearch) int {
		ai, _ := strconv.ParseUint(a.ID, 10, 64)
		bi, _ := strconv.ParseUint(b.ID, 10, 64)
		return compareUint(ai, bi)
	})
	return out, nil
}

func compareUint(a, b uint64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// SavedSearch returns the saved search id.
func (s *Store) SavedSearch(id string) (SavedSearch, bool, error) {
	var (
		ss SavedSearch
		ok bool
	)
	err := s.db.View(func(tx *bbolt.Tx) error {
		b := tx.Bucket(bucketSaved)
		if b == nil {
			return nil
		}
		v := b.Get([]byte(id))
		if v == nil {
			return nil
		}
		ok = true
		return json.Unmarshal(v, &ss)
	})
	if err != nil {
		return SavedSearch{}, false, fmt.Errorf("saved search %s: %w", id, err)
	}
	return ss, ok, nil
}

// PutSavedSearch stores ss at now and returns it as stored. An empty ID
// creates a new search with the next ID; a known ID replaces that search
// (keeping its creation time); an unknown one wraps ErrNotFound.
func (s *Store) PutSavedSearch(ss SavedSearch, now time.Time) (SavedSearch, error) {
	err := s.db.Update(func(tx *bbolt.Tx) error {
		b, err := tx.CreateBucketIfNotExists(bucketSaved)
		if err != nil {
			return err
		}
		if ss.ID == "" {
			n, err := b.NextSequence()
			if err != nil {
				return err
			}
			ss.ID, ss.Created = strconv.FormatUint(n, 10), now
		} else {
			old := b.Get([]byte(ss.ID))
			if old == nil {
				return fmt.Errorf("%w: no saved search %q", ErrNotFound, ss.ID)
			}
			var prev SavedSearch
			if err := json.Unmarshal(old, &prev); err != nil {
				return err
			}
			ss.Created = prev.Created
		}
		ss.Updated = now
		v, err := json.Marshal(ss)
		if err != nil {
			return err
		}
		return b.Put([]byte(ss.ID), v)
	})
	if err != nil {
		return SavedSearch{}, fmt.Errorf("save search %q: %w", ss.Name, err)
	}
	return ss, nil
}

// DeleteSavedSearch removes saved search id and reports whether it existed.
func (s *Store) DeleteSavedSearch(id string) (bool, error) {
	found := false
	err := s.db.Update(func(tx *bbolt.Tx) error {
		b := tx.Bucket(bucketSaved)
		if b == nil || b.Get([]byte(id)) == nil {
			return nil
		}
		found = true
		return b.Delete([]byte(id))
	})
	if err != nil {
		return false, fmt.Errorf("delete saved search %s: %w", id, err)
	}
	return found, nil
}
