package extract

import (
	"slices"
	"testing"

	"github.com/vksnews/vksnews/config"
)

// The config validates preset names without importing the crawler; this
// keeps its list and the real presets the same.
func TestConfigKnowsEveryPreset(t *testing.T) {
	got, want := slices.Sorted(slices.Values(config.Presets)), slices.Sorted(slices.Values(Presets()))
	if !slices.Equal(got, want) {
		t.Errorf("config.Presets = %q, extract.Presets() = %q", got, want)
	}
	for _, p := range config.Presets {
		if _, err := New(p, Selectors{}); err != nil {
			t.Errorf("preset %q: %v", p, err)
		}
	}
}
