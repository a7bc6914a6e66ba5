package index

import "testing"

// BenchmarkSearchLanding is the UI's landing search: no query, every facet.
func BenchmarkSearchLanding(b *testing.B) {
	benchSearch(b, Request{Facets: true, Sort: SortDate})
}

// BenchmarkSearchWordFaceted is a common word with every facet.
func BenchmarkSearchWordFaceted(b *testing.B) {
	benchSearch(b, Request{Query: "hội nghị", Facets: true})
}
