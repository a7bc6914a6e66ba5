package web

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"

	"github.com/vksnews/vksnews/internal/store"
)

// savedAPI serves the saved-search routes over a real store.
type savedAPI struct {
	*httptest.Server
	router routers.Router
}

func newSavedAPI(t *testing.T, token string) *savedAPI {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), "vksnews.db"), time.Second)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	srv := &Server{Saved: st, AdminToken: token, Location: time.UTC}
	api := &savedAPI{Server: httptest.NewServer(srv.Handler())}
	t.Cleanup(api.Close)
	api.router = openAPIRouter(t, api.URL)
	return api
}

// do sends a request with a JSON body and checks the request and the
// response against openapi.json.
func (api *savedAPI) do(t *testing.T, method, path, token, body string) (int, []byte) {
	t.Helper()
	req, _ := http.NewRequest(method, api.URL+path, strings.NewReader(body))
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	out, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	vreq, _ := http.NewRequest(method, api.URL+path, strings.NewReader(body))
	vreq.Header = req.Header
	route, params, err := api.router.FindRoute(vreq)
	if err != nil {
		t.Fatalf("%s %s: not in openapi.json: %v", method, path, err)
	}
	in := &openapi3filter.RequestValidationInput{Request: vreq, PathParams: params, Route: route,
		Options: &openapi3filter.Options{AuthenticationFunc: openapi3filter.NoopAuthenticationFunc, ExcludeRequestBody: resp.StatusCode >= 400}}
	if err := openapi3filter.ValidateRequest(context.Background(), in); err != nil && resp.StatusCode < 400 {
		t.Errorf("%s %s: request does not match openapi.json: %v", method, path, err)
	}
	rv := &openapi3filter.ResponseValidationInput{RequestValidationInput: in, Status: resp.StatusCode,
		Header: resp.Header, Body: io.NopCloser(bytes.NewReader(out))}
	if err := openapi3filter.ValidateResponse(context.Background(), rv); err != nil {
		t.Errorf("%s %s: response does not match openapi.json: %v", method, path, err)
	}
	return resp.StatusCode, out
}

func TestSavedSearchesAPI(t *testing.T) {
	api := newSavedAPI(t, "s3cret")
	if code, body := api.do(t, "GET", "/api/saved-searches", "", ""); code != 200 || strings.TrimSpace(string(body)) != "[]" {
		t.Fatalf("empty list: %d %s", code, body)
	}
	post := `{"name":"Tập huấn Khánh Hòa","query":"tập huấn","filters":{"province_now":"Khánh Hòa"},"delivery":"alert","recipients":["analyst@example.org"]}`
	// Writes need the token when one is set.
	for _, tok := range []string{"", "wrong"} {
		if code, _ := api.do(t, "POST", "/api/saved-searches", tok, post); code != http.StatusUnauthorized {
			t.Errorf("POST with token %q: %d, want 401", tok, code)
		}
	}
	code, body := api.do(t, "POST", "/api/saved-searches", "s3cret", post)
	var ss savedSearchOut
	if code != http.StatusCreated || json.Unmarshal(body, &ss) != nil || ss.ID == "" {
		t.Fatalf("create: %d %s", code, body)
	}
	if ss.Delivery != "alert" || ss.Filters["province_now"] != "Khánh Hòa" || !strings.HasPrefix(ss.FeedURL, "/feed.atom?") ||
		!strings.Contains(ss.FeedURL, "province_now=") {
		t.Errorf("created %+v", ss)
	}
	// Edit it by posting back what GET returned, renamed.
	code, body = api.do(t, "GET", "/api/saved-searches/"+ss.ID, "", "")
	if code != 200 {
		t.Fatalf("get: %d %s", code, body)
	}
	var got map[string]any
	json.Unmarshal(body, &got)
	got["name"] = "Đổi tên"
	edit, _ := json.Marshal(got)
	if code, body := api.do(t, "POST", "/api/saved-searches", "s3cret", string(edit)); code != 200 || !strings.Contains(string(body), "Đổi tên") {
		t.Errorf("edit: %d %s", code, body)
	}
	// What the store sets is ignored in any form, never stored.
	junk := fmt.Sprintf(`{"id":%q,"name":"Đổi tên","created":"not a time","updated":7,"feed_url":"/elsewhere"}`, ss.ID)
	if code, body := api.do(t, "POST", "/api/saved-searches", "s3cret", junk); code != 200 || strings.Contains(string(body), "not a time") {
		t.Errorf("post back with junk read-only fields: %d %s", code, body)
	}
	code, body = api.do(t, "GET", "/api/saved-searches", "", "")
	var list []savedSearchOut
	if code != 200 || json.Unmarshal(body, &list) != nil || len(list) != 1 || list[0].Name != "Đổi tên" {
		t.Errorf("list: %d %s", code, body)
	}
	// Bad input is a 400 naming every problem.
	bad := []struct{ body, want string }{
		{`{"name":"","delivery":"sms"}`, "name: required"},
		{`{"name":"x","delivery":"sms"}`, "delivery: want digest, alert or feed"},
		{`{"name":"x","delivery":"alert"}`, "recipients: required"},
		{`{"name":"x","recipients":["not an address"]}`, "invalid address"},
		{`{"name":"x","filters":{"level":"xa"}}`, "level: unknown level"},
		{`{"name":"x","filters":{"colour":"red"}}`, "unknown filter"},
		{`{"name":"x","query":"\"open"}`, "unbalanced quote"},
		{`{"name":"x","nme":"typo"}`, "unknown field"},
		{`not json`, "body: want a JSON object"},
		{`{"id":"999","name":"x"}`, "no saved search"},
	}
	for _, b := range bad {
		code, body := api.do(t, "POST", "/api/saved-searches", "s3cret", b.body)
		var e apiError
		if code/100 != 4 || json.Unmarshal(body, &e) != nil || !strings.Contains(e.Error, b.want) {
			t.Errorf("POST %s: %d %s; want 4xx with %q", b.body, code, body, b.want)
		}
	}
	// Delete needs the token too.
	if code, _ := api.do(t, "DELETE", "/api/saved-searches/"+ss.ID, "", ""); code != http.StatusUnauthorized {
		t.Errorf("DELETE without token: %d", code)
	}
	if code, _ := api.do(t, "DELETE", "/api/saved-searches/"+ss.ID, "s3cret", ""); code != http.StatusNoContent {
		t.Errorf("DELETE: %d", code)
	}
	if code, _ := api.do(t, "DELETE", "/api/saved-searches/"+ss.ID, "s3cret", ""); code != http.StatusNotFound {
		t.Errorf("second DELETE: %d", code)
	}
	if code, _ := api.do(t, "GET", "/api/saved-searches/"+ss.ID, "", ""); code != http.StatusNotFound {
		t.Errorf("GET deleted: %d", code)
	}
}

func TestSavedSearchesWithoutToken(t *testing.T) {
	// With no admin token set, writes are open (DESIGN.md).
	api := newSavedAPI(t, "")
	code, body := api.do(t, "POST", "/api/saved-searches", "", `{"name":"Mọi bài","query":""}`)
	var ss savedSearchOut
	if code != http.StatusCreated || json.Unmarshal(body, &ss) != nil || ss.Delivery != "feed" || ss.Recipients == nil {
		t.Fatalf("create without token: %d %s", code, body)
	}
	if code, _ := api.do(t, "DELETE", "/api/saved-searches/"+ss.ID, "", ""); code != http.StatusNoContent {
		t.Errorf("DELETE without token: %d", code)
	}
}
