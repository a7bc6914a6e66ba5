package article

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"time"
)

// ContentHash hashes the meaningful fields of a (everything a reader sees:
// title, dates, units, officials, event types, sections, body, …). FetchedAt
// is left out: refetching an unchanged page must not count as an update.
func ContentHash(a Article) (string, error) {
	a.FetchedAt = time.Time{}
	// Marshalling a struct is deterministic (fields in declaration order),
	// and the Article has no maps.
	b, err := json.Marshal(a)
	if err != nil {
		return "", fmt.Errorf("hash article %s: %w", a.ID, err)
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:16]), nil
}
