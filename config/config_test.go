package config

import (
	"errors"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"gopkg.in/yaml.v3"
)

var update = flag.Bool("update", false, "rewrite golden files")

// minimal is the smallest valid file: one portal, everything else default.
const minimal = `
portals:
  - name: khanhhoa
    start_urls: ["https://example.gov.vn/vi/news/"]
`

func TestDefault(t *testing.T) {
	d := Default()
	checks := []struct {
		name      string
		got, want any
	}{
		{"data_dir", d.DataDir, "./data"},
		{"timezone", d.Timezone, "Asia/Ho_Chi_Minh"},
		{"http.addr", d.HTTP.Addr, "127.0.0.1:8080"},
		{"http.max_exports", d.HTTP.MaxExports, 2},
		{"crawl.user_agent", d.Crawl.UserAgent, "vksnews/0.1 (+https://example.org/vksnews)"},
		{"crawl.schedule", d.Crawl.Schedule, "0 */3 * * *"},
		{"crawl.delay", d.Crawl.Delay, 2 * time.Second},
		{"crawl.parallelism", d.Crawl.Parallelism, 2},
		{"crawl.timeout", d.Crawl.Timeout, 30 * time.Second},
		{"crawl.max_body_bytes", d.Crawl.MaxBodyBytes, int64(10485760)},
		{"crawl.respect_robots", d.Crawl.RespectRobots, true},
		{"digest.schedule", d.Digest.Schedule, "0 7 * * *"},
		{"digest.since", d.Digest.Since, 24 * time.Hour},
		{"digest.smtp.port", d.Digest.SMTP.Port, 587},
		{"digest.smtp.tls", d.Digest.SMTP.TLS, "starttls"},
		{"digest.smtp.password_env", d.Digest.SMTP.PasswordEnv, "VKSNEWS_SMTP_PASSWORD"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %v, want %v", c.name, c.got, c.want)
		}
	}
	// The defaults name no portal, and a config must name one.
	if err := d.Validate(); err == nil || err.Error() != "portals: required (at least one portal to crawl)" {
		t.Errorf("Default().Validate() = %v", err)
	}
	d.Portals = []Portal{{Name: "a", Preset: "generic", StartURLs: []string{"https://example.gov.vn/"}}}
	if err := d.Validate(); err != nil {
		t.Errorf("Default() with a portal: Validate() = %v", err)
	}
}

func TestParseMinimalKeepsDefaults(t *testing.T) {
	c, err := Parse([]byte(minimal), nil)
	if err != nil {
		t.Fatal(err)
	}
	want := Default()
	want.Portals = []Portal{{Name: "khanhhoa", Preset: "generic", StartURLs: []string{"https://example.gov.vn/vi/news/"}}}
	if !reflect.DeepEqual(c, want) {
		t.Errorf("got %+v\nwant %+v", c, want)
	}
	if p, ok := c.Portal("khanhhoa"); !ok || p.Preset != DefaultPreset {
		t.Errorf("Portal(khanhhoa) = %+v, %v", p, ok)
	}
	if _, ok := c.Portal("nope"); ok {
		t.Error("Portal(nope) found")
	}
	if got := c.CrawlSchedule(c.Portals[0]); got != "0 */3 * * *" {
		t.Errorf("CrawlSchedule = %q", got)
	}
	loc, err := c.Location()
	if err != nil || loc.String() != "Asia/Ho_Chi_Minh" {
		t.Errorf("Location() = %v, %v", loc, err)
	}
}

// TestParseNoPortals checks that a file that configures nothing to crawl
// is refused, naming the field, rather than giving a crawl that does nothing
// and exits 0, or a serve with no sources.
func TestParseNoPortals(t *testing.T) {
	for _, doc := range []string{"", "\n", "# nothing\n", "null\n", "~\n", "---\n", "portals:\n", "portals: []\n", "portals: null\n", "data_dir: ./x\n"} {
		_, err := Parse([]byte(doc), nil)
		var fe *FieldError
		if !errors.As(err, &fe) || fe.Field != "portals" {
			t.Errorf("Parse(%q) = %v, want a portals error", doc, err)
		}
	}
}

func TestDurations(t *testing.T) {
	c, err := Parse([]byte(minimal+"crawl: {delay: 2s, timeout: 1m30s}\ndigest: {since: 36h}\n"), nil)
	if err != nil {
		t.Fatal(err)
	}
	if c.Crawl.Delay != 2*time.Second || c.Crawl.Timeout != 90*time.Second || c.Digest.Since != 36*time.Hour {
		t.Errorf("durations: delay %v timeout %v since %v", c.Crawl.Delay, c.Crawl.Timeout, c.Digest.Since)
	}
	// A bare number is ambiguous (2 nanoseconds or 2 seconds?): refused.
	for _, tt := range []struct{ yaml, want string }{
		{"crawl:\n  delay: 2\n", "line 6: crawl.delay: want a duration such as 2s, 90m or 24h, got 2 (a number needs its unit, as in 2s)"},
		{"crawl:\n  delay: 2x\n", `line 6: crawl.delay: want a duration such as 2s, 90m or 24h, got "2x"`},
		{"crawl: {parallelism: many}\n", `line 5: crawl.parallelism: want a whole number, got "many"`},
		// Two values on one line: each is named by its field.
		{"crawl: {delay: 1s, timeout: soon}\n", `line 5: crawl.timeout: want a duration such as 2s, 90m or 24h, got "soon"`},
	} {
		_, err := Parse([]byte(minimal+tt.yaml), nil)
		if err == nil || err.Error() != tt.want {
			t.Errorf("%q: err = %v, want %q", tt.yaml, err, tt.want)
		}
	}
}

func TestUnknownKeys(t *testing.T) {
	tests := []struct {
		yaml string
		want []string
	}{
		{minimal + "crawl:\n  dealy: 2s\n", []string{"line 6: crawl.dealy: unknown key (did you mean delay?)"}},
		{minimal + "datadir: x\n", []string{"line 5: datadir: unknown key (did you mean data_dir?)"}},
		{minimal + "    selectors: {titel: h1}\n", []string{"line 5: portals[0].selectors.titel: unknown key (did you mean title?)"}},
		{minimal + "    Start_URLs: []\n", []string{"line 5: portals[0].Start_URLs: unknown key (did you mean start_urls?)"}},
		// Nothing close: the keys allowed there, when they are few.
		{minimal + "http: {port: 80}\n", []string{"line 5: http.port: unknown key (the keys here are addr, max_exports)"}},
		// Validation still runs, and its problems come in the file's order.
		{"digest:\n  smtp: {hots: x}\n  subscriptions:\n    - {to: [a@b.c], filter: {}}\n", []string{
			"line 2: digest.smtp.hots: unknown key (did you mean host?)",
			"line 2: digest.smtp.from: required when there are subscriptions",
			"line 4: digest.subscriptions[0].filter: unknown key (did you mean filters?)",
			"portals: required (at least one portal to crawl)",
		}},
	}
	for _, tt := range tests {
		_, err := Parse([]byte(tt.yaml), nil)
		if err == nil {
			t.Errorf("%q: no error", tt.yaml)
			continue
		}
		if got := strings.Split(err.Error(), "\n"); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%q:\n got %q\nwant %q", tt.yaml, got, tt.want)
		}
	}
}

func TestValidate(t *testing.T) {
	portal := func(name string) Portal {
		return Portal{Name: name, Preset: "generic", StartURLs: []string{"https://example.gov.vn/"}}
	}
	tests := []struct {
		name   string
		change func(*Config)
		want   []string
	}{
		{"missing start urls", func(c *Config) {
			c.Portals = []Portal{portal("a"), portal("b"), {Name: "c"}}
		}, []string{"portals[2].start_urls: required"}},
		{"bad name", func(c *Config) { c.Portals = []Portal{portal("Khanh Hoa")} },
			[]string{`portals[0].name: "Khanh Hoa" must match [a-z0-9-]+`}},
		{"missing name", func(c *Config) { c.Portals = []Portal{portal("")} },
			[]string{"portals[0].name: required"}},
		{"duplicate", func(c *Config) {
			c.Portals = []Portal{portal("a"), portal("b"), portal("c"), portal("b")}
		}, []string{"portals[3].name: duplicate of portals[1]"}},
		{"negative delay", func(c *Config) { c.Crawl.Delay = -time.Second },
			[]string{"crawl.delay: must not be negative"}},
		{"timezone", func(c *Config) { c.Timezone = "Mars/Base" },
			[]string{`timezone: unknown time zone "Mars/Base"`}},
		{"preset", func(c *Config) {
			c.Portals = []Portal{portal("a"), portal("b")}
			c.Portals[1].Preset = "joomla"
		}, []string{`portals[1].preset: unknown preset "joomla" (want one of nukeviet, vksndtc, wordpress, liferay, sharepoint, idcat, generic)`}},
		{"start url", func(c *Config) {
			p := portal("a")
			p.StartURLs = append(p.StartURLs, "/vi/news/", "ftp://x.vn/", "https://")
			c.Portals = []Portal{p}
		}, []string{
			"portals[0].start_urls[1]: not an absolute http(s) URL",
			"portals[0].start_urls[2]: not an absolute http(s) URL",
			"portals[0].start_urls[3]: not an absolute http(s) URL",
		}},
		{"feed url", func(c *Config) {
			p := portal("a")
			p.Feeds = []string{"rss.xml"}
			c.Portals = []Portal{p}
		}, []string{"portals[0].feeds[0]: not an absolute http(s) URL"}},
		{"tls", func(c *Config) { c.Digest.SMTP.TLS = "ssl" },
			[]string{"digest.smtp.tls: want starttls, tls or none"}},
		{"crawl schedule", func(c *Config) { c.Crawl.Schedule = "every day" },
			[]string{"crawl.schedule: expected exactly 5 fields, found 2: [every day]"}},
		{"portal schedule", func(c *Config) {
			p := portal("a")
			p.Schedule = "@every two hours"
			c.Portals = []Portal{p}
		}, []string{`portals[0].schedule: failed to parse duration @every two hours: time: invalid duration "two hours"`}},
		{"subscription address", func(c *Config) {
			c.Digest.SMTP.From = "vksnews <noreply@example.org>"
			c.Digest.Subscriptions = []Subscription{{To: []string{"not an address", "ok@example.org"}}}
		}, []string{"digest.subscriptions[0].to[0]: invalid address"}},
		{"subscription filters", func(c *Config) {
			c.Digest.SMTP.From = "noreply@example.org"
			c.Digest.Subscriptions = []Subscription{{To: []string{"a@example.org"}}, {
				To:      []string{"b@example.org"},
				Filters: map[string]string{"provinces": "x", "level": "tinh", "from": "2025-13-01", "event_type": "party"},
			}}
		}, []string{
			`digest.subscriptions[1].filters.event_type: unknown event type "party"`,
			`digest.subscriptions[1].filters.from: parse date "2025-13-01": want YYYY-MM-DD`,
			`digest.subscriptions[1].filters.provinces: unknown filter "provinces" (want one of province, province_now, level, unit, event_type, official, portal, from, to, mentions_unit, mentions_province, mentions_province_now, mentions_level)`,
		}},
		{"subscriptions need a sender", func(c *Config) {
			c.Digest.SMTP.Host = ""
			c.Digest.Subscriptions = []Subscription{{}}
		}, []string{
			"digest.smtp.host: required when there are subscriptions",
			"digest.smtp.from: required when there are subscriptions",
			"digest.subscriptions[0].to: required",
		}},
		{"selectors", func(c *Config) {
			p := portal("a")
			p.Selectors = Selectors{Title: "h1", Body: "div[", Remove: []string{".share", "::"}}
			c.Portals = []Portal{p}
		}, []string{
			"portals[0].selectors.body: invalid CSS selector",
			"portals[0].selectors.remove[1]: invalid CSS selector",
		}},
		{"no exports", func(c *Config) { c.HTTP.MaxExports = 0 }, []string{"http.max_exports: must be at least 1"}},
		{"several at once", func(c *Config) {
			c.DataDir = ""
			c.HTTP.Addr = "8080"
			c.Crawl.Parallelism = 0
			c.Crawl.Timeout = 0
			c.Digest.SMTP.Port = 0
		}, []string{
			"data_dir: required",
			`http.addr: want host:port, got "8080"`,
			"crawl.parallelism: must be at least 1",
			"crawl.timeout: must be positive",
			"digest.smtp.port: want 1-65535, got 0",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := Default()
			c.Portals = []Portal{portal("base")}
			tt.change(&c)
			err := c.Validate()
			if err == nil {
				t.Fatalf("no error, want %q", tt.want)
			}
			got := strings.Split(err.Error(), "\n")
			if len(got) != len(tt.want) {
				t.Fatalf("got %q\nwant %q", got, tt.want)
			}
			for i := range got {
				// Selector errors end with cascadia's own message.
				if !strings.HasPrefix(got[i], tt.want[i]) {
					t.Errorf("error %d = %q, want %q", i, got[i], tt.want[i])
				}
			}
			var fe *FieldError
			if !errors.As(err, &fe) {
				t.Errorf("%v is not a *FieldError", err)
			}
		})
	}
}

func TestEnvOverrides(t *testing.T) {
	env := []string{
		"PATH=/bin",
		"VKSNEWS_DATA_DIR=/var/lib/vksnews",
		"VKSNEWS_TIMEZONE=UTC",
		"VKSNEWS_HTTP_ADDR=:9090",
		"VKSNEWS_HTTP_MAX_EXPORTS=4",
		"VKSNEWS_CRAWL_USER_AGENT=test agent",
		"VKSNEWS_CRAWL_DELAY=500ms",
		"VKSNEWS_CRAWL_PARALLELISM=4",
		"VKSNEWS_CRAWL_MAX_BODY_BYTES=1024",
		"VKSNEWS_CRAWL_RESPECT_ROBOTS=false",
		"VKSNEWS_DIGEST_SMTP_HOST=mail.example.org",
		"VKSNEWS_DIGEST_SMTP_PORT=465",
		"VKSNEWS_DIGEST_SMTP_TLS=tls",
		"VKSNEWS_DIGEST_SINCE=48h",
		// Not fields: ignored.
		"VKSNEWS_CONFIG=/etc/vksnews.yaml",
		"VKSNEWS_SMTP_PASSWORD=secret",
		"VKSNEWS_ADMIN_TOKEN=t",
		"VKSNEWS_PORTALS=x",
	}
	c, err := Parse([]byte(minimal+"crawl: {delay: 10s, parallelism: 1}\n"), env)
	if err != nil {
		t.Fatal(err)
	}
	want := Default()
	want.DataDir = "/var/lib/vksnews"
	want.Timezone = "UTC"
	want.HTTP.Addr = ":9090"
	want.HTTP.MaxExports = 4
	want.Crawl.UserAgent = "test agent"
	want.Crawl.Delay = 500 * time.Millisecond
	want.Crawl.Parallelism = 4
	want.Crawl.MaxBodyBytes = 1024
	want.Crawl.RespectRobots = false
	want.Digest.SMTP.Host = "mail.example.org"
	want.Digest.SMTP.Port = 465
	want.Digest.SMTP.TLS = "tls"
	want.Digest.Since = 48 * time.Hour
	want.Portals = []Portal{{Name: "khanhhoa", Preset: "generic", StartURLs: []string{"https://example.gov.vn/vi/news/"}}}
	if !reflect.DeepEqual(c, want) {
		t.Errorf("got %+v\nwant %+v", c, want)
	}
}

func TestEnvErrors(t *testing.T) {
	tests := []struct{ env, want string }{
		{"VKSNEWS_CRAWL_DELAY=x", `VKSNEWS_CRAWL_DELAY: want a duration such as 2s, 90m or 24h, got "x"`},
		{"VKSNEWS_CRAWL_PARALLELISM=two", `VKSNEWS_CRAWL_PARALLELISM: want a whole number, got "two"`},
		{"VKSNEWS_CRAWL_RESPECT_ROBOTS=maybe", `VKSNEWS_CRAWL_RESPECT_ROBOTS: want true or false, got "maybe"`},
		// Parses, but then fails validation with the field's name.
		{"VKSNEWS_CRAWL_DELAY=-1s", "crawl.delay: must not be negative"},
	}
	for _, tt := range tests {
		_, err := Parse([]byte(minimal), []string{tt.env})
		if err == nil || err.Error() != tt.want {
			t.Errorf("%s: err = %v, want %q", tt.env, err, tt.want)
		}
	}
}

func TestEnvNames(t *testing.T) {
	names := strings.Join(EnvNames(), " ")
	for _, n := range []string{"VKSNEWS_DATA_DIR", "VKSNEWS_HTTP_ADDR", "VKSNEWS_CRAWL_USER_AGENT", "VKSNEWS_DIGEST_SMTP_PASSWORD_ENV"} {
		if !strings.Contains(names, n) {
			t.Errorf("EnvNames() lacks %s: %s", n, names)
		}
	}
	if strings.Contains(names, "PORTALS") || strings.Contains(names, "SUBSCRIPTIONS") {
		t.Errorf("EnvNames() lists a list field: %s", names)
	}
}

func TestLoadErrorNamesFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "bad.yaml")
	if err := os.WriteFile(path, []byte(minimal+"crawl: {delay: -2s}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Load(path, nil)
	if want := "config " + path + ": line 5: crawl.delay: must not be negative"; err == nil || err.Error() != want {
		t.Errorf("err = %v, want %q", err, want)
	}
	if _, err := Load(filepath.Join(t.TempDir(), "missing.yaml"), nil); err == nil || !strings.Contains(err.Error(), "missing.yaml") {
		t.Errorf("missing file: err = %v", err)
	}
	if _, err := Parse([]byte("crawl: [1, 2\n"), nil); err == nil {
		t.Error("syntax error accepted")
	}
}

// TestDesignExample loads the example of DESIGN.md, compares it with a golden
// rendering and checks that the rendering loads back to the same Config.
func TestDesignExample(t *testing.T) {
	c, err := Load(filepath.Join("testdata", "design.yaml"), nil)
	if err != nil {
		t.Fatal(err)
	}
	p, ok := c.Portal("khanhhoa")
	if !ok || p.Selectors.Remove[1] != "figure" || p.Schedule != "@every 2h" || p.Preset != "nukeviet" {
		t.Errorf("portal khanhhoa = %+v", p)
	}
	if f := c.Digest.Subscriptions[0].Filters["province_now"]; f != "Khánh Hòa" {
		t.Errorf("filter province_now = %q", f)
	}
	out, err := yaml.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "design.golden.yaml")
	if *update {
		if err := os.WriteFile(golden, out, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if string(out) != string(want) {
		t.Errorf("rendering differs from %s:\n%s", golden, out)
	}
	back, err := Parse(out, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back, c) {
		t.Errorf("round trip:\n got %+v\nwant %+v", back, c)
	}
}

// TestShippedConfig validates the default config with the real portals.
func TestShippedConfig(t *testing.T) {
	c, err := Load("vksnews.yaml", nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Portals) < 22 {
		t.Errorf("%d portals, want ≥ 22", len(c.Portals))
	}
	// The CMS each portal's stored pages show (config/README.md).
	for name, preset := range map[string]string{
		"khanhhoa": "idcat", "thanhhoa": "sharepoint", "travinh": "wordpress",
		"danang": "nukeviet", "quangtri": "nukeviet", "vksndtc": "vksndtc",
	} {
		if p, ok := c.Portal(name); !ok || p.Preset != preset {
			t.Errorf("portal %s: preset %q, want %q", name, p.Preset, preset)
		}
	}
	p, ok := c.Portal("vksndtc")
	if !ok || p.Preset != "vksndtc" || p.Unit != "VKSND tối cao" ||
		p.StartURLs[0] != "https://vksndtc.gov.vn/tin-tuc/tin-hoat-dong-vksnd-dia-phuong-d6.html" {
		t.Errorf("portal vksndtc = %+v", p)
	}
	for _, p := range c.Portals {
		if p.Title == "" {
			t.Errorf("portal %s has no title", p.Name)
		}
	}
	if len(c.Digest.Subscriptions) != 1 {
		t.Errorf("%d subscriptions, want 1", len(c.Digest.Subscriptions))
	}
}
