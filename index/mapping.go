package index

import (
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/mapping"
)

// docType is the one document type of the index. Field analyzers of a named
// type are honoured at query time; those of the default mapping are not.
const docType = "article"

// Field names. The text fields come in pairs: the exact analysis (tones and
// marks kept) and the folded one (no marks), plus syllable pairs for phrases.
const (
	fTitle       = "title"
	fTitleF      = "title_f"
	fText        = "text"
	fTextF       = "text_f"
	fBigram      = "bigram"
	fProvince    = "province"
	fProvinceNow = "province_now"
	fLevel       = "level"
	fUnit        = "unit"
	fMProvince   = "m_province"
	fMProvNow    = "m_province_now"
	fMLevel      = "m_level"
	fMUnit       = "m_unit"
	fEventType   = "event_type"
	fOfficial    = "official"
	fPortal      = "portal"
	fFacet       = "facet"
	fDate        = "date"
	fSortDate    = "sort_date"
	fPublished   = "published"
	fEventDate   = "event_date"
	fDoc         = "doc"
	fHash        = "hash"
)

// newMapping builds the index mapping. Only what a search needs is indexed:
// no _all field, no term vectors on long text (highlights re-analyse the
// stored original), doc values only where facets or sorting read them.
func newMapping() *mapping.IndexMappingImpl {
	text := func(analyzer string, vectors bool) *mapping.FieldMapping {
		f := mapping.NewTextFieldMapping()
		f.Analyzer = analyzer
		f.Store = false
		f.IncludeInAll = false
		f.IncludeTermVectors = vectors
		f.DocValues = false
		return f
	}
	kw := func(docValues bool) *mapping.FieldMapping {
		f := mapping.NewKeywordFieldMapping()
		f.Store = false
		f.IncludeInAll = false
		f.IncludeTermVectors = false
		f.DocValues = docValues
		return f
	}
	date := func(docValues bool) *mapping.FieldMapping {
		f := mapping.NewDateTimeFieldMapping()
		f.Store = false
		f.IncludeInAll = false
		f.DocValues = docValues
		return f
	}
	stored := func() *mapping.FieldMapping {
		f := mapping.NewTextFieldMapping()
		f.Analyzer = keyword.Name
		f.Index = false
		f.Store = true
		f.IncludeInAll = false
		f.IncludeTermVectors = false
		f.DocValues = false
		return f
	}

	dm := mapping.NewDocumentStaticMapping()
	add := func(name string, f *mapping.FieldMapping) { dm.AddFieldMappingsAt(name, f) }
	add(fTitle, text(analyzerExact, false))
	add(fTitleF, text(analyzerFolded, false))
	add(fText, text(analyzerExact, false))
	add(fTextF, text(analyzerFolded, false))
	add(fBigram, text(analyzerBigram, false))
	for _, name := range []string{fProvince, fProvinceNow, fLevel, fUnit, fMProvince, fMProvNow, fMLevel, fMUnit, fEventType, fOfficial, fPortal} {
		add(name, kw(false))
	}
	// Every facet reads one doc-values field (values prefixed by facet, see
	// facetPrefix): a search decodes one column instead of six.
	add(fFacet, kw(true))
	// The date filters ranges, and its doc values count months in another
	// zone (monthsIn). Newest first sorts on the date as fixed-width text:
	// one doc value per article, where a date field holds 16 (one per
	// precision step) and reading them was most of a date-sorted search.
	add(fDate, date(true))
	add(fSortDate, kw(true))
	add(fPublished, date(false))
	add(fEventDate, date(false))
	add(fDoc, stored())
	add(fHash, stored())

	im := mapping.NewIndexMapping()
	im.AddDocumentMapping(docType, dm)
	im.DefaultMapping.Enabled = false
	im.DefaultMapping.Dynamic = false
	im.IndexDynamic = false
	im.StoreDynamic = false
	im.DocValuesDynamic = false
	im.DefaultAnalyzer = analyzerFolded
	return im
}
