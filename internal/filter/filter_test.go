package filter

import (
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/vksnews/vksnews/internal/article"
)

func TestParse(t *testing.T) {
	tests := []struct {
		query   string
		strict  bool
		wantErr string
	}{
		{"province_now=Kh%C3%A1nh+H%C3%B2a&level=tinh&from=2024-01-01&to=2024-12-31", true, ""},
		{"level=xa", true, "level: unknown level"},
		{"mentions_level=xa", true, "mentions_level: unknown level"},
		{"mentions_unit=VKSND+t%E1%BB%91i+cao&mentions_province=H%C3%A0+T%C4%A9nh&mentions_province_now=C%E1%BA%A7n+Th%C6%A1&mentions_level=toi_cao", true, ""},
		{"event_type=party", true, "event_type: unknown event type"},
		{"from=2024-13-01", true, "from: parse date"},
		{"from=2024-05-01&to=2024-04-01", true, "to: 2024-04-01 is before from"},
		{"colour=red", true, "unknown filter \"colour\""},
		{"colour=red", false, ""},
		{"unit=%FF%FE", true, "unit: not valid UTF-8"},
		{"official=" + strings.Repeat("a", 300), true, "official: longer than 200"},
	}
	for _, tt := range tests {
		v, err := url.ParseQuery(tt.query)
		if err != nil {
			t.Fatal(err)
		}
		_, err = Parse(v, tt.strict)
		if tt.wantErr == "" {
			if err != nil {
				t.Errorf("Parse(%q) = %v, want no error", tt.query, err)
			}
			continue
		}
		if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
			t.Errorf("Parse(%q) error = %v, want %q", tt.query, err, tt.wantErr)
		}
	}
}

func TestMatch(t *testing.T) {
	loc := time.FixedZone("ICT", 7*3600)
	pub := time.Date(2023, 11, 28, 9, 0, 0, 0, loc)
	a := article.Article{
		Portal:    "vksndtc",
		Published: &pub,
		Unit:      article.Unit{Name: "VKSND tỉnh Hà Tĩnh", Level: "tinh", Province: "Hà Tĩnh", ProvinceNow: "Hà Tĩnh"},
		Units: []article.Unit{{Name: "VKSND thành phố Cần Thơ", Level: "tinh", Province: "Cần Thơ", ProvinceNow: "Cần Thơ"},
			{Name: "VKSND tối cao", Level: "toi_cao"}},
		Officials:  []article.Official{{Name: "Lương Minh Thống"}},
		EventTypes: []string{"thi_dua_khen_thuong"},
	}
	d := func(s string) *article.Date { x, _ := article.ParseDate(s); return &x }
	tests := []struct {
		name string
		f    Filters
		want bool
	}{
		{"zero", Filters{}, true},
		{"folded province", Filters{Province: "ha tinh"}, true},
		{"province with its administrative word", Filters{Province: "tỉnh Hà-Tĩnh"}, true},
		{"mentioned city as TP.", Filters{MentionsProvince: "TP. Cần Thơ"}, true},
		{"own unit only", Filters{ProvinceNow: "CẦN THƠ"}, false},
		{"mentioned province", Filters{MentionsProvinceNow: "CẦN THƠ"}, true},
		{"mentioned province as named", Filters{MentionsProvince: "can tho"}, true},
		{"own province is mentioned too", Filters{MentionsProvince: "Hà Tĩnh"}, true},
		{"own level only", Filters{Level: "toi_cao"}, false},
		{"mentioned level", Filters{MentionsLevel: "toi_cao"}, true},
		{"own unit", Filters{Unit: "vksnd tinh ha tinh"}, true},
		{"mentioned unit is not own", Filters{Unit: "VKSND tối cao"}, false},
		{"mentioned unit", Filters{MentionsUnit: "VKSND tối cao"}, true},
		{"mentioned unit miss", Filters{MentionsUnit: "VKSND tỉnh Khánh Hòa"}, false},
		{"other province", Filters{ProvinceNow: "Khánh Hòa"}, false},
		{"level", Filters{Level: "tinh"}, true},
		{"level miss", Filters{Level: "huyen"}, false},
		{"official", Filters{Official: "luong minh thong"}, true},
		{"event", Filters{EventType: "tap_huan"}, false},
		{"portal", Filters{Portal: "khanhhoa"}, false},
		{"in range", Filters{From: d("2023-11-28"), To: d("2023-11-28")}, true},
		{"after", Filters{From: d("2023-11-29")}, false},
		{"before", Filters{To: d("2023-11-27")}, false},
	}
	for _, tt := range tests {
		if got := tt.f.Match(a, loc); got != tt.want {
			t.Errorf("%s: Match = %v, want %v", tt.name, got, tt.want)
		}
	}
	if (Filters{From: d("2020-01-01")}).Match(article.Article{}, loc) {
		t.Error("an article without a date matched a date filter")
	}
}
