package index

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
)

// facet is one facet of a search: its name in Result.Facets, the prefix of
// its values in the facet field, and how many values it returns.
type facet struct {
	name, prefix string
	size         int
}

var (
	facetProvinceNow = facet{"province_now", "p:", 34}
	facetLevel       = facet{"level", "l:", 10}
	facetEventType   = facet{"event_type", "e:", 20}
	facetUnit        = facet{"unit", "u:", 20}
	facetOfficial    = facet{"official", "o:", 20}
	facetMonth       = facet{"month", "m:", 600}
	facets           = []facet{facetProvinceNow, facetLevel, facetEventType, facetUnit, facetOfficial, facetMonth}
)

// collectFacets splits the counted facet values by facet, each sorted and
// cut to the facet's size.
func collectFacets(c *facetCounter) map[string][]FacetValue {
	out := make(map[string][]FacetValue, len(facets))
	for _, f := range facets {
		out[f.name] = []FacetValue{}
	}
	for term, n := range c.counts {
		for _, f := range facets {
			if v, ok := strings.CutPrefix(term, f.prefix); ok {
				out[f.name] = append(out[f.name], FacetValue{Value: v, Count: *n})
				break
			}
		}
	}
	for _, f := range facets {
		vs := out[f.name]
		sortFacet(vs)
		out[f.name] = vs[:min(len(vs), f.size)]
	}
	return out
}

// sortFacet orders values by count, most first, then by value so that the
// order is stable.
func sortFacet(vs []FacetValue) {
	slices.SortFunc(vs, func(a, b FacetValue) int {
		if a.Count != b.Count {
			return b.Count - a.Count
		}
		return strings.Compare(a.Value, b.Value)
	})
}

// monthsIn recounts the month facet in loc. The month is indexed as the month
// in Vietnam; in another zone an article published near midnight at a month's
// end can fall in the neighbouring month, so each candidate month and its
// neighbours are counted as date ranges in loc.
func (ix *Index) monthsIn(ctx context.Context, q query.Query, hcm []FacetValue, loc *time.Location) ([]FacetValue, error) {
	if len(hcm) == 0 {
		return hcm, nil
	}
	months := map[time.Time]bool{}
	for _, v := range hcm {
		m, err := time.ParseInLocation("2006-01", v.Value, loc)
		if err != nil {
			return nil, fmt.Errorf("month facet: bad indexed month %q: %w", v.Value, err)
		}
		for d := -1; d <= 1; d++ {
			months[m.AddDate(0, d, 0)] = true
		}
	}
	fr := bleve.NewFacetRequest(fDate, len(months))
	for m := range months {
		start, end := m, m.AddDate(0, 1, 0)
		fr.AddDateTimeRange(m.Format("2006-01"), start, end)
	}
	sr := bleve.NewSearchRequestOptions(q, 0, 0, false)
	sr.AddFacet("month", fr)
	res, err := ix.idx.SearchInContext(ctx, sr)
	if err != nil {
		return nil, fmt.Errorf("month facet in %s: %w", loc, err)
	}
	var out []FacetValue
	if r := res.Facets["month"]; r != nil {
		for _, d := range r.DateRanges {
			if d.Count > 0 {
				out = append(out, FacetValue{Value: d.Name, Count: d.Count})
			}
		}
	}
	sortFacet(out)
	return out, nil
}
