package store

import (
	"errors"
	"path/filepath"
	"reflect"
	"testing"
	"time"
)

func TestSavedSearches(t *testing.T) {
	path := filepath.Join(t.TempDir(), "vksnews.db")
	s, err := Open(path, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	if got, err := s.SavedSearches(); err != nil || len(got) != 0 {
		t.Fatalf("new store: %v, %v", got, err)
	}
	t0 := time.Date(2026, 12, 3, 8, 0, 0, 0, time.UTC)
	var ids []string
	for i := range 11 {
		ss, err := s.PutSavedSearch(SavedSearch{Name: "s", Query: "tập huấn", Filters: map[string]string{"level": "tinh"},
			Delivery: DeliveryAlert, Recipients: []string{"a@example.org"}}, t0.Add(time.Duration(i)*time.Minute))
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, ss.ID)
	}
	// Edit the first: its creation time stays.
	edited, err := s.PutSavedSearch(SavedSearch{ID: ids[0], Name: "renamed", Delivery: DeliveryFeed}, t0.Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if !edited.Created.Equal(t0) || !edited.Updated.Equal(t0.Add(time.Hour)) {
		t.Errorf("edited: created %v updated %v", edited.Created, edited.Updated)
	}
	if _, err := s.PutSavedSearch(SavedSearch{ID: "999", Name: "x"}, t0); !errors.Is(err, ErrNotFound) {
		t.Errorf("put unknown id: %v, want ErrNotFound", err)
	}
	if ok, err := s.DeleteSavedSearch(ids[1]); !ok || err != nil {
		t.Errorf("delete: %v %v", ok, err)
	}
	if ok, _ := s.DeleteSavedSearch(ids[1]); ok {
		t.Error("second delete found it")
	}
	// It survives a reopen, in creation order (10 after 9).
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if s, err = Open(path, time.Second); err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	all, err := s.SavedSearches()
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, ss := range all {
		got = append(got, ss.ID)
	}
	if want := append([]string{ids[0]}, ids[2:]...); !reflect.DeepEqual(got, want) {
		t.Errorf("ids %v, want %v", got, want)
	}
	one, ok, err := s.SavedSearch(ids[2])
	if err != nil || !ok || one.Query != "tập huấn" || one.Filters["level"] != "tinh" || one.Recipients[0] != "a@example.org" {
		t.Errorf("SavedSearch(%s) = %+v, %v, %v", ids[2], one, ok, err)
	}
	if all[0].Name != "renamed" {
		t.Errorf("first is %q, want renamed", all[0].Name)
	}
}
