package web

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/vksnews/vksnews/internal/synthcorpus"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/gorillamux"

	"github.com/vksnews/vksnews/index"
	"github.com/vksnews/vksnews/internal/article"
)

// testAPI serves the API over a real index of synthetic articles.
type testAPI struct {
	*httptest.Server
	articles map[string]article.Article
	crawls   atomic.Int32
	router   routers.Router
}

func newTestAPI(t *testing.T) *testAPI {
	t.Helper()
	arts := synthcorpus.Articles(200, 7)
	ix := openIndexOf(t, "api-200", arts)
	api := &testAPI{articles: map[string]article.Article{}}
	for _, a := range arts {
		api.articles[a.ID] = a
	}
	loc, _ := time.LoadLocation("Asia/Ho_Chi_Minh")
	srv := &Server{
		Search:   ix,
		Location: loc,
		Article: func(_ context.Context, id string) (article.Article, bool, error) {
			a, ok := api.articles[id]
			return a, ok, nil
		},
		Sources: func(context.Context) ([]Source, error) {
			now := time.Now()
			return []Source{{Portal: "khanhhoa", Title: "VKSND tỉnh Khánh Hòa", Status: "ok", LastRun: &now, Articles: 200}}, nil
		},
		StartCrawl: func() error {
			if api.crawls.Add(1) > 1 {
				return ErrCrawlRunning
			}
			return nil
		},
		AdminToken: "s3cret",
	}
	api.Server = httptest.NewServer(srv.Handler())
	t.Cleanup(api.Close)

	api.router = openAPIRouter(t, api.URL)
	return api
}

// openAPIRouter validates openapi.json and returns its router for a
// server at base, to check requests and answers against it.
func openAPIRouter(t *testing.T, base string) routers.Router {
	t.Helper()
	doc, err := openapi3.NewLoader().LoadFromData(openAPI)
	if err != nil {
		t.Fatal(err)
	}
	if err := doc.Validate(context.Background()); err != nil {
		t.Fatalf("openapi.json is invalid: %v", err)
	}
	doc.Servers = openapi3.Servers{{URL: base}}
	router, err := gorillamux.NewRouter(doc)
	if err != nil {
		t.Fatal(err)
	}
	return router
}

// do makes a request and checks the response against the OpenAPI document.
func (api *testAPI) do(t *testing.T, method, path string, hdr http.Header) (int, []byte) {
	t.Helper()
	req, _ := http.NewRequest(method, api.URL+path, nil)
	for k, v := range hdr {
		req.Header[k] = v
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	route, params, err := api.router.FindRoute(req)
	if err == nil {
		in := &openapi3filter.RequestValidationInput{Request: req, PathParams: params, Route: route,
			Options: &openapi3filter.Options{AuthenticationFunc: openapi3filter.NoopAuthenticationFunc}}
		out := &openapi3filter.ResponseValidationInput{RequestValidationInput: in, Status: resp.StatusCode,
			Header: resp.Header, Body: io.NopCloser(bytes.NewReader(body))}
		if err := openapi3filter.ValidateResponse(context.Background(), out); err != nil {
			t.Errorf("%s %s: response does not match openapi.json: %v", method, path, err)
		}
	}
	return resp.StatusCode, body
}

func TestSearchAPI(t *testing.T) {
	api := newTestAPI(t)
	code, body := api.do(t, "GET", "/api/search?q=vien+kiem+sat&size=5", nil)
	if code != 200 {
		t.Fatalf("search: %d %s", code, body)
	}
	var res searchResponse
	if err := json.Unmarshal(body, &res); err != nil {
		t.Fatal(err)
	}
	if res.Total == 0 || len(res.Hits) != 5 || len(res.Facets) != len(facetNames) {
		t.Errorf("total %d, hits %d, facets %d", res.Total, len(res.Hits), len(res.Facets))
	}
	// Filters narrow, sort by date orders.
	lvl := res.Hits[0].Article.Unit.Level
	code, body = api.do(t, "GET", "/api/search?"+url.Values{"level": {lvl}, "sort": {"date"}, "size": {"50"}}.Encode(), nil)
	var f searchResponse
	json.Unmarshal(body, &f)
	if code != 200 || f.Total == 0 || f.Total > 200 {
		t.Fatalf("filtered: %d total %d", code, f.Total)
	}
	for i, h := range f.Hits {
		if i > 0 && h.Article.Published != nil && f.Hits[i-1].Article.Published != nil && h.Article.Published.After(*f.Hits[i-1].Article.Published) {
			t.Errorf("sort=date: hit %d newer than hit %d", i, i-1)
		}
	}
}

func TestSearchBadInput(t *testing.T) {
	api := newTestAPI(t)
	tests := []string{
		"q=%22unbalanced",
		"q=-",
		"q=" + url.QueryEscape(strings.Repeat("viện ", 2000)),
		"q=%FF%FE",
		"size=-1",
		"size=101",
		"page=1e9",
		"page=0",
		"page=200&size=100",
		"level=xa",
		"event_type=party",
		"from=2024-02-31",
		"from=2024-05-01&to=2024-04-01",
		"sort=random",
		"province=%C3",
	}
	for _, q := range tests {
		code, body := api.do(t, "GET", "/api/search?"+q, nil)
		var e apiError
		if code != http.StatusBadRequest || json.Unmarshal(body, &e) != nil || e.Error == "" {
			t.Errorf("%s: %d %s; want 400 with a JSON error", q, code, body)
		}
	}
	// Query syntax of other engines is plain text, not an error and not a 500.
	for _, q := range []string{`title:x`, `\`, `a AND b`, `*`, `(`, `"" x`} {
		if code, body := api.do(t, "GET", "/api/search?"+url.Values{"q": {q}}.Encode(), nil); code >= 500 {
			t.Errorf("q=%q: %d %s", q, code, body)
		}
	}
}

func TestArticleAndSources(t *testing.T) {
	api := newTestAPI(t)
	var id string
	for id = range api.articles {
		break
	}
	code, body := api.do(t, "GET", "/api/articles/"+id, nil)
	var a article.Article
	if code != 200 || json.Unmarshal(body, &a) != nil || a.ID != id {
		t.Errorf("article: %d %s", code, body)
	}
	if code, _ := api.do(t, "GET", "/api/articles/nope", nil); code != 404 {
		t.Errorf("unknown article: %d", code)
	}
	if code, body := api.do(t, "GET", "/api/sources", nil); code != 200 || !strings.Contains(string(body), `"khanhhoa"`) {
		t.Errorf("sources: %d %s", code, body)
	}
	if code, _ := api.do(t, "GET", "/healthz", nil); code != 200 {
		t.Errorf("healthz: %d", code)
	}
	code, body = api.do(t, "GET", "/metrics", nil)
	if code != 200 || !strings.Contains(string(body), `vksnews_http_requests_total{code="200",route="/api/sources"} 1`) {
		t.Errorf("metrics: %d\n%s", code, body)
	}
	if code, _ := api.do(t, "GET", "/api/nothing", nil); code != 404 {
		t.Errorf("unknown route: %d", code)
	}
}

func TestCrawlTrigger(t *testing.T) {
	api := newTestAPI(t)
	tests := []struct {
		auth string
		want int
	}{
		{"", http.StatusUnauthorized},
		{"Bearer wrong", http.StatusUnauthorized},
		{"Basic czNjcmV0", http.StatusUnauthorized},
		{"Bearer s3cret", http.StatusAccepted},
		{"Bearer s3cret", http.StatusConflict},
	}
	for _, tt := range tests {
		hdr := http.Header{}
		if tt.auth != "" {
			hdr.Set("Authorization", tt.auth)
		}
		if code, body := api.do(t, "POST", "/api/crawl", hdr); code != tt.want {
			t.Errorf("Authorization %q: %d %s, want %d", tt.auth, code, body, tt.want)
		}
	}
	disabled := httptest.NewServer((&Server{}).Handler())
	defer disabled.Close()
	resp, err := http.Post(disabled.URL+"/api/crawl", "", nil)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusForbidden {
		t.Errorf("crawl with no token configured: %d", resp.StatusCode)
	}
}

func TestSearchRequestErrorsWrapBadRequest(t *testing.T) {
	for _, q := range []string{"page=x", "size=0", "sort=x", "level=x", "q=%FF"} {
		v, _ := url.ParseQuery(q)
		if _, err := SearchRequest(v); !errors.Is(err, index.ErrBadRequest) {
			t.Errorf("%s: %v", q, err)
		}
	}
}
