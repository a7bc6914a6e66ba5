package digest

import (
	"bytes"
	"context"
	"fmt"
	"time"

	gomail "github.com/wneessen/go-mail"
)

// Message is one built digest.
type Message struct {
	Subscription int      // index in digest.subscriptions; -1 for a saved search
	Saved        string   // the saved search's ID, "" for a config subscription
	To           []string // as in the config
	Subject      string
	Text, HTML   string // the two parts, before transfer encoding
	Articles     int    // articles listed
	Failures     int    // failed portals listed
	// After and Until bound the window of first-seen times, (After, Until];
	// Until becomes the watermark once the message is accepted.
	After, Until time.Time
	Raw          []byte // the whole RFC 5322 message as it is sent

	msg *gomail.Msg
}

// Build builds the digest of subscription sub (0-based) at now. It returns
// false when there is nothing to send: no new article and no send_empty.
// Build moves no watermark.
func (d *Digest) Build(ctx context.Context, sub int, now time.Time) (Message, bool, error) {
	if sub < 0 || sub >= len(d.subs) {
		return Message{}, false, fmt.Errorf("digest: no subscription %d (have %d)", sub, len(d.subs))
	}
	return d.build(ctx, d.subs[sub], now)
}

// build builds the digest of s at now; see Build.
func (d *Digest) build(ctx context.Context, s subscription, now time.Time) (Message, bool, error) {
	sub := s.label()
	after, err := d.windowStart(s, now)
	if err != nil {
		return Message{}, false, err
	}
	m := Message{Subscription: s.index, Saved: s.savedID, To: s.To, After: after, Until: now}
	arts, err := d.src.Articles(ctx, after, now, s.Query, s.filters)
	if err != nil {
		return m, false, fmt.Errorf("digest %s: articles: %w", sub, err)
	}
	m.Articles = len(arts)
	if len(arts) == 0 && !s.SendEmpty {
		return m, false, nil
	}
	fails, err := d.src.FailedPortals(ctx, after)
	if err != nil {
		return m, false, fmt.Errorf("digest %s: failed portals: %w", sub, err)
	}
	m.Failures = len(fails)
	m.Subject = subject(now, d.loc, len(arts))
	if s.name != "" {
		// A saved search's message says which search it answers.
		m.Subject = s.name + " — " + m.Subject
	}
	if m.Text, m.HTML, err = render(d.buildView(m.Subject, after, now, arts, fails)); err != nil {
		return m, false, fmt.Errorf("digest %s: %w", sub, err)
	}
	if m.msg, err = d.compose(m, now); err != nil {
		return m, false, fmt.Errorf("digest %s: %w", sub, err)
	}
	var raw bytes.Buffer
	if _, err := m.msg.WriteTo(&raw); err != nil {
		return m, false, fmt.Errorf("digest %s: write message: %w", sub, err)
	}
	m.Raw = raw.Bytes()
	return m, true, nil
}

// windowStart is where the window of subscription s opens: the forced
// --since, else its watermark, else digest.since before now.
func (d *Digest) windowStart(s subscription, now time.Time) (time.Time, error) {
	if d.since > 0 {
		return now.Add(-d.since), nil
	}
	b, ok, err := d.wm.GetMeta(s.key)
	if err != nil {
		return time.Time{}, fmt.Errorf("digest: read watermark %s: %w", s.key, err)
	}
	if !ok {
		start := now.Add(-d.cfg.Since)
		if s.notBefore.After(start) {
			start = s.notBefore
		}
		return start, nil
	}
	var t time.Time
	if err := t.UnmarshalText(b); err != nil {
		return time.Time{}, fmt.Errorf("digest: watermark %s: %w", s.key, err)
	}
	if t.After(now) {
		// A clock set back: nothing is newer than the watermark yet.
		return now, nil
	}
	return t, nil
}

// compose builds the MIME message. Addresses, subject and date go through
// go-mail, which validates addresses and RFC 2047-encodes the subject; no
// article text reaches a header.
func (d *Digest) compose(m Message, now time.Time) (*gomail.Msg, error) {
	msg := gomail.NewMsg(gomail.WithCharset(gomail.CharsetUTF8), gomail.WithEncoding(gomail.EncodingQP))
	if err := msg.From(d.cfg.SMTP.From); err != nil {
		return nil, fmt.Errorf("from %q: %w", d.cfg.SMTP.From, err)
	}
	if err := msg.To(m.To...); err != nil {
		return nil, fmt.Errorf("to %q: %w", m.To, err)
	}
	msg.Subject(m.Subject)
	msg.SetDateWithValue(now)
	msg.SetMessageID()
	msg.SetBodyString(gomail.TypeTextPlain, m.Text)
	msg.AddAlternativeString(gomail.TypeTextHTML, m.HTML)
	return msg, nil
}
