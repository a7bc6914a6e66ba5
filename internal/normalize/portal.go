package normalize

import "time"

// Portal is what normalization knows of the portal an article came from.
type Portal struct {
	Name     string         // config name, e.g. "khanhhoa"
	Unit     string         // the portal's default unit, e.g. "VKSND tỉnh Khánh Hòa" (may be empty)
	Location *time.Location // Asia/Ho_Chi_Minh by default (nil means that)
}

func (p Portal) location() *time.Location {
	if p.Location == nil {
		return hcm
	}
	return p.Location
}
