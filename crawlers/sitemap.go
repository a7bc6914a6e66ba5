package crawlers

import (
	"bytes"
	"compress/gzip"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"sort"
	"time"
)

// sitemapDoc is a sitemaps.org file: a urlset of pages, or a sitemap index
// of further sitemaps. A portal's sitemap lists articles that no list page
// still links to, so a crawl that reads it fills the archive backwards;
// --max-pages bounds how many of them one crawl fetches, and the next crawl
// takes the rest (known articles are skipped).
type sitemapDoc struct {
	XMLName  xml.Name
	URLs     []sitemapEntry `xml:"url"`
	Sitemaps []sitemapEntry `xml:"sitemap"`
}

type sitemapEntry struct {
	Loc     string `xml:"loc"`
	LastMod string `xml:"lastmod"`
}

// maxSitemapBytes bounds a sitemap once decompressed: the protocol's limit
// is 50 MB uncompressed (50,000 URLs).
const maxSitemapBytes = 50 << 20

// gzipMagic starts a gzip stream: sitemap.xml.gz files are served as
// application/gzip, which no HTTP layer decompresses.
var gzipMagic = []byte{0x1f, 0x8b}

// parseSitemap reads body as a sitemap; ok is false when it is XML of
// another kind (a feed) or not XML at all.
func parseSitemap(body []byte) (doc sitemapDoc, ok bool, err error) {
	if bytes.HasPrefix(body, gzipMagic) {
		zr, err := gzip.NewReader(bytes.NewReader(body))
		if err != nil {
			return doc, true, fmt.Errorf("gunzip sitemap: %w", err)
		}
		if body, err = io.ReadAll(io.LimitReader(zr, maxSitemapBytes+1)); err != nil {
			return doc, true, fmt.Errorf("gunzip sitemap: %w", err)
		}
		if len(body) > maxSitemapBytes {
			return doc, true, fmt.Errorf("sitemap larger than %d bytes uncompressed", maxSitemapBytes)
		}
	}
	root, err := rootElement(body)
	if err != nil || (root != "urlset" && root != "sitemapindex") {
		return doc, false, nil
	}
	if err := xml.Unmarshal(body, &doc); err != nil {
		return doc, true, fmt.Errorf("parse sitemap: %w", err)
	}
	return doc, true, nil
}

// rootElement is the local name of the document's first element.
func rootElement(body []byte) (string, error) {
	d := xml.NewDecoder(bytes.NewReader(body))
	d.Strict = false
	for {
		tok, err := d.Token()
		if err != nil {
			return "", err
		}
		if se, ok := tok.(xml.StartElement); ok {
			return se.Name.Local, nil
		}
	}
}

// handleSitemap queues the articles of a urlset, newest lastmod first so
// that a crawl cut by --max-pages takes the newest, and the sitemaps of an
// index, on the portal's hosts only.
func (r *run) handleSitemap(doc sitemapDoc) error {
	if len(doc.URLs) == 0 && len(doc.Sitemaps) == 0 {
		return errors.New("empty sitemap")
	}
	if len(doc.Sitemaps) > 0 {
		r.mu.Lock()
		r.res.ListPages++
		r.mu.Unlock()
		locs := make([]string, 0, len(doc.Sitemaps))
		for _, s := range newestFirst(doc.Sitemaps) {
			locs = append(locs, s.Loc)
		}
		for _, u := range r.inScope(locs) {
			r.enqueue(u, kindFeed)
		}
	}
	if len(doc.URLs) > 0 {
		locs := make([]string, 0, len(doc.URLs))
		for _, e := range newestFirst(doc.URLs) {
			locs = append(locs, e.Loc)
		}
		r.queueFeedLinks(locs)
	}
	return nil
}

// newestFirst orders entries by lastmod, newest first; entries without one,
// or with one that does not parse, keep their order after the dated ones.
func newestFirst(es []sitemapEntry) []sitemapEntry {
	out := append([]sitemapEntry(nil), es...)
	at := func(e sitemapEntry) time.Time {
		for _, layout := range []string{time.RFC3339, "2006-01-02T15:04Z07:00", "2006-01-02"} {
			if t, err := time.Parse(layout, e.LastMod); err == nil {
				return t
			}
		}
		return time.Time{}
	}
	sort.SliceStable(out, func(i, j int) bool { return at(out[i]).After(at(out[j])) })
	return out
}
