package article

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

func TestArticleJSONContract(t *testing.T) {
	pub := time.Date(2023, 11, 28, 0, 0, 0, 0, time.FixedZone("ICT", 7*3600))
	ev, _ := NewDate(2023, 11, 27)
	b, err := json.Marshal(Article{ID: "x", Published: &pub, EventDate: &ev, Sections: []Section{{}}})
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	for _, want := range []string{
		`"published":"2023-11-28T00:00:00+07:00"`, `"event_date":"2023-11-27"`,
		`"units":[]`, `"officials":[]`, `"event_types":[]`,
		`"sections":[{"unit":{"name":"","level":"","province":"","province_now":""},"event_date":null,"event_types":[],"officials":[],"text":""}]`,
	} {
		if !strings.Contains(s, want) {
			t.Errorf("JSON lacks %s:\n%s", want, s)
		}
	}
	b, _ = json.Marshal(Article{})
	if !strings.Contains(string(b), `"published":null`) || !strings.Contains(string(b), `"event_date":null`) || !strings.Contains(string(b), `"sections":[]`) {
		t.Errorf("unknown values must be null or empty: %s", b)
	}
	var back Article
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
}

func TestNewDate(t *testing.T) {
	if _, ok := NewDate(2024, 2, 31); ok {
		t.Error("31/02/2024 accepted")
	}
	if d, ok := NewDate(2024, 2, 29); !ok || d.String() != "2024-02-29" {
		t.Errorf("29/02/2024: %v %v", d, ok)
	}
	if _, err := ParseDate("2024-13-01"); err == nil {
		t.Error("month 13 accepted")
	}
}

func TestEveryEventTypeHasALabel(t *testing.T) {
	for _, code := range EventTypes {
		if l, ok := EventLabel(code); !ok || l == "" {
			t.Errorf("event type %s has no Vietnamese name", code)
		}
	}
	if _, ok := EventLabel("party"); ok {
		t.Error("an unknown code has a label")
	}
}
