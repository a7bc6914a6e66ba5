package web

import (
	"encoding/json"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"
)

// noRedirect is a client that shows redirects instead of following them.
var noRedirect = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

func get(t *testing.T, method, url string, hdr http.Header) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range hdr {
		req.Header[k] = v
	}
	resp, err := noRedirect.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp, body
}

// TestSecurityHeadersEverywhere checks that every answer carries the
// security headers: API answers, errors, and net/http's own redirects.
func TestSecurityHeadersEverywhere(t *testing.T) {
	api := newTestAPI(t)
	tests := []struct {
		method, path string
		code         int
	}{
		{"GET", "/api/search?q=vien", 200},
		{"GET", "/api/search?sort=x", 400},
		{"GET", "/api/articles/nope", 404},
		{"GET", "/api/sources", 200},
		{"GET", "/api/openapi.json", 200},
		{"GET", "/api/nothing", 404},
		{"POST", "/api/crawl", 401},
		{"PUT", "/api/search", 405},
		{"GET", "/healthz", 200},
		{"GET", "/metrics", 200},
		{"GET", "/api", http.StatusTemporaryRedirect},         // the mux adds the slash
		{"GET", "/api//search", http.StatusTemporaryRedirect}, // the mux cleans the path
		{"GET", "/api/search?q=%ZZ", 400},
		{"GET", "/", 200},
		{"GET", "/static/nope.css", 404},
	}
	for _, tt := range tests {
		resp, body := get(t, tt.method, api.URL+tt.path, nil)
		if resp.StatusCode != tt.code {
			t.Errorf("%s %s: %d %s, want %d", tt.method, tt.path, resp.StatusCode, body, tt.code)
		}
		for _, h := range []string{"X-Content-Type-Options", "X-Frame-Options", "Content-Security-Policy", "Referrer-Policy"} {
			if resp.Header.Get(h) == "" {
				t.Errorf("%s %s: no %s", tt.method, tt.path, h)
			}
		}
		if got := resp.Header.Get("X-Content-Type-Options"); got != "nosniff" {
			t.Errorf("%s %s: X-Content-Type-Options %q", tt.method, tt.path, got)
		}
	}
}

// TestErrorsEchoInputSafely checks that input echoed in a JSON error has
// no raw markup and is cut short.
func TestErrorsEchoInputSafely(t *testing.T) {
	api := newTestAPI(t)
	long := strings.Repeat("<b>x</b>", 500)
	for _, path := range []string{
		"/api/search?sort=%3Cscript%3Ealert(1)%3C/script%3E",
		"/api/search?sort=" + long,
		"/api/search?page=" + long,
		"/api/search?level=" + strings.Repeat("<i>", 60),
		"/api/%3Cscript%3Ealert(1)%3C/script%3E",
		"/api/articles/%3Cscript%3E" + long,
	} {
		resp, body := get(t, "GET", api.URL+path, nil)
		var e apiError
		if err := json.Unmarshal(body, &e); err != nil || e.Error == "" {
			t.Errorf("%s: %d %s: not a JSON error", path, resp.StatusCode, body)
			continue
		}
		if strings.ContainsAny(string(body), "<>") {
			t.Errorf("%s: raw markup in %s", path, body)
		}
		if len(e.Error) > 300 {
			t.Errorf("%s: error of %d bytes, want at most 300", path, len(e.Error))
		}
		if !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") {
			t.Errorf("%s: Content-Type %q", path, resp.Header.Get("Content-Type"))
		}
	}
	// The quoted input is still readable once decoded.
	_, body := get(t, "GET", api.URL+"/api/search?sort=%3Cb%3E", nil)
	var e apiError
	json.Unmarshal(body, &e)
	if !strings.Contains(e.Error, `"<b>"`) {
		t.Errorf("error %q does not quote the input", e.Error)
	}
}

// TestWrongMethod checks that a method a route does not answer gets a 405
// with an Allow header (JSON under /api/), and an unknown route a 404.
func TestWrongMethod(t *testing.T) {
	api := newTestAPI(t)
	tests := []struct {
		path  string
		allow string
	}{
		{"/api/search", "GET, HEAD"},
		{"/api/articles/x", "GET, HEAD"},
		{"/api/sources", "GET, HEAD"},
		{"/api/openapi.json", "GET, HEAD"},
		{"/healthz", "GET, HEAD"},
		{"/metrics", "GET, HEAD"},
		{"/", "GET, HEAD"},
		{"/sources", "GET, HEAD"},
		{"/export.csv", "GET, HEAD"},
	}
	for _, tt := range tests {
		for _, m := range []string{"PUT", "DELETE", "PATCH", "OPTIONS", "POST"} {
			resp, body := get(t, m, api.URL+tt.path, nil)
			if resp.StatusCode != http.StatusMethodNotAllowed || resp.Header.Get("Allow") != tt.allow {
				t.Errorf("%s %s: %d Allow %q, want 405 Allow %q", m, tt.path, resp.StatusCode, resp.Header.Get("Allow"), tt.allow)
			}
			if strings.HasPrefix(tt.path, "/api/") {
				var e apiError
				if json.Unmarshal(body, &e) != nil || !strings.Contains(e.Error, m) {
					t.Errorf("%s %s: body %s, want a JSON error naming the method", m, tt.path, body)
				}
			}
		}
	}
	resp, _ := get(t, "GET", api.URL+"/api/crawl", nil)
	if resp.StatusCode != http.StatusMethodNotAllowed || resp.Header.Get("Allow") != "POST" {
		t.Errorf("GET /api/crawl: %d Allow %q", resp.StatusCode, resp.Header.Get("Allow"))
	}
	for _, m := range []string{"GET", "PUT"} {
		if resp, _ := get(t, m, api.URL+"/api/nothing", nil); resp.StatusCode != http.StatusNotFound {
			t.Errorf("%s /api/nothing: %d, want 404", m, resp.StatusCode)
		}
	}
}

// TestBadPercentEscape checks that a query string that does not decode is
// refused, not read as an empty query.
func TestBadPercentEscape(t *testing.T) {
	api := newTestAPI(t)
	for _, path := range []string{
		"/api/search?q=%ZZ%C3",
		"/api/search?q=vien&province=%G1",
		"/api/search?q=a%",
		"/api/search?q=a;b",
		"/export.csv?q=%ZZ",
		"/export.jsonl?q=%ZZ",
		"/?q=%ZZ",
		"/feed.atom?q=%ZZ",
	} {
		resp, body := get(t, "GET", api.URL+path, nil)
		if resp.StatusCode != http.StatusBadRequest {
			t.Errorf("%s: %d, want 400", path, resp.StatusCode)
		}
		if strings.HasPrefix(path, "/api/") {
			var e apiError
			if json.Unmarshal(body, &e) != nil || !strings.Contains(e.Error, "query string") {
				t.Errorf("%s: body %s", path, body)
			}
		}
	}
}

// TestOversizedRequests checks that a long query string and large headers
// get a JSON error from our handler rather than net/http's plain text.
func TestOversizedRequests(t *testing.T) {
	api := newTestAPI(t)
	resp, body := get(t, "GET", api.URL+"/api/search?q="+strings.Repeat("a", 64<<10), nil)
	var e apiError
	if resp.StatusCode != http.StatusBadRequest || json.Unmarshal(body, &e) != nil {
		t.Errorf("64 KB query: %d %q", resp.StatusCode, body)
	}
	hdr := http.Header{"X-Big": {strings.Repeat("b", 40<<10)}}
	resp, body = get(t, "GET", api.URL+"/api/search", hdr)
	if resp.StatusCode != http.StatusRequestHeaderFieldsTooLarge || json.Unmarshal(body, &e) != nil {
		t.Errorf("40 KB header: %d %q", resp.StatusCode, body)
	}
	// A request line with a NUL byte never reaches a handler: net/http
	// answers it (documented in openapi.json). It must not hang or 5xx.
	conn, err := net.DialTimeout("tcp", strings.TrimPrefix(api.URL, "http://"), time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(5 * time.Second))
	io.WriteString(conn, "GET /api/search?q=a\x00b HTTP/1.1\r\nHost: x\r\n\r\n")
	buf := make([]byte, 64)
	n, _ := io.ReadAtLeast(conn, buf, 12)
	if !strings.HasPrefix(string(buf[:n]), "HTTP/1.1 400") {
		t.Errorf("NUL in the request line: %q", buf[:n])
	}
}

// TestOpenAPIDocumentsHardening checks that openapi.json declares the
// answers harden gives on every route, and names what net/http answers alone.
func TestOpenAPIDocumentsHardening(t *testing.T) {
	var doc struct {
		Info  struct{ Description string }
		Paths map[string]map[string]struct {
			Responses map[string]any
		}
	}
	if err := json.Unmarshal(openAPI, &doc); err != nil {
		t.Fatal(err)
	}
	for path, ops := range doc.Paths {
		for m, op := range ops {
			for _, code := range []string{"400", "405", "431"} {
				if _, ok := op.Responses[code]; !ok {
					t.Errorf("%s %s: no %s response", m, path, code)
				}
			}
		}
	}
	for _, s := range []string{"text/plain", "NUL", "1 MiB", "nosniff"} {
		if !strings.Contains(doc.Info.Description, s) {
			t.Errorf("info.description does not mention %q", s)
		}
	}
}
