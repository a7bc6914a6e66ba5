package index

import (
	"reflect"
	"testing"
	"time"

	"github.com/vksnews/vksnews/internal/article"
)

// TestZoneIsRecorded: a new index counts months in the zone it is given,
// keeps that zone when opened again with another, and a search in another
// zone still counts the months of that zone.
func TestZoneIsRecorded(t *testing.T) {
	dir := t.TempDir()
	ix, err := Open(dir, WithLocation(time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	// 31 January 20:00 UTC is 1 February 03:00 in Vietnam.
	pub := time.Date(2025, 1, 31, 20, 0, 0, 0, time.UTC)
	if err := ix.Put(article.Article{ID: "a1", URL: "http://x/a1", Title: "Hội nghị", Body: "Hội nghị tổng kết.", Published: &pub}); err != nil {
		t.Fatal(err)
	}
	months := func(ix *Index, loc *time.Location) []FacetValue {
		return mustSearch(t, ix, Request{Facets: true, Location: loc}).Facets["month"]
	}
	if got := months(ix, nil); !reflect.DeepEqual(got, []FacetValue{{"2025-01", 1}}) {
		t.Errorf("months in the index's zone = %v, want 2025-01", got)
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	hcm, err := time.LoadLocation("Asia/Ho_Chi_Minh")
	if err != nil {
		t.Skip(err)
	}
	ix, err = Open(dir, WithLocation(hcm))
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if ix.Zone().String() != "UTC" {
		t.Errorf("reopened zone = %v, want the UTC it was built with", ix.Zone())
	}
	if got := months(ix, hcm); !reflect.DeepEqual(got, []FacetValue{{"2025-02", 1}}) {
		t.Errorf("months in Vietnam = %v, want 2025-02", got)
	}
}
