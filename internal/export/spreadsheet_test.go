package export

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"

	"github.com/vksnews/vksnews/internal/article"
)

func TestForSpreadsheet(t *testing.T) {
	label := func(field, code string) string { return field + ":" + strings.ToUpper(code) }
	var b bytes.Buffer
	w, err := NewWriter(&b, "csv", nil, ForSpreadsheet(label))
	if err != nil {
		t.Fatal(err)
	}
	a := article.Article{ID: "x", Unit: article.Unit{Level: "tinh"}, EventTypes: []string{"tap_huan", "khac"}}
	if err := w.Write(a); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	body, ok := strings.CutPrefix(b.String(), "\ufeff")
	if !ok {
		t.Fatal("no byte-order mark")
	}
	recs, err := csv.NewReader(strings.NewReader(body)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := func(name string) int {
		for i, h := range recs[0] {
			if h == name {
				return i
			}
		}
		t.Fatalf("no column %s in %v", name, recs[0])
		return -1
	}
	if got := recs[1][col("level_vi")]; got != "level:TINH" {
		t.Errorf("level_vi = %q", got)
	}
	if got := recs[1][col("event_types_vi")]; got != "event_type:TAP_HUAN; event_type:KHAC" {
		t.Errorf("event_types_vi = %q", got)
	}
	if col("level_vi") != col("level")+1 || col("event_types_vi") != col("event_types")+1 {
		t.Error("label columns are not next to their codes")
	}
	// Without the option: no mark, the plain header.
	b.Reset()
	w, _ = NewWriter(&b, "csv", nil)
	w.Close()
	if strings.HasPrefix(b.String(), "\ufeff") || !strings.HasPrefix(b.String(), strings.Join(Header, ",")) {
		t.Errorf("plain csv starts %.40q", b.String())
	}
}
