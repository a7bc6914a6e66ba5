package web

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/prometheus/client_golang/prometheus"
)

// Handler may be called more than once (a test server and a main server,
// say): every call returns the one handler, with the one set of metrics.
func TestHandlerTwice(t *testing.T) {
	s := &Server{Registry: prometheus.NewRegistry()}
	first := s.Handler()
	second := s.Handler() // used to panic: metrics registered twice
	for i, h := range []http.Handler{first, second, first} {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", "/healthz", nil))
		if rec.Code != http.StatusOK {
			t.Fatalf("healthz through handler %d: %d", i, rec.Code)
		}
	}
	rec := httptest.NewRecorder()
	second.ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	body := rec.Body.String()
	for _, want := range []string{
		`vksnews_http_requests_total{code="200",route="/healthz"} 3`,
		`vksnews_http_request_duration_seconds_count{route="/healthz"} 3`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("metrics lack %s:\n%s", want, body)
		}
	}
}

// A handler that never calls WriteHeader is counted as 200, and an error
// status under its own code.
func TestMetricsCodes(t *testing.T) {
	s := &Server{Registry: prometheus.NewRegistry()}
	h := s.Handler()
	for _, path := range []string{"/api/openapi.json", "/api/nothing", "/api/nothing"} {
		h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", path, nil))
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	for _, want := range []string{
		`vksnews_http_requests_total{code="200",route="/api/openapi.json"} 1`,
		`vksnews_http_requests_total{code="404",route="/api/"} 2`,
	} {
		if !strings.Contains(rec.Body.String(), want) {
			t.Errorf("metrics lack %s", want)
		}
	}
}
