package main

import (
	"strings"
	"testing"
	"time"

	"github.com/vksnews/vksnews/internal/article"
)

// The sources rows carry a warning when a portal's newest articles lost
// what its older ones had.
func TestHealthWarnings(t *testing.T) {
	t0 := time.Date(2025, 6, 1, 8, 0, 0, 0, time.UTC)
	body := strings.Repeat("Viện kiểm sát nhân dân tỉnh tổ chức hội nghị. ", 10)
	c := healthCount{}
	for i := 0; i < 60; i++ {
		at := t0.Add(time.Duration(i) * time.Hour)
		a := article.Article{Portal: "p", Published: &at, Body: body, FetchedAt: at, Unit: article.Unit{Level: "tinh"}}
		if i >= 40 {
			a.Unit = article.Unit{} // the unit block moved in the template
		}
		c.add(a)
	}
	h := &healthCache{}
	h.set(c, true)
	got := h.get("p")
	if got.Articles != 60 || len(got.Warnings) != 1 || !strings.Contains(got.Warnings[0], "with a unit fell") {
		t.Errorf("health = %+v", got)
	}
}
