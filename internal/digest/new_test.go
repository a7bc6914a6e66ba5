package digest

import (
	"strings"
	"testing"

	"github.com/vksnews/vksnews/config"
	"github.com/vksnews/vksnews/internal/filter"
)

var everythingFilters filter.Filters

func TestNewRejectsBadConfig(t *testing.T) {
	st := openStore(t)
	tests := []struct {
		name   string
		edit   func(*config.Config)
		env    []string
		want   string
		wantOK bool
	}{
		{name: "valid", edit: func(*config.Config) {}, wantOK: true},
		{name: "bad from", edit: func(c *config.Config) { c.Digest.SMTP.From = "vksnews noreply" }, want: "digest.smtp.from"},
		{name: "bad to", edit: func(c *config.Config) { c.Digest.Subscriptions[0].To = []string{"ok@example.org", "not an address"} },
			want: "digest.subscriptions[0].to[1]"},
		{name: "no recipients", edit: func(c *config.Config) { c.Digest.Subscriptions[0].To = nil }, want: "digest.subscriptions[0].to"},
		{name: "missing password", edit: func(c *config.Config) { c.Digest.SMTP.Username = "u" },
			want: "digest.smtp.password_env: VKSNEWS_SMTP_PASSWORD is not set"},
		{name: "empty password", edit: func(c *config.Config) { c.Digest.SMTP.Username = "u" }, env: []string{"VKSNEWS_SMTP_PASSWORD="},
			want: "digest.smtp.password_env: VKSNEWS_SMTP_PASSWORD is not set"},
		{name: "password present", edit: func(c *config.Config) { c.Digest.SMTP.Username = "u" }, env: []string{"VKSNEWS_SMTP_PASSWORD=x"}, wantOK: true},
		{name: "no password variable", edit: func(c *config.Config) { c.Digest.SMTP.Username = "u"; c.Digest.SMTP.PasswordEnv = "" },
			want: "digest.smtp.password_env: required"},
		{name: "bad tls", edit: func(c *config.Config) { c.Digest.SMTP.TLS = "ssl" }, want: "digest.smtp.tls"},
		{name: "bad port", edit: func(c *config.Config) { c.Digest.SMTP.Port = 0 }, want: "digest.smtp.port"},
		{name: "no host", edit: func(c *config.Config) { c.Digest.SMTP.Host = "" }, want: "digest.smtp.host"},
		{name: "bad filter", edit: func(c *config.Config) { c.Digest.Subscriptions[0].Filters = map[string]string{"level": "xa"} },
			want: "digest.subscriptions[0].filters"},
		{name: "unknown filter", edit: func(c *config.Config) { c.Digest.Subscriptions[0].Filters = map[string]string{"colour": "red"} },
			want: "digest.subscriptions[0].filters"},
		{name: "bad time zone", edit: func(c *config.Config) { c.Timezone = "Mars/Olympus" }, want: "timezone"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := testConfig(2525, config.Subscription{To: []string{"a@example.org"}})
			tt.edit(&cfg)
			_, err := New(cfg, StoreSource{Archive: st}, st, WithEnviron(tt.env))
			if tt.wantOK {
				if err != nil {
					t.Fatalf("New = %v, want no error", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("New = %v, want an error naming %q", err, tt.want)
			}
		})
	}
}

func TestWatermarkKey(t *testing.T) {
	a := config.Subscription{To: []string{"x@example.org", "y@example.org"}, Filters: map[string]string{"province_now": "Khánh Hòa", "level": "tinh"}}
	b := config.Subscription{To: []string{"y@example.org", "x@example.org"}, Filters: map[string]string{"level": "tinh", "province_now": "Khánh Hòa"}}
	c := config.Subscription{To: a.To, Filters: map[string]string{"province_now": "Vĩnh Long", "level": "tinh"}}
	if watermarkKey(0, a) != watermarkKey(0, b) {
		t.Error("the same subscription, written in another order, got another watermark")
	}
	if watermarkKey(0, a) == watermarkKey(0, c) || watermarkKey(0, a) == watermarkKey(1, a) {
		t.Error("different subscriptions share a watermark")
	}
	if k := watermarkKey(3, a); !strings.HasPrefix(k, "digest/3/") {
		t.Errorf("key %q", k)
	}
}
