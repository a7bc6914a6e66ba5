package article

import "encoding/json"

// MarshalJSON encodes an Article with every list field present as an array
// ([] rather than null), whoever built the value: API clients and export
// scripts can iterate without a nil check.
func (a Article) MarshalJSON() ([]byte, error) {
	type plain Article // without the method, to avoid recursion
	p := plain(a)
	p.Units = nonNil(p.Units)
	p.Officials = nonNil(p.Officials)
	p.EventTypes = nonNil(p.EventTypes)
	p.Sections = nonNil(p.Sections)
	for i := range p.Sections {
		p.Sections[i].EventTypes = nonNil(p.Sections[i].EventTypes)
		p.Sections[i].Officials = nonNil(p.Sections[i].Officials)
	}
	return json.Marshal(p)
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
