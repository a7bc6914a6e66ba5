package digest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"
)

// Run builds and sends the digest of every subscription at now and returns
// how many messages the SMTP server accepted (with dryRun: how many were
// written to w). A failing subscription does not stop the others; their
// errors are joined. With dryRun each whole message (headers and both
// parts) is written to w and no watermark moves.
func (d *Digest) Run(ctx context.Context, now time.Time, dryRun bool, w io.Writer) (sent int, err error) {
	var errs []error
	for i := range d.subs {
		ok, err := d.RunSubscription(ctx, i, now, dryRun, w)
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
	m, ok, err := d.Build(ctx, sub, now)
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
		if _, err := fmt.Fprintf(w, "%s\r\n", m.Raw); err != nil {
			return false, fmt.Errorf("digest %d: dry run: %w", sub, err)
		}
		return true, nil
	}
	if err := d.send(ctx, m.msg); err != nil {
		d.failed.Add(1)
		d.log.Error("digest not sent; the next run retries", "subscription", sub, "articles", m.Articles, "err", err)
		return false, fmt.Errorf("digest %d to %v: %w", sub, m.To, err)
	}
	d.sent.Add(1)
	until, err := m.Until.MarshalText()
	if err == nil {
		err = d.wm.PutMeta(d.subs[sub].key, until)
	}
	if err != nil {
		// Sent but not recorded: the next run will repeat these articles.
		return true, fmt.Errorf("digest %d: sent, but saving the watermark failed (the next digest repeats it): %w", sub, err)
	}
	return true, nil
}
