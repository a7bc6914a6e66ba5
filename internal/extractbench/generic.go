package extractbench

import (
	"bytes"
	"fmt"

	"github.com/markusmobius/go-trafilatura"
	"github.com/vksnews/vksnews/crawlers"
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
var Extractors = map[string]Extractor{"generic": Generic, "trafilatura": Trafilatura}
