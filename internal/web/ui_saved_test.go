package web

import (
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/vksnews/vksnews/internal/store"
)

func TestSavedSearchPages(t *testing.T) {
	st, err := store.Open(filepath.Join(t.TempDir(), "vksnews.db"), time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	srv := httptest.NewServer((&Server{Saved: st, AdminToken: "s3cret", Location: time.UTC}).Handler())
	defer srv.Close()
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	get := func(path string) (int, string) {
		resp, err := client.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	post := func(path string, form url.Values) (*http.Response, string) {
		resp, err := client.PostForm(srv.URL+path, form)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp, string(b)
	}

	// Coming from a search, the form holds its query and filters.
	code, body := get("/saved?" + url.Values{"q": {"tập huấn"}, "province_now": {"Khánh Hòa"}}.Encode())
	if code != 200 || !strings.Contains(body, `value="tập huấn"`) || !strings.Contains(body, `name="province_now" value="Khánh Hòa"`) ||
		!strings.Contains(body, `name="token"`) {
		t.Fatalf("form: %d\n%s", code, body)
	}
	form := url.Values{"name": {"Tập huấn KH"}, "q": {"tập huấn"}, "province_now": {"Khánh Hòa"}, "delivery": {"alert"},
		"recipients": {"a@example.org, b@example.org"}}
	form.Set("token", "wrong")
	if resp, body := post("/saved", form); resp.StatusCode != http.StatusUnauthorized || !strings.Contains(body, "Mã quản trị không đúng") {
		t.Errorf("wrong token: %d", resp.StatusCode)
	}
	form.Set("token", "s3cret")
	bad := url.Values{"name": {""}, "delivery": {"alert"}, "token": {"s3cret"}}
	if resp, body := post("/saved", bad); resp.StatusCode != http.StatusBadRequest || !strings.Contains(body, "Cần đặt tên") ||
		!strings.Contains(body, "Cần ít nhất một địa chỉ thư") {
		t.Errorf("bad form: %d\n%s", resp.StatusCode, body)
	}
	resp, _ := post("/saved", form)
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("save: %d", resp.StatusCode)
	}
	all, _ := st.SavedSearches()
	if len(all) != 1 || all[0].Delivery != "alert" || len(all[0].Recipients) != 2 || all[0].Filters["province_now"] != "Khánh Hòa" {
		t.Fatalf("stored %+v", all)
	}
	code, body = get(resp.Header.Get("Location"))
	if code != 200 || !strings.Contains(body, "Đã lưu tìm kiếm.") || !strings.Contains(body, "Tập huấn KH") ||
		!strings.Contains(body, "Cảnh báo ngay khi có bài mới") || !strings.Contains(body, "Tỉnh/thành: Khánh Hòa") {
		t.Errorf("list: %d\n%s", code, body)
	}
	// Edit, then delete.
	if code, body := get("/saved?edit=" + all[0].ID); code != 200 || !strings.Contains(body, `name="id" value="`+all[0].ID+`"`) {
		t.Errorf("edit form: %d", code)
	}
	if resp, _ := post("/saved/"+all[0].ID+"/delete", url.Values{"token": {"nope"}}); resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("delete with wrong token: %d", resp.StatusCode)
	}
	if resp, _ := post("/saved/"+all[0].ID+"/delete", url.Values{"token": {"s3cret"}}); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("delete: %d", resp.StatusCode)
	}
	if all, _ := st.SavedSearches(); len(all) != 0 {
		t.Errorf("after delete: %+v", all)
	}
}
