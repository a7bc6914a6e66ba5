package normalize

import "testing"

// NukeViet writes article:published_time with PHP's date('Y-m-dTH:i:s'),
// where "T" is the zone: "2021-01-25+0715:30:00".
func TestPublishedNukeVietMeta(t *testing.T) {
	got, ok := Published("2021-01-25+0715:30:00", nil)
	if !ok || got.Format("2006-01-02 15:04 -07:00") != "2021-01-25 15:30 +07:00" {
		t.Errorf("got %v %v", got, ok)
	}
}
