package index

import (
	"context"
	"fmt"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	blevedoc "github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/index/scorch/mergeplan"
	"github.com/blevesearch/bleve/v2/mapping"
	bleveindex "github.com/blevesearch/bleve_index_api"
)

// TestDocValuesOptionsSurviveMerge checks, with bleve alone, that a keyword
// field's doc values give right facet counts after its segments are merged,
// with each doc-values option bleveDocument could set. It is the first step
// of isolating the bug bleveDocument works around (wrong facet counts after
// merges with SkipDVCompression alone, seen in TestFacetsOfMostMatches):
// zapx v17's docValueReader.iterateAllDocValues, which the merge uses, tests
// SkipDVCompression where SkipDVChunking seems meant. Three batches
// merged into one segment do not trigger it, so the bug needs more than
// this (segments merged while still in memory, or concurrent merges); all
// three cases must stay right here.
func TestDocValuesOptionsSurviveMerge(t *testing.T) {
	const docs, segments, values = 3000, 3, 3
	for _, tc := range []struct {
		name string
		opts bleveindex.FieldIndexingOptions
	}{
		{"default options", 0},
		{"SkipDVCompression|SkipDVChunking (what the index uses)", bleveindex.SkipDVCompression | bleveindex.SkipDVChunking},
		{"SkipDVCompression alone", bleveindex.SkipDVCompression},
	} {
		t.Run(tc.name, func(t *testing.T) {
			im := bleve.NewIndexMapping()
			dm := bleve.NewDocumentMapping()
			fm := mapping.NewKeywordFieldMapping()
			fm.DocValues = true
			dm.AddFieldMappingsAt("k", fm)
			im.DefaultMapping = dm
			idx, err := bleve.NewUsing(t.TempDir(), im, scorch.Name, bleve.Config.DefaultKVStore, nil)
			if err != nil {
				t.Fatal(err)
			}
			defer idx.Close()
			an := im.AnalyzerNamed(keyword.Name)
			// One batch per segment, so that the merge has several to join.
			for s := 0; s < segments; s++ {
				b := idx.NewBatch()
				for i := s * docs / segments; i < (s+1)*docs/segments; i++ {
					d := blevedoc.NewDocument(fmt.Sprint(i))
					d.AddField(blevedoc.NewTextFieldCustom("k", nil, []byte(fmt.Sprint("v", i%values)),
						bleveindex.IndexField|bleveindex.DocValues|tc.opts, an))
					if err := b.IndexAdvanced(d); err != nil {
						t.Fatal(err)
					}
				}
				if err := idx.Batch(b); err != nil {
					t.Fatal(err)
				}
			}
			adv, err := idx.Advanced()
			if err != nil {
				t.Fatal(err)
			}
			opts := mergeplan.SingleSegmentMergePlanOptions
			if err := adv.(*scorch.Scorch).ForceMerge(context.Background(), &opts); err != nil {
				t.Fatal(err)
			}

			req := bleve.NewSearchRequestOptions(bleve.NewMatchAllQuery(), 0, 0, false)
			req.AddFacet("k", bleve.NewFacetRequest("k", values+1))
			res, err := idx.Search(req)
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]int{}
			for _, term := range res.Facets["k"].Terms.Terms() {
				got[term.Term] = term.Count
			}
			right := len(got) == values
			for v := 0; v < values; v++ {
				right = right && got[fmt.Sprint("v", v)] == docs/values
			}
			if !right {
				t.Errorf("facet counts after merge = %v, want %d of each of v0…v%d", got, docs/values, values-1)
			}
		})
	}
}
