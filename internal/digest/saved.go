package digest

import (
	"context"
	"fmt"
	"net/url"
	"strings"

	"github.com/vksnews/vksnews/config"
	"github.com/vksnews/vksnews/internal/filter"
	"github.com/vksnews/vksnews/internal/store"
)

// savedSubscriptions returns the saved searches delivered by alert (alerts)
// or by digest as subscriptions. A saved search that no longer validates
// (a filter a newer build dropped) is logged and skipped, not fatal to the
// others.
func (d *Digest) savedSubscriptions(ctx context.Context, alerts bool) ([]subscription, error) {
	if d.saved == nil {
		return nil, nil
	}
	all, err := d.saved(ctx)
	if err != nil {
		return nil, fmt.Errorf("digest: saved searches: %w", err)
	}
	want := store.DeliveryDigest
	if alerts {
		want = store.DeliveryAlert
	}
	var out []subscription
	for _, ss := range all {
		if ss.Delivery != want || len(ss.Recipients) == 0 {
			continue
		}
		vals := url.Values{}
		for k, v := range ss.Filters {
			vals.Set(k, v)
		}
		f, err := filter.Parse(vals, true)
		if err != nil {
			d.log.Warn("saved search skipped: bad filters", "id", ss.ID, "name", ss.Name, "err", err)
			continue
		}
		s := subscription{
			Subscription: config.Subscription{To: ss.Recipients, Query: ss.Query, Filters: ss.Filters},
			filters:      f,
			key:          savedWatermarkKey(ss),
			index:        -1,
			savedID:      ss.ID,
			name:         ss.Name,
		}
		if alerts {
			s.notBefore = ss.Created
		}
		out = append(out, s)
	}
	return out, nil
}

// savedWatermarkKey names the watermark of a saved search. Like
// watermarkKey it hashes what the search selects and where it goes, so that
// an edited search starts afresh; the delivery is part of it, so that
// turning a digest into an alert does not inherit the digest's day.
func savedWatermarkKey(ss store.SavedSearch) string {
	return fmt.Sprintf("digest/saved/%s/%s", ss.ID, selectionHash(ss.Recipients, ss.Query, ss.Filters, ss.Delivery))
}

// Readable is the message as a person reads it: the headers that matter,
// decoded, then the plain-text part. The HTML part holds the same content;
// Raw is the MIME message as sent.
func (m Message) Readable() string {
	var b strings.Builder
	fmt.Fprintf(&b, "To: %s\n", strings.Join(m.To, ", "))
	fmt.Fprintf(&b, "Subject: %s\n", m.Subject)
	fmt.Fprintf(&b, "Window: %s – %s\n", m.After.Format("2006-01-02 15:04:05 -0700"), m.Until.Format("2006-01-02 15:04:05 -0700"))
	fmt.Fprintf(&b, "Articles: %d, failed portals: %d\n\n", m.Articles, m.Failures)
	b.WriteString(strings.TrimRight(m.Text, "\n"))
	fmt.Fprintf(&b, "\n\n(an HTML part of %d bytes goes with it; --raw prints the MIME message)\n", len(m.HTML))
	b.WriteString(strings.Repeat("─", 72) + "\n")
	return b.String()
}
