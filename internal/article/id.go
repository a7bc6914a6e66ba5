package article

import (
	"crypto/sha256"
	"encoding/hex"
)

// IDFor returns the stable article ID for a canonical URL: the first 16 hex
// digits of its SHA-256. The same canonical URL always yields the same ID, so
// an article linked twice, or crawled again, is stored once.
func IDFor(canonicalURL string) string {
	sum := sha256.Sum256([]byte(canonicalURL))
	return hex.EncodeToString(sum[:8])
}
