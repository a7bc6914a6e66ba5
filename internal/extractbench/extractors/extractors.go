// Package extractors holds the extractors that bench-extract and its tests
// run over the public benchmark: vksnews's generic preset and go-trafilatura.
package extractors

import (
	"bytes"
	"fmt"

	"github.com/markusmobius/go-trafilatura"
	"github.com/vksnews/vksnews/crawlers"
	"github.com/vksnews/vksnews/internal/extractbench"
)

// Generic extracts a page the way a crawl of a portal on preset "generic"
// does (decoding, parsing, extraction), and returns its body text.
func Generic(pageURL string, html []byte) (string, error) {
	p, err := crawlers.ExtractFile(crawlers.Portal{Name: "bench", Preset: "generic"}, pageURL, html)
	if err != nil {
		return "", err
	}
	return p.Raw.BodyText, nil
}

// Trafilatura extracts a page with go-trafilatura as the benchmark's
// published go-trafilatura figure was made (comments excluded, fallback
// extractors on), for comparison in the same run.
func Trafilatura(pageURL string, html []byte) (string, error) {
	r, err := trafilatura.Extract(bytes.NewReader(html), trafilatura.Options{ExcludeComments: true, EnableFallback: true})
	if err != nil {
		return "", fmt.Errorf("trafilatura %s: %w", pageURL, err)
	}
	return r.ContentText, nil
}

// Extractors names the extractors the bench-extract command can run.
var All = map[string]extractbench.Extractor{"generic": Generic, "trafilatura": Trafilatura}
