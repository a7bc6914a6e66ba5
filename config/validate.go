package config

import (
	"errors"
	"fmt"
	"net"
	"net/mail"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/andybalholm/cascadia"
	"github.com/robfig/cron/v3"

	"github.com/vksnews/vksnews/internal/filter"
)

// FieldError is one problem of a config, at the yaml path of the field
// ("portals[2].start_urls") and, when it comes from a file that gives it,
// its line there.
type FieldError struct {
	Line  int // 1-based; 0 when unknown
	Field string
	Msg   string
}

// Error reads "line 12: portals[0].delay: want …", the line and the field
// left out when unknown or empty (a problem of the whole file).
func (e *FieldError) Error() string {
	s := e.Msg
	if e.Field != "" {
		s = e.Field + ": " + s
	}
	if e.Line > 0 {
		s = fmt.Sprintf("line %d: %s", e.Line, s)
	}
	return s
}

var (
	portalName = regexp.MustCompile(`^[a-z0-9-]+$`)
	envName    = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)
)

// problems collects every FieldError of one validation run, so that the
// operator fixes the file in one go rather than one error per start.
type problems []*FieldError

func (p *problems) add(field, format string, args ...any) {
	*p = append(*p, &FieldError{Field: field, Msg: fmt.Sprintf(format, args...)})
}

// Validate reports every problem of c, joined with errors.Join; each is a
// *FieldError naming the exact field.
func (c Config) Validate() error {
	p := c.problems()
	errs := make([]error, len(p))
	for i, fe := range p {
		errs[i] = fe
	}
	return errors.Join(errs...)
}

// problems is every problem of c, in the order of its fields.
func (c Config) problems() problems {
	var p problems
	if strings.TrimSpace(c.DataDir) == "" {
		p.add("data_dir", "required")
	}
	if c.Timezone == "" {
		p.add("timezone", "required")
	} else if _, err := time.LoadLocation(c.Timezone); err != nil {
		p.add("timezone", "unknown time zone %q", c.Timezone)
	}
	if _, _, err := net.SplitHostPort(c.HTTP.Addr); err != nil {
		p.add("http.addr", "want host:port, got %q", c.HTTP.Addr)
	}
	if c.HTTP.MaxExports < 1 {
		p.add("http.max_exports", "must be at least 1")
	}
	c.Crawl.validate(&p)
	if len(c.Portals) == 0 {
		// An empty or null file decodes to the defaults, which name no
		// portal: a crawl would do nothing and exit 0, and serve would
		// start with no sources. Either is a mistake worth a clear error.
		p.add("portals", "required (at least one portal to crawl)")
	}
	seen := map[string]int{}
	for i, po := range c.Portals {
		po.validate(&p, fmt.Sprintf("portals[%d]", i))
		if po.Name == "" {
			continue
		}
		if j, dup := seen[po.Name]; dup {
			p.add(fmt.Sprintf("portals[%d].name", i), "duplicate of portals[%d]", j)
		} else {
			seen[po.Name] = i
		}
	}
	c.Digest.validate(&p)
	return p
}

func (cr Crawl) validate(p *problems) {
	if strings.TrimSpace(cr.UserAgent) == "" {
		p.add("crawl.user_agent", "required")
	}
	checkSchedule(p, "crawl.schedule", cr.Schedule, true)
	cr.Revisit.validate(p, "crawl.revisit")
	if cr.Delay < 0 {
		p.add("crawl.delay", "must not be negative")
	}
	if cr.Parallelism < 1 {
		p.add("crawl.parallelism", "must be at least 1")
	}
	if cr.Timeout <= 0 {
		p.add("crawl.timeout", "must be positive")
	}
	if cr.MaxBodyBytes <= 0 {
		p.add("crawl.max_body_bytes", "must be positive")
	}
}

func (r Revisit) validate(p *problems, at string) {
	if r.Daily < 0 {
		p.add(at+".daily", "must not be negative")
	}
	if r.Weekly < 0 {
		p.add(at+".weekly", "must not be negative")
	}
}

func (po Portal) validate(p *problems, at string) {
	if po.Revisit != nil {
		po.Revisit.validate(p, at+".revisit")
	}
	switch {
	case po.Name == "":
		p.add(at+".name", "required")
	case !portalName.MatchString(po.Name):
		p.add(at+".name", "%q must match [a-z0-9-]+", po.Name)
	}
	if po.Preset != "" && !slices.Contains(Presets, po.Preset) {
		if best, ok := closest(po.Preset, Presets); ok {
			p.add(at+".preset", "unknown preset %q (did you mean %s?)", po.Preset, best)
		} else {
			p.add(at+".preset", "unknown preset %q (want one of %s)", po.Preset, strings.Join(Presets, ", "))
		}
	}
	if len(po.StartURLs) == 0 {
		p.add(at+".start_urls", "required")
	}
	for j, u := range po.StartURLs {
		checkURL(p, fmt.Sprintf("%s.start_urls[%d]", at, j), u)
	}
	for j, u := range po.Feeds {
		checkURL(p, fmt.Sprintf("%s.feeds[%d]", at, j), u)
	}
	checkSchedule(p, at+".schedule", po.Schedule, false)
	s := po.Selectors
	for _, sel := range []struct{ key, css string }{
		{"article_links", s.ArticleLinks}, {"next_page", s.NextPage}, {"title", s.Title},
		{"published", s.Published}, {"body", s.Body}, {"author", s.Author},
	} {
		checkSelector(p, at+".selectors."+sel.key, sel.css)
	}
	for j, css := range s.Remove {
		checkSelector(p, fmt.Sprintf("%s.selectors.remove[%d]", at, j), css)
	}
}

func (d Digest) validate(p *problems) {
	checkSchedule(p, "digest.schedule", d.Schedule, true)
	if d.Since <= 0 {
		p.add("digest.since", "must be positive")
	}
	*p = append(*p, d.SMTP.Problems(len(d.Subscriptions) > 0, "when there are subscriptions")...)
	for i, sub := range d.Subscriptions {
		sub.validate(p, fmt.Sprintf("digest.subscriptions[%d]", i))
	}
}

// Problems is every problem of the SMTP settings, each naming its field.
// With sending set, what sending needs is required too (the host, the
// sender, and the password variable when there is a username), and each
// such message says why: "required " + why.
func (s SMTP) Problems(sending bool, why string) []*FieldError {
	var p problems
	if sending && strings.TrimSpace(s.Host) == "" {
		p.add("digest.smtp.host", "required %s", why)
	}
	if s.Port < 1 || s.Port > 65535 {
		p.add("digest.smtp.port", "want 1-65535, got %d", s.Port)
	}
	switch s.TLS {
	case "starttls", "tls", "none":
	default:
		p.add("digest.smtp.tls", "want starttls, tls or none, got %q", s.TLS)
	}
	if s.PasswordEnv != "" && !envName.MatchString(s.PasswordEnv) {
		p.add("digest.smtp.password_env", "%q is not an environment variable name", s.PasswordEnv)
	} else if sending && s.PasswordEnv == "" && s.Username != "" {
		p.add("digest.smtp.password_env", "required when digest.smtp.username is set")
	}
	if s.From != "" {
		if _, err := mail.ParseAddress(s.From); err != nil {
			p.add("digest.smtp.from", "invalid address %q: %v", s.From, err)
		}
	} else if sending {
		p.add("digest.smtp.from", "required %s", why)
	}
	return p
}

// Problems is every problem of the subscription at field path at (for
// example "digest.subscriptions[0]"): its recipients and its filters.
func (sub Subscription) Problems(at string) []*FieldError {
	var p problems
	sub.validate(&p, at)
	return p
}

func (sub Subscription) validate(p *problems, at string) {
	if len(sub.To) == 0 {
		p.add(at+".to", "required")
	}
	for j, to := range sub.To {
		if _, err := mail.ParseAddress(to); err != nil {
			p.add(fmt.Sprintf("%s.to[%d]", at, j), "invalid address %q: %v", to, err)
		}
	}
	// Sorted so that the errors come in a stable order.
	keys := make([]string, 0, len(sub.Filters))
	for k := range sub.Filters {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		// The filters' own rules, so that config, API and CLI agree.
		var f filter.Filters
		if err := f.Set(k, sub.Filters[k]); err != nil {
			p.add(at+".filters."+k, "%s", strings.TrimPrefix(err.Error(), k+": "))
		}
	}
}

// checkSchedule accepts standard 5-field cron specs and descriptors such as
// "@every 2h" or "@daily".
func checkSchedule(p *problems, field, spec string, required bool) {
	if spec == "" {
		if required {
			p.add(field, "required")
		}
		return
	}
	if _, err := cron.ParseStandard(spec); err != nil {
		p.add(field, "%v", err)
	}
}

func checkURL(p *problems, field, raw string) {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		p.add(field, "not an absolute http(s) URL")
	}
}

func checkSelector(p *problems, field, css string) {
	if css == "" {
		return
	}
	if _, err := cascadia.Compile(css); err != nil {
		p.add(field, "invalid CSS selector: %v", err)
	}
}
