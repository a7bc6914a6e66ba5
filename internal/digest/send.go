package digest

import (
	"context"
	"errors"
	"fmt"

	gomail "github.com/wneessen/go-mail"

	"github.com/vksnews/vksnews/internal/backoff"
)

// send delivers msg, trying up to d.attempts times with a doubling backoff.
// A permanent refusal (5xx) is not retried within the run.
func (d *Digest) send(ctx context.Context, msg *gomail.Msg) error {
	var err error
	for attempt := 1; ; attempt++ {
		if err = d.sendOnce(ctx, msg); err == nil {
			return nil
		}
		if attempt >= d.attempts || permanent(err) || ctx.Err() != nil {
			return fmt.Errorf("send (attempt %d of %d): %w", attempt, d.attempts, err)
		}
		wait := backoff.Delay(d.backoff, attempt-1)
		d.log.Warn("digest send failed; retrying", "attempt", attempt, "wait", wait, "err", err)
		if cerr := backoff.Sleep(ctx, wait); cerr != nil {
			return fmt.Errorf("send (attempt %d of %d): %w (then %w)", attempt, d.attempts, err, cerr)
		}
	}
}

// sendOnce opens one SMTP connection, sends msg and closes it.
func (d *Digest) sendOnce(ctx context.Context, msg *gomail.Msg) error {
	s := d.cfg.SMTP
	opts := []gomail.Option{gomail.WithPort(s.Port), gomail.WithTimeout(d.timeout)}
	switch s.TLS {
	case "starttls":
		opts = append(opts, gomail.WithTLSPolicy(gomail.TLSMandatory))
	case "tls":
		opts = append(opts, gomail.WithSSL())
	case "none":
		opts = append(opts, gomail.WithTLSPolicy(gomail.NoTLS))
	}
	if d.tlsConfig != nil {
		opts = append(opts, gomail.WithTLSConfig(d.tlsConfig))
	}
	if s.Username != "" {
		// With TLS, auto-discovery picks the strongest mechanism the server
		// offers. Without TLS (a local relay) it would offer only
		// challenge-response mechanisms that relays rarely have, so use
		// PLAIN, which go-mail sends in clear only to localhost.
		mech := gomail.SMTPAuthAutoDiscover
		if s.TLS == "none" {
			mech = gomail.SMTPAuthPlain
		}
		opts = append(opts, gomail.WithSMTPAuth(mech),
			gomail.WithUsername(s.Username), gomail.WithPassword(d.password))
	}
	c, err := gomail.NewClient(s.Host, opts...)
	if err != nil {
		return fmt.Errorf("smtp client for %s:%d: %w", s.Host, s.Port, err)
	}
	if err := c.DialAndSendWithContext(ctx, msg); err != nil {
		return fmt.Errorf("smtp %s:%d: %w", s.Host, s.Port, err)
	}
	return nil
}

// permanent reports whether the server refused for good (a 5xx reply).
func permanent(err error) bool {
	var se *gomail.SendError
	return errors.As(err, &se) && se.ErrorCode() >= 500
}
