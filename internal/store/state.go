package store

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"go.etcd.io/bbolt"
)

// Validators are the HTTP cache validators of one list page, sent back as
// If-None-Match / If-Modified-Since on the next crawl.
type Validators struct {
	ETag         string `json:"etag,omitempty"`
	LastModified string `json:"last_modified,omitempty"`
}

// PortalState is the crawl state and health of one portal.
type PortalState struct {
	Portal      string    `json:"portal"`
	LastRun     time.Time `json:"last_run"` // start of the last crawl
	LastSuccess time.Time `json:"last_success"`
	Status      string    `json:"status"` // "ok", "partial", "failed", "running"
	LastError   string    `json:"last_error,omitempty"`
	// Counts of the last run.
	Fetched   int `json:"fetched"`
	New       int `json:"new"`
	Updated   int `json:"updated"`
	Unchanged int `json:"unchanged"`
	Failed    int `json:"failed"`
	Refused   int `json:"refused,omitempty"` // among Failed: pages refused as not an article
	// Articles is the total stored for the portal. The store keeps it
	// itself: the value given to PutPortalState is ignored.
	Articles int                   `json:"articles"`
	Lists    map[string]Validators `json:"lists,omitempty"` // per list-page URL
	// Complete is true when the last crawl walked every list page it had to
	// (not killed, cancelled or cut by a page limit); only then may the next
	// crawl stop paging at the first page of known articles.
	Complete bool `json:"complete,omitempty"`
	// Retry holds article URLs whose fetch failed for a passing reason
	// (5xx, timeout), to try again on the next crawl.
	Retry []string `json:"retry,omitempty"`
	// Backoff holds the URLs not to fetch again before a time: pages that
	// answered 404/410 or were not articles, and pages that answered
	// 429/503 asking to wait longer than a crawl should.
	Backoff map[string]Backoff `json:"backoff,omitempty"`
}

// Backoff is why and until when one URL is not fetched.
type Backoff struct {
	Reason string    `json:"reason"` // "gone", "not_article", "throttled"
	Tries  int       `json:"tries"`  // failures in a row
	Next   time.Time `json:"next"`   // not fetched before; zero: never again
}

// PortalState returns the state of portal name. A portal that has articles
// but no saved state yet is reported with just its total.
func (s *Store) PortalState(name string) (PortalState, bool, error) {
	var (
		st PortalState
		ok bool
	)
	err := s.db.View(func(tx *bbolt.Tx) error {
		var err error
		st, ok, err = readState(tx, []byte(name))
		return err
	})
	if err != nil {
		return PortalState{}, false, fmt.Errorf("portal state %s: %w", name, err)
	}
	return st, ok, nil
}

// PutPortalState saves st under st.Portal, replacing the previous state.
func (s *Store) PutPortalState(st PortalState) error {
	if err := checkPortal(st.Portal); err != nil {
		return fmt.Errorf("put portal state: %w", err)
	}
	st.Articles = 0 // derived from the portal totals on read
	data, err := json.Marshal(st)
	if err != nil {
		return fmt.Errorf("put portal state %s: %w", st.Portal, err)
	}
	err = s.db.Update(func(tx *bbolt.Tx) error {
		return tx.Bucket(bucketStates).Put([]byte(st.Portal), data)
	})
	if err != nil {
		return fmt.Errorf("put portal state %s: %w", st.Portal, err)
	}
	return nil
}

// PortalStates returns the state of every portal that has a saved state or
// stored articles, sorted by name.
func (s *Store) PortalStates() ([]PortalState, error) {
	var out []PortalState
	err := s.db.View(func(tx *bbolt.Tx) error {
		// Merge the two sorted key sets: states and portal totals.
		states, counts := tx.Bucket(bucketStates).Cursor(), tx.Bucket(bucketPortalCounts).Cursor()
		ks, _ := states.First()
		kc, _ := counts.First()
		for ks != nil || kc != nil {
			var name []byte
			switch {
			case kc == nil || (ks != nil && bytes.Compare(ks, kc) < 0):
				name, ks = ks, nextKey(states)
			case ks == nil || bytes.Compare(kc, ks) < 0:
				name, kc = kc, nextKey(counts)
			default:
				name, ks, kc = ks, nextKey(states), nextKey(counts)
			}
			st, _, err := readState(tx, name)
			if err != nil {
				return err
			}
			out = append(out, st)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("portal states: %w", err)
	}
	return out, nil
}

func nextKey(c *bbolt.Cursor) []byte {
	k, _ := c.Next()
	return k
}

func readState(tx *bbolt.Tx, name []byte) (PortalState, bool, error) {
	st := PortalState{Portal: string(name)}
	data := tx.Bucket(bucketStates).Get(name)
	count := tx.Bucket(bucketPortalCounts).Get(name)
	if data != nil {
		if err := json.Unmarshal(data, &st); err != nil {
			return PortalState{}, false, fmt.Errorf("decode state of %s: %w", name, err)
		}
	}
	st.Articles = readCount(count)
	return st, data != nil || count != nil, nil
}

// GetMeta returns the value of key in the generic key/value state that other
// subsystems keep here (digest watermarks and the like).
func (s *Store) GetMeta(key string) ([]byte, bool, error) {
	var v []byte
	err := s.db.View(func(tx *bbolt.Tx) error {
		v = bytes.Clone(tx.Bucket(bucketMeta).Get([]byte(key)))
		return nil
	})
	if err != nil {
		return nil, false, fmt.Errorf("get meta %s: %w", key, err)
	}
	return v, v != nil, nil
}

// PutMeta sets key to value in the generic key/value state.
func (s *Store) PutMeta(key string, value []byte) error {
	if key == "" {
		return errors.New("put meta: empty key")
	}
	if value == nil {
		value = []byte{} // bbolt reads a nil value back as absent
	}
	err := s.db.Update(func(tx *bbolt.Tx) error {
		return tx.Bucket(bucketMeta).Put([]byte(key), value)
	})
	if err != nil {
		return fmt.Errorf("put meta %s: %w", key, err)
	}
	return nil
}
