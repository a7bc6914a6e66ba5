package health

import (
	"strings"
	"testing"
	"time"

	"github.com/vksnews/vksnews/internal/article"
)

// series returns n samples an hour apart; bad(i) marks the ones without a date.
func series(n int, bad func(i int) bool) []Sample {
	t0 := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	var s []Sample
	for i := 0; i < n; i++ {
		s = append(s, Sample{At: t0.Add(time.Duration(i) * time.Hour), Date: !bad(i), Unit: true, Body: true})
	}
	return s
}

func TestDrops(t *testing.T) {
	tests := []struct {
		name string
		s    []Sample
		want []string // substrings, one per warning
	}{
		{"healthy", series(100, func(int) bool { return false }), nil},
		{"template change: the newest 20 lost their dates", series(100, func(i int) bool { return i >= 85 }), []string{"with a date fell from 100% to 25%"}},
		{"always poor: no drop against its own history", series(100, func(i int) bool { return i%2 == 0 }), nil},
		{"one odd article", series(100, func(i int) bool { return i == 95 }), nil},
		{"too little history", series(30, func(i int) bool { return i >= 15 }), nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			// Order must not matter.
			s := append([]Sample(nil), tc.s...)
			for i, j := 0, len(s)-1; i < j; i, j = i+1, j-1 {
				s[i], s[j] = s[j], s[i]
			}
			got := Drops(s)
			if len(got) != len(tc.want) {
				t.Fatalf("Drops = %q, want %d warnings", got, len(tc.want))
			}
			for i, w := range tc.want {
				if !strings.Contains(got[i], w) {
					t.Errorf("warning %q lacks %q", got[i], w)
				}
			}
		})
	}
}

func TestOf(t *testing.T) {
	now := time.Now()
	a := article.Article{Published: &now, Unit: article.Unit{Name: "VKSND tỉnh Khánh Hòa", Level: "tinh"}, Body: strings.Repeat("á", NormalBody), FetchedAt: now}
	if s := Of(a, time.Time{}); !s.Date || !s.Unit || !s.Body || !s.At.Equal(now) {
		t.Errorf("Of = %+v", s)
	}
	if s := Of(article.Article{Body: "ngắn"}, now); s.Date || s.Unit || s.Body {
		t.Errorf("Of(empty) = %+v", s)
	}
}
