package web

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Hardening that applies to every route, so that a route added later is
// covered without thinking about it: the security headers, the checks of the
// request's size and query string, and the 405 answers of the fallbacks.

// MaxHeaderBytes is the limit to give http.Server.MaxHeaderBytes. It is
// well above the limits harden checks, so that an oversized request reaches
// harden and gets a JSON error; only past it does net/http answer a plain
// text 431 itself (documented in openapi.json).
const MaxHeaderBytes = 1 << 20

const (
	// maxURIBytes bounds the request target (path and query): a search
	// URL with every filter set is well under 2 KB.
	maxURIBytes = 8 << 10
	// maxHeadersBytes bounds the request's header fields, URL excluded.
	maxHeadersBytes = 32 << 10
	// maxEchoBytes bounds the input quoted back in an error message.
	maxEchoBytes = 64
	// maxErrorBytes bounds an error message, whatever it quotes.
	maxErrorBytes = 300
)

// harden wraps the whole mux: the security headers are set before any
// handler runs, so that they are on every answer, the mux's own redirects
// and 404s included; requests too large or with a query string that does
// not decode are refused before any route sees them.
func (s *Server) harden(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		setSecurityHeaders(w.Header())
		// A 400 rather than a 414: DESIGN.md's contract is that bad input
		// gets a 400 with a JSON error, and an overlong query is bad input.
		if len(r.RequestURI) > maxURIBytes {
			s.refuse(w, r, http.StatusBadRequest, "request URL longer than "+strconv.Itoa(maxURIBytes)+" bytes")
			return
		}
		if headerBytes(r.Header) > maxHeadersBytes {
			s.refuse(w, r, http.StatusRequestHeaderFieldsTooLarge, "request headers larger than "+strconv.Itoa(maxHeadersBytes)+" bytes")
			return
		}
		// r.URL.Query() silently drops a pair that does not decode, so
		// that q=%ZZ would search for everything.
		if _, err := url.ParseQuery(r.URL.RawQuery); err != nil {
			s.refuse(w, r, http.StatusBadRequest, "bad query string: "+err.Error())
			return
		}
		h.ServeHTTP(w, r)
	})
}

// headerBytes is the size of the header fields as sent ("Name: value\r\n").
func headerBytes(h http.Header) int {
	n := 0
	for k, vs := range h {
		for _, v := range vs {
			n += len(k) + len(v) + 4
		}
	}
	return n
}

// wantsJSON reports whether r is for a route that answers JSON (or
// Prometheus text) rather than an HTML page.
func wantsJSON(r *http.Request) bool {
	p := r.URL.Path
	return strings.HasPrefix(p, "/api/") || p == "/api" || p == "/healthz" || p == "/metrics"
}

// refuse answers an error in the form the route would: a JSON error under
// /api/, the HTML error page elsewhere.
func (s *Server) refuse(w http.ResponseWriter, r *http.Request, code int, msg string) {
	if wantsJSON(r) {
		writeError(w, code, msg)
		return
	}
	s.renderError(w, r, code, msg)
}

// probeMethods are the methods a 405's Allow header may list.
var probeMethods = []string{http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete}

// fallback returns the handler of a catch-all pattern: a 405 with an Allow
// header when another route of mux serves r's path with other methods (the
// catch-all matches every method, so it hides net/http's own 405), and
// notFound otherwise.
func (s *Server) fallback(mux *http.ServeMux, pattern string, notFound http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		allow := allowedMethods(mux, r, pattern)
		if len(allow) == 0 {
			notFound(w, r)
			return
		}
		w.Header().Set("Allow", strings.Join(allow, ", "))
		s.refuse(w, r, http.StatusMethodNotAllowed, "method "+quoteInput(r.Method)+" not allowed on "+
			quoteInput(r.URL.Path)+" (allowed: "+strings.Join(allow, ", ")+")")
	}
}

// allowedMethods lists the methods for which mux routes r's path to a
// pattern other than the catch-all one.
func allowedMethods(mux *http.ServeMux, r *http.Request, catchAll string) []string {
	var allow []string
	for _, m := range probeMethods {
		probe := *r
		probe.Method = m
		if _, p := mux.Handler(&probe); p != "" && p != catchAll {
			allow = append(allow, m)
		}
	}
	return allow
}

// quoteInput quotes a piece of the request for an error message, cut to
// maxEchoBytes at a character boundary; writeError escapes its markup.
func quoteInput(s string) string {
	return strconv.Quote(truncate(s, maxEchoBytes))
}

// truncate cuts s to at most n bytes, at a character boundary, marking the
// cut with "…".
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}

// writeError answers a JSON error. The message is cut to maxErrorBytes and
// its <, > and & are escaped (\u003c…), so that input it quotes can never
// be read as markup, whatever a client does with the body.
func writeError(w http.ResponseWriter, code int, msg string) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(code)
	json.NewEncoder(w).Encode(apiError{Error: truncate(msg, maxErrorBytes)})
}
