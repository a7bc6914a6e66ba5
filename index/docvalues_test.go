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

// TestDocValuesOptionsSurviveMerge is the minimal reproduction, with bleve
// alone, of the zapx bug mapDocument works around: a keyword field with doc
// values stored uncompressed (SkipDVCompression) but still chunked gives
// the wrong documents' values once its segments are merged. zapx v17
// (v17.2.3 to v17.2.5, the newest) docValueReader.iterateAllDocValues, which
// a merge uses to copy doc values, tests SkipDVCompression where
// SkipDVChunking is meant ("if chunking is skipped, then all docValues for
// the chunk belong to a single docNum"): it hands a whole chunk of 1,024
// documents' values to one document. Changing that test to SkipDVChunking
// makes this reproduction pass (docs/UPSTREAM.md).
//
// Every document has its own value, and the facet of a query that matches
// half of them must count one value per match. A match-all facet cannot
// show the bug (every value is still counted once, only on the wrong
// document), which is why an earlier version of this test missed it.
//
// The default options and the index's own (SkipDVCompression with
// SkipDVChunking: one document per chunk, as bleve's geo fields store
// theirs) must be right. SkipDVCompression alone must still be wrong: when
// it comes out right, zapx has fixed the bug, and mapDocument may keep
// chunking (less space) and this test's expectation should flip.
func TestDocValuesOptionsSurviveMerge(t *testing.T) {
	const docs = 40
	for _, tc := range []struct {
		name      string
		opts      bleveindex.FieldIndexingOptions
		wantRight bool
	}{
		{"default options", 0, true},
		{"SkipDVCompression|SkipDVChunking (what the index uses)", bleveindex.SkipDVCompression | bleveindex.SkipDVChunking, true},
		{"SkipDVCompression alone (the zapx bug)", bleveindex.SkipDVCompression, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			im := bleve.NewIndexMapping()
			dm := bleve.NewDocumentMapping()
			fm := mapping.NewKeywordFieldMapping()
			fm.DocValues = true
			dm.AddFieldMappingsAt("k", fm)
			dm.AddFieldMappingsAt("half", mapping.NewKeywordFieldMapping())
			im.DefaultMapping = dm
			idx, err := bleve.NewUsing(t.TempDir(), im, scorch.Name, bleve.Config.DefaultKVStore, nil)
			if err != nil {
				t.Fatal(err)
			}
			defer idx.Close()
			an := im.AnalyzerNamed(keyword.Name)
			// Three batches, three segments for the merge to join.
			for _, part := range [][2]int{{0, docs - 2}, {docs - 2, docs - 1}, {docs - 1, docs}} {
				b := idx.NewBatch()
				for i := part[0]; i < part[1]; i++ {
					d := blevedoc.NewDocument(fmt.Sprint(i))
					d.AddField(blevedoc.NewTextFieldCustom("k", nil, []byte(fmt.Sprint("v", i)),
						bleveindex.IndexField|bleveindex.DocValues|tc.opts, an))
					d.AddField(blevedoc.NewTextFieldCustom("half", nil, []byte(fmt.Sprint(i%2 == 0)), bleveindex.IndexField, an))
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

			q := bleve.NewTermQuery("true")
			q.SetField("half")
			req := bleve.NewSearchRequestOptions(q, 0, 0, false)
			req.AddFacet("k", bleve.NewFacetRequest("k", docs))
			res, err := idx.Search(req)
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]int{}
			for _, term := range res.Facets["k"].Terms.Terms() {
				got[term.Term] = term.Count
			}
			right := res.Total == docs/2 && len(got) == docs/2
			for i := 0; i < docs; i += 2 {
				right = right && got[fmt.Sprint("v", i)] == 1
			}
			switch {
			case tc.wantRight && !right:
				t.Errorf("%d matches, facet counts after the merge %v; want v0, v2, … v%d once each", res.Total, got, docs-2)
			case !tc.wantRight && right:
				t.Errorf("facet counts are right: zapx has fixed iterateAllDocValues; see this test's comment")
			}
		})
	}
}
