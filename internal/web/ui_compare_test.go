package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

func TestUIComparePage(t *testing.T) {
	tu := newTestUI(t, 300)
	counts := map[string]int{}
	for _, a := range tu.list {
		counts[a.Unit.ProvinceNow]++
	}
	var two []string
	for p, n := range counts {
		if p != "" && n > 3 && len(two) < 2 {
			two = append(two, p)
		}
	}
	if len(two) < 2 {
		t.Fatal("corpus has fewer than two provinces")
	}
	code, _, body := tu.get(t, "/compare?"+url.Values{"p": two}.Encode())
	if code != http.StatusOK {
		t.Fatalf("compare: %d", code)
	}
	for _, p := range two {
		if !strings.Contains(body, "<strong>"+p+"</strong></a> · "+itoa(counts[p])+" bài") {
			t.Errorf("compare lacks %s with %d articles", p, counts[p])
		}
	}
	if strings.Count(body, `<svg class="months"`) != 2 || !strings.Contains(body, "Theo loại sự kiện") {
		t.Error("compare lacks the charts or the event-type table")
	}
	if _, _, one := tu.get(t, "/compare?p="+url.QueryEscape(two[0])); !strings.Contains(one, "Chọn ít nhất hai") {
		t.Error("one province: no prompt for a second")
	}
}
