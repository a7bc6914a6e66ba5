package normalize

import (
	"testing"
	"time"
)

func TestPublished(t *testing.T) {
	loc := HCM()
	at := func(y int, m time.Month, d, hh, mm int) time.Time { return time.Date(y, m, d, hh, mm, 0, 0, loc) }
	tests := []struct {
		in   string
		want time.Time
		ok   bool
	}{
		{"28/11/2023", at(2023, 11, 28, 0, 0), true},
		{"Thứ hai - 25/01/2021 15:30", at(2021, 1, 25, 15, 30), true},
		{"Thứ Sáu, ngày 31/05/2024 | 07:38", at(2024, 5, 31, 7, 38), true},
		{"Đăng ngày 09 - 07 - 2024", at(2024, 7, 9, 0, 0), true},
		{"12/01/2022", at(2022, 1, 12, 0, 0), true},
		{"2024-05-31T07:38:00+07:00", at(2024, 5, 31, 7, 38), true},
		{"2024-05-31T00:38:00Z", at(2024, 5, 31, 7, 38), true},
		{"2024-05-31 07:38:00", at(2024, 5, 31, 7, 38), true},
		{"2024-05-31", at(2024, 5, 31, 0, 0), true},
		{"Fri, 31 May 2024 07:38:00 +0700", at(2024, 5, 31, 7, 38), true},
		{"Fri, 31 May 2024 00:38:00 GMT", at(2024, 5, 31, 7, 38), true},
		{"ngày 04 tháng 02 năm 2026", at(2026, 2, 4, 0, 0), true},
		{"Ngày 4 tháng 2 năm 2026", at(2026, 2, 4, 0, 0), true},
		{"31-05-2024", at(2024, 5, 31, 0, 0), true},
		{"07:38 31/05/2024", at(2024, 5, 31, 7, 38), true},
		{"31/02/2024", time.Time{}, false},
		{"12/01/1989", time.Time{}, false},
		{"12/01/2090", time.Time{}, false},
		{"", time.Time{}, false},
		{"hôm qua", time.Time{}, false},
		{"99/99/2024", time.Time{}, false},
	}
	for _, tt := range tests {
		got, ok := Published(tt.in, loc)
		if ok != tt.ok || (ok && !got.Equal(tt.want)) {
			t.Errorf("Published(%q) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
		if ok && got.Location() != loc {
			t.Errorf("Published(%q) location = %v, want %v", tt.in, got.Location(), loc)
		}
	}
	// nil location means Asia/Ho_Chi_Minh.
	if got, ok := Published("28/11/2023", nil); !ok || !got.Equal(at(2023, 11, 28, 0, 0)) {
		t.Errorf("Published with nil loc = %v, %v", got, ok)
	}
}

func FuzzPublished(f *testing.F) {
	for _, s := range []string{"28/11/2023", "Thứ hai - 25/01/2021 15:30", "ngày 04 tháng 02 năm 2026", "2024-05-31T07:38:00+07:00", "31/02/2024", "99:99 1/1/2000"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, ok := Published(s, nil)
		if ok && (got.Year() < 1990 || got.Year() > time.Now().Year()+1) {
			t.Fatalf("Published(%q) = %v: year out of range", s, got)
		}
	})
}
