package digest

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/vksnews/vksnews/internal/article"
	"github.com/vksnews/vksnews/internal/store"
)

// archive is an in-memory Archive.
type archive struct {
	recs   []store.Record
	states []store.PortalState
}

func (a archive) ForEach(fn func(store.Record) error) error {
	for _, r := range a.recs {
		if err := fn(r); err != nil {
			return err
		}
	}
	return nil
}

func (a archive) PortalStates() ([]store.PortalState, error) { return a.states, nil }

// A portal whose newest articles lost their dates is listed with the
// failed portals, with a warning that names the drop; a healthy one is not.
func TestFailedPortalsListsHealthDrops(t *testing.T) {
	t0 := time.Date(2025, 6, 1, 8, 0, 0, 0, time.UTC)
	body := strings.Repeat("Viện kiểm sát nhân dân tỉnh tổ chức hội nghị. ", 10)
	var a archive
	for _, portal := range []string{"broken", "fine"} {
		for i := 0; i < 60; i++ {
			at := t0.Add(time.Duration(i) * time.Hour)
			art := article.Article{Portal: portal, Title: "t", Body: body, Unit: article.Unit{Level: "tinh"}}
			if portal == "fine" || i < 40 {
				art.Published = &at
			}
			a.recs = append(a.recs, store.Record{Article: art, FirstSeen: at})
		}
		a.states = append(a.states, store.PortalState{Portal: portal, Status: "ok", LastRun: t0.Add(60 * time.Hour)})
	}
	got, err := StoreSource{Archive: a}.FailedPortals(context.Background(), t0)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].Portal != "broken" || !strings.Contains(got[0].Error, "with a date fell from 100% to 0%") {
		t.Errorf("FailedPortals = %+v", got)
	}
}
