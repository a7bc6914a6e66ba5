package digest

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"
)

// Sent is the last message a subscription's digest sent.
type Sent struct {
	Subject  string    `json:"subject"`
	Text     string    `json:"text"`
	HTML     string    `json:"html"`
	At       time.Time `json:"at"` // the end of its window, when it was sent
	Articles int       `json:"articles"`
}

// lastKey is where subscription s's last message is kept: beside its
// watermark, so that an edited subscription starts without one.
func lastKey(s subscription) string {
	return "digest/last/" + strings.TrimPrefix(s.key, "digest/")
}

// saveLast keeps m as the last message of s.
func (d *Digest) saveLast(s subscription, m Message) error {
	b, err := json.Marshal(Sent{Subject: m.Subject, Text: m.Text, HTML: m.HTML, At: m.Until, Articles: m.Articles})
	if err != nil {
		return err
	}
	return d.wm.PutMeta(lastKey(s), b)
}

// LastSent returns the last message subscription sub (0-based, in config
// order) sent, and false when it has sent none since it was last edited.
func (d *Digest) LastSent(sub int) (Sent, bool, error) {
	if sub < 0 || sub >= len(d.subs) {
		return Sent{}, false, fmt.Errorf("digest: no subscription %d (have %d)", sub, len(d.subs))
	}
	b, ok, err := d.wm.GetMeta(lastKey(d.subs[sub]))
	if err != nil || !ok {
		return Sent{}, false, err
	}
	var s Sent
	if err := json.Unmarshal(b, &s); err != nil {
		return Sent{}, false, fmt.Errorf("digest %d: last message: %w", sub, err)
	}
	return s, true, nil
}
