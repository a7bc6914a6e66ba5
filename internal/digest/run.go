package digest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"time"
)

// Run builds and sends the digest of every subscription at now and returns
// how many messages the SMTP server accepted (with dryRun: how many were
// written to w). A failing subscription does not stop the others; their
// errors are joined. With dryRun each whole message (headers and both
// parts) is written to w and no watermark moves.
//
// The saved searches delivered by digest run after the config's
// subscriptions, with watermarks of their own.
func (d *Digest) Run(ctx context.Context, now time.Time, dryRun bool, w io.Writer) (sent int, err error) {
	saved, err := d.savedSubscriptions(ctx, false)
	if err != nil {
		return 0, err
	}
	return d.runAll(ctx, append(slices.Clone(d.subs), saved...), now, dryRun, w)
}

// RunAlerts sends the alerts: for each saved search delivered by alert, the
// articles first seen since its last alert (or since it was saved) that
// match it. Call it after each crawl; a search with no new match sends
// nothing. It returns how many alerts were sent.
func (d *Digest) RunAlerts(ctx context.Context, now time.Time) (sent int, err error) {
	alerts, err := d.savedSubscriptions(ctx, true)
	if err != nil {
		return 0, err
	}
	return d.runAll(ctx, alerts, now, false, io.Discard)
}

// runAll runs each of subs; a failing one does not stop the others.
func (d *Digest) runAll(ctx context.Context, subs []subscription, now time.Time, dryRun bool, w io.Writer) (sent int, err error) {
	var errs []error
	for _, s := range subs {
		ok, err := d.runOne(ctx, s, now, dryRun, w)
		if err != nil {
			errs = append(errs, err)
		}
		if ok {
			sent++
		}
	}
	return sent, errors.Join(errs...)
}

// RunSubscription is Run for subscription sub alone (the command line's
// --subscription). It reports whether a message was sent (or, with dryRun,
// written). The watermark moves to the window's end only after the server
// accepted the message, so a failed send loses nothing: the next run covers
// the same articles and more.
func (d *Digest) RunSubscription(ctx context.Context, sub int, now time.Time, dryRun bool, w io.Writer) (bool, error) {
	if sub < 0 || sub >= len(d.subs) {
		return false, fmt.Errorf("digest: no subscription %d (have %d)", sub, len(d.subs))
	}
	return d.runOne(ctx, d.subs[sub], now, dryRun, w)
}

// runOne builds and sends (or, with dryRun, writes) the digest of s.
func (d *Digest) runOne(ctx context.Context, s subscription, now time.Time, dryRun bool, w io.Writer) (bool, error) {
	sub := s.label()
	m, ok, err := d.build(ctx, s, now)
	if err != nil {
		return false, err
	}
	if !ok {
		if !dryRun {
			d.empty.Add(1)
		}
		return false, nil
	}
	if dryRun {
		out := fmt.Sprintf("%s\r\n", m.Raw)
		if d.readableDryRun {
			out = m.Readable()
		}
		if _, err := io.WriteString(w, out); err != nil {
			return false, fmt.Errorf("digest %s: dry run: %w", sub, err)
		}
		return true, nil
	}
	if err := d.send(ctx, m.msg); err != nil {
		d.failed.Add(1)
		d.log.Error("digest not sent; the next run retries", "subscription", sub, "articles", m.Articles, "err", err)
		return false, fmt.Errorf("digest %s to %v: %w", sub, m.To, err)
	}
	d.sent.Add(1)
	until, err := m.Until.MarshalText()
	if err == nil {
		err = d.wm.PutMeta(s.key, until)
	}
	if err == nil {
		// What was sent, for the preview page's "last digest".
		err = d.saveLast(s, m)
	}
	if err != nil {
		// Sent but not recorded: the next run will repeat these articles.
		return true, fmt.Errorf("digest %s: sent, but saving the watermark failed (the next digest repeats it): %w", sub, err)
	}
	return true, nil
}
