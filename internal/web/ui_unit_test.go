package web

import (
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/vksnews/vksnews/internal/vntext"
)

func TestUIUnitPage(t *testing.T) {
	tu := newTestUI(t, 300)
	own, named := map[string]int{}, map[string]int{}
	for _, a := range tu.list {
		own[a.Unit.Name]++
		seen := map[string]bool{}
		for _, u := range append(a.Units, a.Unit) {
			if !seen[vntext.Key(u.Name)] {
				seen[vntext.Key(u.Name)] = true
				named[u.Name]++
			}
		}
	}
	name, most := "", 0
	for n, c := range own {
		if c > most || c == most && n < name {
			name, most = n, c
		}
	}
	code, _, body := tu.get(t, unitURL(name))
	if code != http.StatusOK {
		t.Fatalf("unit page: %d", code)
	}
	m := regexp.MustCompile(`<strong id="total">(\d+)</strong>`).FindStringSubmatch(body)
	if m == nil || m[1] != strconv.Itoa(most) {
		t.Errorf("unit page total %v, want %d", m, most)
	}
	if !strings.Contains(body, strconv.Itoa(named[name])+" bài có nhắc đến đơn vị") {
		t.Errorf("unit page lacks the mention count %d", named[name])
	}
	for _, want := range []string{`id="chart-months"`, "Cán bộ của đơn vị", "Loại sự kiện", `href="/officials/`} {
		if !strings.Contains(body, want) {
			t.Errorf("unit page lacks %q", want)
		}
	}
	if code, _, _ := tu.get(t, unitURL("VKSND không có thật")); code != http.StatusNotFound {
		t.Errorf("unknown unit: %d", code)
	}
	// The article page links its unit to the unit page.
	_, _, art := tu.get(t, articleURL(tu.list[0].ID))
	if !strings.Contains(art, `href="`+unitURL(tu.list[0].Unit.Name)+`"`) {
		t.Error("article page does not link to its unit's page")
	}
}
