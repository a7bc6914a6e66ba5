package main

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/vksnews/vksnews/config"
	"github.com/vksnews/vksnews/index"
	"github.com/vksnews/vksnews/internal/archive"
	"github.com/vksnews/vksnews/internal/digest"
	"github.com/vksnews/vksnews/internal/store"
)

// newDigest builds the digest of cfg over a store and an index.
func newDigest(cfg config.Config, e env, st *store.Store, ix *index.Index, opts ...digest.Option) (*digest.Digest, error) {
	loc, err := cfg.Location()
	if err != nil {
		return nil, err
	}
	src := digest.IndexSource{StoreSource: digest.StoreSource{Archive: st, Loc: loc}, Index: ix}
	saved := func(context.Context) ([]store.SavedSearch, error) { return st.SavedSearches() }
	opts = append([]digest.Option{digest.WithEnviron(e.environ), digest.WithSavedSearches(saved)}, opts...)
	return digest.New(cfg, src, st, opts...)
}

func runDigest(ctx context.Context, e env, args []string) (err error) {
	var c common
	fs := newFlags("digest", e, &c)
	since := fs.Duration("since", 0, "cover the last `D` (e.g. 24h) instead of what is new since each subscription's last digest")
	dryRun := fs.Bool("dry-run", false, "print the messages, decoded, instead of sending them; move no watermark")
	raw := fs.Bool("raw", false, "with --dry-run, print each MIME message as it would be sent")
	sub := fs.Int("subscription", -1, "only subscription `N` (numbered from 0, in config order)")
	baseURL := fs.String("base-url", "", "`URL` of the web UI for article links (default http://<http.addr>)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("unexpected argument %q", fs.Arg(0))
	}
	if *since < 0 {
		return usagef("--since must not be negative")
	}
	cfg, err := c.loadConfig(e)
	if err != nil {
		return err
	}
	if *raw && !*dryRun {
		return usagef("--raw goes with --dry-run")
	}
	if *sub >= len(cfg.Digest.Subscriptions) {
		return usagef("--subscription %d: the config has %d subscriptions (0 to %d)", *sub, len(cfg.Digest.Subscriptions), len(cfg.Digest.Subscriptions)-1)
	}
	aopts, err := archiveOptions(cfg, archive.Options{})
	if err != nil {
		return err
	}
	arc, err := archive.Open(ctx, cfg.DataDir, aopts)
	if err != nil {
		return err
	}
	defer closeInto(&err, arc, "archive")
	st, ix := arc.Store, arc.Index
	if saved, err := st.SavedSearches(); err != nil {
		return err
	} else if len(cfg.Digest.Subscriptions) == 0 && len(saved) == 0 {
		return fmt.Errorf("digest.subscriptions: none configured, and no saved search")
	}
	var opts []digest.Option
	if *since > 0 {
		opts = append(opts, digest.WithSince(*since))
	}
	if *baseURL != "" {
		opts = append(opts, digest.WithBaseURL(*baseURL))
	}
	if !*raw {
		opts = append(opts, digest.WithReadableDryRun())
	}
	d, err := newDigest(cfg, e, st, ix, opts...)
	if err != nil {
		return err
	}
	now := time.Now()
	if *sub >= 0 {
		sent, err := d.RunSubscription(ctx, *sub, now, *dryRun, e.stdout)
		if err == nil && !*dryRun {
			fmt.Fprintf(e.stderr, "subscription %d: sent %v\n", *sub, sent)
		}
		return err
	}
	n, err := d.Run(ctx, now, *dryRun, e.stdout)
	if err == nil && !*dryRun {
		fmt.Fprintf(e.stderr, "sent %d digests\n", n)
	}
	return err
}

// subscriptionNames describes the config's subscriptions for a person:
// each one's recipients and what it selects.
func subscriptionNames(subs []config.Subscription) []string {
	var out []string
	for _, sub := range subs {
		var what []string
		if sub.Query != "" {
			what = append(what, strconv.Quote(sub.Query))
		}
		keys := make([]string, 0, len(sub.Filters))
		for k := range sub.Filters {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			what = append(what, k+"="+sub.Filters[k])
		}
		if len(what) == 0 {
			what = append(what, "mọi bài mới")
		}
		out = append(out, strings.Join(sub.To, ", ")+" — "+strings.Join(what, ", "))
	}
	return out
}

// digestLast is the last digest subscription sub sent, for the preview page.
func (s *server) digestLast(_ context.Context, sub int) (time.Time, string, string, string, bool, error) {
	if s.digest == nil || sub < 0 || sub >= s.digest.Subscriptions() {
		return time.Time{}, "", "", "", false, nil
	}
	m, ok, err := s.digest.LastSent(sub)
	return m.At, m.Subject, m.Text, m.HTML, ok, err
}
