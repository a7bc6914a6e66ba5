// Package config holds the vksnews configuration (DESIGN.md, "The config
// file"): the types that mirror the YAML file, their defaults, loading from a
// file with VKSNEWS_* environment overrides, and validation that names the
// exact field at fault.
package config

import (
	"fmt"
	"time"

	// The binary must resolve Asia/Ho_Chi_Minh even on hosts without a
	// system zoneinfo database (scratch containers, Windows).
	_ "time/tzdata"
)

// Presets lists the crawler presets a portal may name, one per CMS family.
var Presets = []string{"nukeviet", "vksndtc", "wordpress", "liferay", "sharepoint", "idcat", "generic"}

// DefaultPreset is the preset of a portal that names none.
const DefaultPreset = "generic"

// Config is the whole configuration file.
type Config struct {
	DataDir  string   `yaml:"data_dir"`
	Timezone string   `yaml:"timezone"`
	HTTP     HTTP     `yaml:"http"`
	Crawl    Crawl    `yaml:"crawl"`
	Portals  []Portal `yaml:"portals"`
	Digest   Digest   `yaml:"digest"`
}

// HTTP configures the web server.
type HTTP struct {
	Addr string `yaml:"addr"`
	// MaxExports bounds the web exports (/export.csv, /export.jsonl)
	// served at once; more get a 429.
	MaxExports int `yaml:"max_exports"`
}

// Crawl holds the crawl settings shared by every portal.
type Crawl struct {
	UserAgent     string        `yaml:"user_agent"`
	Schedule      string        `yaml:"schedule"` // cron spec; default for portals without their own
	Delay         time.Duration `yaml:"delay"`    // between requests to one host
	Parallelism   int           `yaml:"parallelism"`
	Timeout       time.Duration `yaml:"timeout"`
	MaxBodyBytes  int64         `yaml:"max_body_bytes"`
	RespectRobots bool          `yaml:"respect_robots"`
	Revisit       Revisit       `yaml:"revisit"` // default for portals without their own
}

// Revisit is when a crawl checks a stored article again for corrections,
// with a conditional GET, by the article's age since it was first stored:
// every day while it is younger than Daily, then every week while it is
// younger than Weekly, then never. Zero turns that step off.
type Revisit struct {
	Daily  time.Duration `yaml:"daily"`
	Weekly time.Duration `yaml:"weekly"`
}

// Due reports whether an article first stored at first and last fetched or
// checked at checked should be checked again at now.
func (r Revisit) Due(first, checked, now time.Time) bool {
	age, since := now.Sub(first), now.Sub(checked)
	switch {
	case age < r.Daily:
		return since >= 24*time.Hour
	case age < r.Weekly:
		return since >= 7*24*time.Hour
	}
	return false
}

// Portal is one news site to crawl.
type Portal struct {
	Name      string    `yaml:"name"`  // unique, [a-z0-9-]+
	Title     string    `yaml:"title"` // human-readable name of the site
	Unit      string    `yaml:"unit"`  // default unit of its articles; may be empty
	Preset    string    `yaml:"preset"`
	StartURLs []string  `yaml:"start_urls"`
	Feeds     []string  `yaml:"feeds"`
	Schedule  string    `yaml:"schedule"` // optional cron spec overriding crawl.schedule
	Selectors Selectors `yaml:"selectors"`
	Revisit   *Revisit  `yaml:"revisit,omitempty"` // optional; overrides crawl.revisit
}

// Selectors are CSS selectors that override a preset's. The extractor uses
// this type as it is (extract.Selectors is an alias).
type Selectors struct {
	ArticleLinks string   `yaml:"article_links"`
	NextPage     string   `yaml:"next_page"`
	Title        string   `yaml:"title"`
	Published    string   `yaml:"published"`
	Body         string   `yaml:"body"`
	Author       string   `yaml:"author"`
	Remove       []string `yaml:"remove"`
}

// Digest configures the digest email.
type Digest struct {
	Schedule      string         `yaml:"schedule"`
	Since         time.Duration  `yaml:"since"`
	SMTP          SMTP           `yaml:"smtp"`
	Subscriptions []Subscription `yaml:"subscriptions"`
}

// SMTP is the mail relay the digest is sent through. The password is never in
// the file: PasswordEnv names the environment variable that holds it.
type SMTP struct {
	Host        string `yaml:"host"`
	Port        int    `yaml:"port"`
	Username    string `yaml:"username"`
	PasswordEnv string `yaml:"password_env"`
	From        string `yaml:"from"`
	TLS         string `yaml:"tls"` // starttls | tls | none
}

// Subscription is one digest recipient list with its search.
type Subscription struct {
	To        []string          `yaml:"to"`
	Query     string            `yaml:"query"` // empty: everything new
	Filters   map[string]string `yaml:"filters"`
	SendEmpty bool              `yaml:"send_empty"` // send even when nothing matched
}

// Default returns the configuration that applies where the file is silent.
func Default() Config {
	return Config{
		DataDir:  "./data",
		Timezone: "Asia/Ho_Chi_Minh",
		HTTP:     HTTP{Addr: "127.0.0.1:8080", MaxExports: 2},
		Crawl: Crawl{
			UserAgent:     "vksnews/0.1 (+https://example.org/vksnews)",
			Schedule:      "0 */3 * * *",
			Delay:         2 * time.Second,
			Parallelism:   2,
			Timeout:       30 * time.Second,
			MaxBodyBytes:  10 << 20,
			RespectRobots: true,
			Revisit:       Revisit{Daily: 7 * 24 * time.Hour, Weekly: 37 * 24 * time.Hour},
		},
		Digest: Digest{
			Schedule: "0 7 * * *",
			Since:    24 * time.Hour,
			SMTP: SMTP{
				Host:        "localhost",
				Port:        587,
				PasswordEnv: "VKSNEWS_SMTP_PASSWORD",
				TLS:         "starttls",
			},
		},
	}
}

// Location returns the configured time zone.
func (c Config) Location() (*time.Location, error) {
	loc, err := time.LoadLocation(c.Timezone)
	if err != nil {
		return nil, fmt.Errorf("timezone: unknown time zone %q", c.Timezone)
	}
	return loc, nil
}

// Portal returns the portal with the given name.
func (c Config) Portal(name string) (Portal, bool) {
	for _, p := range c.Portals {
		if p.Name == name {
			return p, true
		}
	}
	return Portal{}, false
}

// CrawlRevisit returns the revisit policy of p: its own, else crawl.revisit.
func (c Config) CrawlRevisit(p Portal) Revisit {
	if p.Revisit != nil {
		return *p.Revisit
	}
	return c.Crawl.Revisit
}

// CrawlSchedule returns the cron spec of portal p: its own, else crawl.schedule.
func (c Config) CrawlSchedule(p Portal) string {
	if p.Schedule != "" {
		return p.Schedule
	}
	return c.Crawl.Schedule
}
