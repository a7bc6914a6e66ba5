package sampleportals

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"sync"
	"time"
)

// Request is one request a site received, as recorded by Server.
type Request struct {
	Site, Method, Path, RawQuery, IfNoneMatch, IfModifiedSince, UserAgent string
}

// Server serves every bundled site on its own loopback listener.
type Server struct {
	mu   sync.Mutex
	reqs []Request

	urls    map[string]string
	servers []*http.Server
	wg      sync.WaitGroup
}

// modTime is the Last-Modified of every page: fixed, so that conditional
// requests made across server restarts still answer 304.
var modTime = time.Date(2026, time.February, 10, 0, 0, 0, 0, time.UTC)

// Start serves every site on its own listener at 127.0.0.1:0.
func Start() (*Server, error) {
	return start(func(int) (net.Listener, error) { return net.Listen("tcp", "127.0.0.1:0") })
}

// StartStable serves the sites on fixed loopback ports, base, base+1, … in
// the order of the sites, so that their URLs, and so the IDs of their
// articles, are the same from one run to the next (the demo's links in an
// earlier digest keep working). A port in use falls back to a free one.
func StartStable(base int) (*Server, error) {
	return start(func(i int) (net.Listener, error) {
		if base > 0 && base+i < 65536 {
			if ln, err := net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", base+i)); err == nil {
				return ln, nil
			}
		}
		return net.Listen("tcp", "127.0.0.1:0")
	})
}

// start serves site i on the listener listen(i) returns.
func start(listen func(i int) (net.Listener, error)) (*Server, error) {
	s := &Server{urls: map[string]string{}}
	for i, d := range siteDefs {
		b, err := buildSite(d.site.Name)
		if err != nil {
			s.Close()
			return nil, err
		}
		ln, err := listen(i)
		if err != nil {
			s.Close()
			return nil, fmt.Errorf("listen for site %s: %w", d.site.Name, err)
		}
		name := d.site.Name
		h := siteHandler{b: b}
		srv := &http.Server{
			Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				s.record(Request{
					Site: name, Method: r.Method, Path: r.URL.Path, RawQuery: r.URL.RawQuery,
					IfNoneMatch: r.Header.Get("If-None-Match"), IfModifiedSince: r.Header.Get("If-Modified-Since"),
					UserAgent: r.UserAgent(),
				})
				h.ServeHTTP(w, r)
			}),
			ReadHeaderTimeout: 10 * time.Second,
		}
		s.urls[name] = "http://" + ln.Addr().String()
		s.servers = append(s.servers, srv)
		s.wg.Add(1)
		go func() {
			defer s.wg.Done()
			// Serve returns ErrServerClosed after Close, the expected end; any
			// other error ends this site and its clients then see the failure.
			_ = srv.Serve(ln)
		}()
	}
	return s, nil
}

// URL returns the base URL of a site ("http://127.0.0.1:PORT"), or "" for
// an unknown site.
func (s *Server) URL(site string) string { return s.urls[site] }

// Requests returns every request so far, in order. It is safe for
// concurrent use.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.reqs...)
}

// ResetRequests forgets the recorded requests.
func (s *Server) ResetRequests() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.reqs = nil
}

// Close stops every listener and waits for the serving goroutines.
func (s *Server) Close() {
	for _, srv := range s.servers {
		srv.Close()
	}
	s.wg.Wait()
}

func (s *Server) record(r Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.reqs = append(s.reqs, r)
}

// Handler returns the http.Handler of one site (for tests that want httptest themselves).
func Handler(site string) (http.Handler, error) {
	b, err := buildSite(site)
	if err != nil {
		return nil, err
	}
	return siteHandler{b: b}, nil
}

// siteHandler serves one rendered site.
type siteHandler struct{ b *siteBuild }

func (h siteHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	p, ok := h.b.pages[h.b.route(r.URL)]
	if !ok {
		http.NotFound(w, r)
		return
	}
	o := origin(r)
	body := bytes.ReplaceAll(p.body, []byte(originQueryToken), []byte(url.QueryEscape(o)))
	body = bytes.ReplaceAll(body, []byte(originToken), []byte(o))
	sum := sha256.Sum256(body)
	w.Header().Set("Content-Type", p.contentType)
	for k, v := range p.headers {
		w.Header().Set(k, v)
	}
	w.Header().Set("ETag", `"`+hex.EncodeToString(sum[:10])+`"`)
	http.ServeContent(w, r, "", modTime, bytes.NewReader(body))
}

// origin is the scheme and host the client used, which absolute links on
// the pages must point back to.
func origin(r *http.Request) string {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	host := r.Host
	if host == "" {
		host = "127.0.0.1"
	}
	return scheme + "://" + host
}
