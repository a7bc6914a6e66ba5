package sampleportals

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/unicode/norm"
)

// testHost is the host the in-process requests claim; absolute links on the
// pages then point at it.
const testHost = "portal.test"

// response is one in-process HTTP exchange.
type response struct {
	status int
	header http.Header
	body   []byte
}

// get sends GET target (path+query) to h.
func get(t *testing.T, h http.Handler, target string, hdr map[string]string) response {
	t.Helper()
	req := httptest.NewRequest(http.MethodGet, "http://"+testHost+target, nil)
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	res := rec.Result()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatalf("read %s: %v", target, err)
	}
	return response{status: res.StatusCode, header: res.Header, body: body}
}

var metaCharset = regexp.MustCompile(`(?i)<meta[^>]+charset=["']?([a-z0-9-]+)`)

// text returns the text of the page in NFC, decoding windows-1258 when the page
// declares it (only in <meta>, as a browser would honour it).
func (r response) text(t *testing.T) string {
	t.Helper()
	b := r.body
	if m := metaCharset.FindSubmatch(b); m != nil && strings.EqualFold(string(m[1]), "windows-1258") {
		dec, err := charmap.Windows1258.NewDecoder().Bytes(b)
		if err != nil {
			t.Fatalf("decode windows-1258: %v", err)
		}
		b = dec
	}
	// Concatenated text nodes, as a reader sees them: inline markup such as
	// <span>left</span><span>center</span> then reads "leftcenter".
	var out strings.Builder
	z := html.NewTokenizer(bytes.NewReader(b))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return norm.NFC.String(out.String())
		case html.TextToken:
			out.Write(z.Text())
		}
	}
}

// links returns the href of every <a> on the page, resolved against base.
func links(t *testing.T, base string, body []byte) []*url.URL {
	t.Helper()
	bu, err := url.Parse(base)
	if err != nil {
		t.Fatalf("parse base %s: %v", base, err)
	}
	var out []*url.URL
	z := html.NewTokenizer(bytes.NewReader(body))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return out
		case html.StartTagToken:
			name, hasAttr := z.TagName()
			if string(name) != "a" {
				continue
			}
			for hasAttr {
				var k, v []byte
				k, v, hasAttr = z.TagAttr()
				if string(k) != "href" {
					continue
				}
				u, err := bu.Parse(string(v))
				if err == nil {
					out = append(out, u)
				}
			}
		}
	}
}

var canonicalRe = regexp.MustCompile(`<link rel="canonical" href="([^"]+)"`)

// canonicalPath returns the path of the page's <link rel="canonical">, if any.
func canonicalPath(body []byte) string {
	m := canonicalRe.FindSubmatch(body)
	if m == nil {
		return ""
	}
	u, err := url.Parse(html.UnescapeString(string(m[1])))
	if err != nil {
		return ""
	}
	return u.RequestURI()
}

// stripTracking removes the fragment and utm_* parameters, as a crawler's
// URL canonicalization does.
func stripTracking(u *url.URL) *url.URL {
	c := *u
	c.Fragment = ""
	q := c.Query()
	for k := range q {
		if strings.HasPrefix(k, "utm_") {
			q.Del(k)
		}
	}
	c.RawQuery = q.Encode()
	return &c
}

// pathQuery is the path plus query of a URL in the form Expected uses.
func pathQuery(u *url.URL) string {
	if u.RawQuery == "" {
		return u.EscapedPath()
	}
	return u.EscapedPath() + "?" + u.RawQuery
}
