package digest

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/vksnews/vksnews/config"
	"github.com/vksnews/vksnews/internal/filter"
)

// New returns a Digest for cfg.Digest. It validates what sending needs and
// reports every problem at once, each a *config.FieldError naming the field:
// addresses, the TLS mode, the host and port, the password variable when a
// username is set, the filters and the base URL.
func New(cfg config.Config, src Source, wm Watermarks, opts ...Option) (*Digest, error) {
	o := options{
		getenv:   func(string) (string, bool) { return "", false },
		log:      slog.New(slog.DiscardHandler),
		timeout:  30 * time.Second,
		attempts: 3,
		backoff:  5 * time.Second,
	}
	for _, opt := range opts {
		opt(&o)
	}
	if o.baseURL == "" {
		o.baseURL = "http://" + cfg.HTTP.Addr
	}
	if src == nil || wm == nil {
		return nil, errors.New("digest: nil source or watermarks")
	}
	var errs []error
	bad := func(field, format string, args ...any) {
		errs = append(errs, &config.FieldError{Field: field, Msg: fmt.Sprintf(format, args...)})
	}
	loc, err := cfg.Location()
	if err != nil {
		bad("timezone", "%v", err)
	}
	dc := cfg.Digest
	if dc.Since <= 0 && o.since <= 0 {
		bad("digest.since", "must be positive")
	}
	s := dc.SMTP
	for _, fe := range s.Problems(true, "to send a digest") {
		errs = append(errs, fe)
	}
	var password string
	if s.Username != "" && s.PasswordEnv != "" {
		if p, ok := o.getenv(s.PasswordEnv); !ok || p == "" {
			bad("digest.smtp.password_env", "%s is not set", s.PasswordEnv)
		} else {
			password = p
		}
	}
	if u, err := url.Parse(o.baseURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		bad("base URL", "not an absolute http(s) URL: %q", o.baseURL)
	}
	if o.attempts < 1 {
		bad("retry attempts", "must be at least 1, got %d", o.attempts)
	}
	subs := make([]subscription, len(dc.Subscriptions))
	for i, sc := range dc.Subscriptions {
		at := fmt.Sprintf("digest.subscriptions[%d]", i)
		problems := sc.Problems(at)
		for _, fe := range problems {
			errs = append(errs, fe)
		}
		vals := url.Values{}
		for k, v := range sc.Filters {
			vals.Set(k, v)
		}
		f, err := filter.Parse(vals, true)
		if err != nil && len(problems) == 0 {
			bad(at+".filters", "%v", err)
		}
		subs[i] = subscription{Subscription: sc, filters: f, key: watermarkKey(i, sc), index: i}
	}
	if len(errs) > 0 {
		return nil, fmt.Errorf("digest config: %w", errors.Join(errs...))
	}
	return &Digest{
		cfg: dc, loc: loc, src: src, wm: wm, subs: subs,
		baseURL: strings.TrimRight(o.baseURL, "/"), password: password, log: o.log,
		timeout: o.timeout, attempts: o.attempts, backoff: o.backoff,
		tlsConfig: o.tlsConfig, since: o.since, saved: o.saved, readableDryRun: o.readable,
	}, nil
}

// watermarkKey names the watermark of subscription i. It hashes what the
// subscription selects, so that an edited subscription starts afresh
// (from digest.since) instead of inheriting a watermark meant for another
// search.
func watermarkKey(i int, sc config.Subscription) string {
	return fmt.Sprintf("digest/%d/%s", i, selectionHash(sc.To, sc.Query, sc.Filters, ""))
}

// selectionHash is a short hash of what a subscription selects and where it
// goes (recipients in any order; encoding/json sorts the map's keys, so the
// encoding is canonical). delivery is left out of config subscriptions'
// hashes, which keeps their existing watermarks.
func selectionHash(to []string, query string, filters map[string]string, delivery string) string {
	to = slices.Clone(to)
	slices.Sort(to)
	b, _ := json.Marshal(struct {
		To       []string          `json:"to"`
		Query    string            `json:"query"`
		Filters  map[string]string `json:"filters"`
		Delivery string            `json:"delivery,omitempty"`
	}{to, query, filters, delivery})
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:8])
}

// environLookup looks variables up in an os.Environ()-form slice; the last
// setting of a name wins, as in a shell.
func environLookup(environ []string) func(string) (string, bool) {
	return func(name string) (string, bool) {
		val, found := "", false
		for _, kv := range environ {
			if k, v, ok := strings.Cut(kv, "="); ok && k == name {
				val, found = v, true
			}
		}
		return val, found
	}
}
