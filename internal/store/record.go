package store

import (
	"bytes"
	"compress/flate"
	"encoding/json"
	"fmt"
	"io"
	"time"

	"github.com/vksnews/vksnews/internal/article"
)

// Record is everything stored for one article.
type Record struct {
	Raw       article.Raw
	Article   article.Article
	FirstSeen time.Time // when a crawl first stored it
	LastSeen  time.Time // when a crawl last found it
	// Hash is article.ContentHash(Article): it tells an updated article from an
	// unchanged one.
	Hash string
	// Seq is the store sequence number of the last write that changed the
	// article (New or Updated): the index catches up by it.
	Seq uint64
}

// recordJSON is the versioned encoding of a Record in the articles bucket.
type recordJSON struct {
	V         int             `json:"v"`
	Raw       article.Raw     `json:"raw"`
	Article   article.Article `json:"article"`
	FirstSeen time.Time       `json:"first_seen"`
	LastSeen  time.Time       `json:"last_seen"`
	Hash      string          `json:"hash"`
	Seq       uint64          `json:"seq,omitempty"`
}

// deflated marks a record stored as deflated JSON. Records written before
// compression are plain JSON and start with '{'.
const deflated = 0x01

// encodeRecord is the JSON of r, deflated: a record holds the page's body
// three times (Raw HTML, Raw text, the article's body), and compressing it
// makes the file, its writes and its pages in memory about four times
// smaller.
func (s *Store) encodeRecord(r Record) ([]byte, error) {
	b, err := json.Marshal(recordJSON{
		V: SchemaVersion, Raw: r.Raw, Article: r.Article,
		FirstSeen: r.FirstSeen, LastSeen: r.LastSeen, Hash: r.Hash, Seq: r.Seq,
	})
	if err != nil {
		return nil, fmt.Errorf("encode record %s: %w", r.Article.ID, err)
	}
	var buf bytes.Buffer
	buf.Grow(len(b)/3 + 16)
	buf.WriteByte(deflated)
	w := s.flates.Get().(*flate.Writer)
	defer s.flates.Put(w)
	w.Reset(&buf)
	if _, err := w.Write(b); err != nil {
		return nil, fmt.Errorf("encode record %s: %w", r.Article.ID, err)
	}
	if err := w.Close(); err != nil {
		return nil, fmt.Errorf("encode record %s: %w", r.Article.ID, err)
	}
	return buf.Bytes(), nil
}

func decodeRecord(id, data []byte) (Record, error) {
	if len(data) > 0 && data[0] == deflated {
		plain, err := io.ReadAll(flate.NewReader(bytes.NewReader(data[1:])))
		if err != nil {
			return Record{}, fmt.Errorf("decode record %s: %w", id, err)
		}
		data = plain
	}
	var j recordJSON
	if err := json.Unmarshal(data, &j); err != nil {
		return Record{}, fmt.Errorf("decode record %s: %w", id, err)
	}
	if j.V != SchemaVersion {
		return Record{}, fmt.Errorf("decode record %s: schema version %d, want %d", id, j.V, SchemaVersion)
	}
	return Record{Raw: j.Raw, Article: j.Article, FirstSeen: j.FirstSeen, LastSeen: j.LastSeen, Hash: j.Hash, Seq: j.Seq}, nil
}

// Outcome says what Put did with an article.
type Outcome int

// Outcomes of Put.
const (
	New       Outcome = iota // not stored before
	Updated                  // stored before with other content; replaced
	Unchanged                // stored before with the same content
	Kept                     // the new data was worse (lost its title, body or date): kept the stored one
)

// String returns the outcome's lower-case name.
func (o Outcome) String() string {
	switch o {
	case New:
		return "new"
	case Updated:
		return "updated"
	case Unchanged:
		return "unchanged"
	case Kept:
		return "kept"
	}
	return fmt.Sprintf("Outcome(%d)", int(o))
}

// worse reports whether replacing old by a would lose data the extraction
// once found: a failed extraction must not erase a good one.
func worse(a, old article.Article) bool {
	return (a.Title == "" && old.Title != "") ||
		(a.Body == "" && old.Body != "") ||
		(a.Published == nil && old.Published != nil)
}
