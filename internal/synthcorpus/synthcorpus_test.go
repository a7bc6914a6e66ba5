package synthcorpus

import (
	"strings"
	"testing"
)

func TestSyntheticHasNoFormatErrors(t *testing.T) {
	for _, a := range Articles(500, 3) {
		if strings.Contains(a.Title+a.Body, "%!") {
			t.Fatalf("format error in synthetic article: %q", a.Title)
		}
	}
}
