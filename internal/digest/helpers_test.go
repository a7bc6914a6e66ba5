package digest

import (
	"bytes"
	"crypto/tls"
	"io"
	"mime"
	"mime/multipart"
	"net/mail"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/vksnews/vksnews/config"
	"github.com/vksnews/vksnews/internal/article"
	"github.com/vksnews/vksnews/internal/store"
)

var hcm = mustLoc("Asia/Ho_Chi_Minh")

func mustLoc(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

// day0 is the digest time of the tests: 22/11/2026 07:00 in Vietnam.
var day0 = time.Date(2026, 11, 22, 7, 0, 0, 0, hcm)

// openStore opens a real store in a temp dir.
func openStore(t *testing.T) *store.Store {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), "vksnews.db"), 0)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = st.Close() })
	return st
}

// art describes a test article.
type art struct {
	id, title, provinceNow, event, portal string
	seen                                  time.Time
}

// put stores a as first seen at a.seen.
func put(t *testing.T, st *store.Store, a art) article.Article {
	t.Helper()
	pub := a.seen.Add(-2 * time.Hour)
	ed := article.DateOf(pub.In(hcm))
	portal := a.portal
	if portal == "" {
		portal = "khanhhoa"
	}
	unitName := "VKSND tỉnh " + a.provinceNow
	if a.provinceNow == "" {
		unitName = ""
	}
	x := article.Article{
		ID: a.id, URL: "https://vks.example.gov.vn/tin/" + a.id + ".html", Portal: portal,
		Title: a.title, Published: &pub, EventDate: &ed,
		Unit:       article.Unit{Name: unitName, Level: article.LevelTinh, Province: a.provinceNow, ProvinceNow: a.provinceNow},
		Officials:  []article.Official{{Name: "Nguyễn Văn An", Title: "Viện trưởng", Unit: unitName}},
		EventTypes: []string{a.event}, Body: "Nội dung " + a.title, FetchedAt: a.seen,
	}
	raw := article.Raw{URL: x.URL, Portal: portal, Title: a.title, FetchedAt: a.seen, Status: 200}
	if _, err := st.Put([]byte("<html></html>"), raw, x, a.seen); err != nil {
		t.Fatal(err)
	}
	return x
}

// testConfig is a valid config sending to 127.0.0.1:port without TLS.
func testConfig(port int, subs ...config.Subscription) config.Config {
	c := config.Default()
	c.Digest.SMTP = config.SMTP{Host: "127.0.0.1", Port: port, PasswordEnv: "VKSNEWS_SMTP_PASSWORD",
		From: "vksnews <noreply@example.org>", TLS: "none"}
	c.Digest.Since = 24 * time.Hour
	c.Digest.Subscriptions = subs
	return c
}

// newDigest builds a Digest over st with fast retries.
func newDigest(t *testing.T, cfg config.Config, st *store.Store, opts ...Option) *Digest {
	t.Helper()
	opts = append([]Option{withRetry(2, time.Millisecond), withTimeout(5 * time.Second)}, opts...)
	d, err := New(cfg, StoreSource{Archive: st, Loc: hcm}, st, opts...)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// parsed is a received message parsed as MIME.
type parsed struct {
	Header      mail.Header
	Subject     string // decoded
	Text, HTML  string // decoded parts
	ContentType string
}

// parse parses raw as an RFC 5322 message with a multipart/alternative body
// of a text/plain and a text/html part, failing the test otherwise.
func parse(t *testing.T, raw []byte) parsed {
	t.Helper()
	m, err := mail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		t.Fatalf("message does not parse: %v\n%s", err, raw)
	}
	var p parsed
	p.Header = m.Header
	dec := new(mime.WordDecoder)
	if p.Subject, err = dec.DecodeHeader(m.Header.Get("Subject")); err != nil {
		t.Fatalf("subject %q: %v", m.Header.Get("Subject"), err)
	}
	mt, params, err := mime.ParseMediaType(m.Header.Get("Content-Type"))
	if err != nil {
		t.Fatal(err)
	}
	p.ContentType = mt
	if mt != "multipart/alternative" {
		t.Fatalf("Content-Type %q, want multipart/alternative", mt)
	}
	mr := multipart.NewReader(m.Body, params["boundary"])
	for {
		part, err := mr.NextPart() // decodes quoted-printable itself
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		body, err := io.ReadAll(part)
		if err != nil {
			t.Fatal(err)
		}
		ct, _, _ := mime.ParseMediaType(part.Header.Get("Content-Type"))
		switch ct {
		case "text/plain":
			p.Text = string(body)
		case "text/html":
			p.HTML = string(body)
		default:
			t.Errorf("unexpected part %q", ct)
		}
	}
	if p.Text == "" || p.HTML == "" {
		t.Fatalf("want both a text and an HTML part; text %d bytes, html %d bytes", len(p.Text), len(p.HTML))
	}
	return p
}

// watermark returns the stored watermark of subscription i of d.
func watermark(t *testing.T, d *Digest, st *store.Store, i int) (time.Time, bool) {
	t.Helper()
	b, ok, err := st.GetMeta(d.subs[i].key)
	if err != nil {
		t.Fatal(err)
	}
	if !ok {
		return time.Time{}, false
	}
	var w time.Time
	if err := w.UnmarshalText(b); err != nil {
		t.Fatal(err)
	}
	return w, true
}

// ids returns the article IDs linked from a text part, in order.
func ids(text string) []string {
	var out []string
	for _, line := range strings.Split(text, "\n") {
		if _, id, ok := strings.Cut(line, "/articles/"); ok {
			out = append(out, strings.TrimSpace(id))
		}
	}
	return out
}

// withTimeout bounds each SMTP connection attempt (default 30s).
func withTimeout(d time.Duration) Option { return func(o *options) { o.timeout = d } }

// withRetry sets how many times a message is tried in one run (default 3)
// and the first wait between tries (default 5s): tests retry fast.
func withRetry(attempts int, backoff time.Duration) Option {
	return func(o *options) { o.attempts, o.backoff = attempts, backoff }
}

// withTLSConfig sets the TLS configuration for starttls and tls, so that
// tests can trust their own server's certificate.
func withTLSConfig(c *tls.Config) Option { return func(o *options) { o.tlsConfig = c } }
