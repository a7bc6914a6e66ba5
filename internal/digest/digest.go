// Package digest builds and sends the digest email of vksnews: for each
// subscription of the config, the articles first seen since that
// subscription's last successful digest that match its query and filters,
// grouped by province (after the 2025 merger) and event type, in a plain-text
// and an HTML part, sent over SMTP with github.com/wneessen/go-mail.
//
// A subscription's watermark lives in the store and moves forward only after
// the SMTP server accepted its message: a failed send is retried, with
// everything since the last success, at the next run — never lost, never
// sent twice.
package digest

import (
	"context"
	"crypto/tls"
	"fmt"
	"log/slog"
	"sync/atomic"
	"time"

	"github.com/vksnews/vksnews/config"
	"github.com/vksnews/vksnews/internal/article"
	"github.com/vksnews/vksnews/internal/filter"
	"github.com/vksnews/vksnews/internal/store"
)

// Source is what the digest needs from the archive and the search index; the
// lead wires a real one (StoreSource covers subscriptions without a query).
type Source interface {
	// Articles returns the articles first seen in (after, until] that match
	// the query (the search language of DESIGN.md; "" matches all) and the
	// filters.
	Articles(ctx context.Context, after, until time.Time, query string, f filter.Filters) ([]article.Article, error)
	// FailedPortals returns the portals whose crawls failed since after
	// (name and last error).
	FailedPortals(ctx context.Context, after time.Time) ([]PortalFailure, error)
}

// PortalFailure is a portal whose last crawl failed.
type PortalFailure struct {
	Portal, Error string
	At            time.Time
}

// Watermarks is the small key/value state the watermarks live in;
// *store.Store satisfies it.
type Watermarks interface {
	GetMeta(key string) ([]byte, bool, error)
	PutMeta(key string, value []byte) error
}

// Stats are the digest's counters since it was created, for /metrics.
type Stats struct {
	Sent   int64 // messages the SMTP server accepted
	Failed int64 // messages that could not be sent after every retry
	Empty  int64 // subscriptions that had nothing new and no send_empty
}

// Digest builds and sends digests for the config's subscriptions. Its methods
// are safe for concurrent use, but two runs for one subscription at once may
// send the same articles twice: run it from one scheduler job.
type Digest struct {
	cfg      config.Digest
	loc      *time.Location
	src      Source
	wm       Watermarks
	subs     []subscription
	baseURL  string
	password string
	log      *slog.Logger

	timeout   time.Duration
	attempts  int
	backoff   time.Duration
	tlsConfig *tls.Config
	since     time.Duration // forced window (WithSince); 0: from the watermark
	saved     func(context.Context) ([]store.SavedSearch, error)

	readableDryRun bool

	sent, failed, empty atomic.Int64
}

// subscription is a config subscription, or a saved search, with its
// filters parsed.
type subscription struct {
	config.Subscription
	filters filter.Filters
	key     string // watermark key
	index   int    // in the config; -1 for a saved search
	savedID string // the saved search's ID
	name    string // the saved search's name, put in the subject
	// notBefore bounds a first window: an alert covers what is new since
	// its search was saved, not the day before.
	notBefore time.Time
}

// label names s in errors and logs.
func (s subscription) label() string {
	if s.savedID != "" {
		return fmt.Sprintf("saved search %s (%s)", s.savedID, s.name)
	}
	return fmt.Sprint(s.index)
}

// Option configures a Digest.
type Option func(*options)

// options collects what Options set before New validates it.
type options struct {
	baseURL   string
	getenv    func(string) (string, bool)
	log       *slog.Logger
	timeout   time.Duration
	attempts  int
	backoff   time.Duration
	tlsConfig *tls.Config
	since     time.Duration
	saved     func(context.Context) ([]store.SavedSearch, error)
	readable  bool
}

// WithBaseURL sets the root of the links to our article pages (default
// "http://" + http.addr).
func WithBaseURL(u string) Option { return func(o *options) { o.baseURL = u } }

// WithEnviron gives the environment (os.Environ() form) the SMTP password
// is read from. Without it, no variable is set.
func WithEnviron(environ []string) Option {
	return func(o *options) { o.getenv = environLookup(environ) }
}

// WithLogger sets where send failures are logged (default: discarded).
func WithLogger(l *slog.Logger) Option { return func(o *options) { o.log = l } }

// WithSince makes every run cover the last d before now, whatever the
// watermarks say (the command line's --since). The watermark still moves
// forward after a send.
func WithSince(d time.Duration) Option { return func(o *options) { o.since = d } }

// WithSavedSearches makes the digest read the analysts' saved searches
// (list is (*store.Store).SavedSearches in a context-taking form): those
// delivered by digest join the config's subscriptions in Run, those by alert
// are sent by RunAlerts.
func WithSavedSearches(list func(context.Context) ([]store.SavedSearch, error)) Option {
	return func(o *options) { o.saved = list }
}

// WithReadableDryRun makes a dry run print each message decoded, for a
// person to read (headers, then the text and HTML parts as UTF-8), instead
// of the MIME message as it would be sent.
func WithReadableDryRun() Option { return func(o *options) { o.readable = true } }

// Stats returns the counters.
func (d *Digest) Stats() Stats {
	return Stats{Sent: d.sent.Load(), Failed: d.failed.Load(), Empty: d.empty.Load()}
}

// Subscriptions returns how many subscriptions the config has; they are
// numbered from 0, as in the config's field paths.
func (d *Digest) Subscriptions() int { return len(d.subs) }
