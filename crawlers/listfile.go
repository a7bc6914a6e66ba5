package crawlers

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"

	"github.com/vksnews/vksnews/crawlers/extract"
)

// ListFile finds the article and next-page links of one list page the way a
// crawl of p would (charset handling, preset, URL canonicalization, the
// portal's host), fetching nothing. pageURL is the address the page was
// fetched or saved from; contentType is its Content-Type header, "" for a
// saved file.
func ListFile(p Portal, pageURL string, body []byte, contentType string) (extract.List, error) {
	ex, err := extract.New(p.Preset, p.Selectors)
	if err != nil {
		return extract.List{}, err
	}
	c, err := Canonicalize(pageURL)
	if err != nil {
		return extract.List{}, err
	}
	u, _ := url.Parse(c)
	_, doc, err := parseHTML(body, contentType)
	if err != nil {
		return extract.List{}, err
	}
	r := &run{portal: p.Name, ex: ex, hosts: map[string]bool{u.Host: true}}
	l := ex.List(u, doc)
	return extract.List{Articles: r.inScope(l.Articles), Next: r.inScope(l.Next)}, nil
}

// Fetched is one page fetched by FetchPage.
type Fetched struct {
	URL         string // after redirects
	Status      int
	ContentType string
	Body        []byte
}

// FetchPage makes one polite GET (User-Agent, timeout, body cap from opts)
// outside a crawl, for one-off tools such as `vksnews check`. A status
// other than 200 is an error.
func FetchPage(ctx context.Context, client *http.Client, opts Options, pageURL string) (Fetched, error) {
	o := opts.withDefaults()
	ctx, cancel := context.WithTimeout(ctx, o.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, pageURL, nil)
	if err != nil {
		return Fetched{}, fmt.Errorf("GET %s: %w", pageURL, err)
	}
	req.Header.Set("User-Agent", o.UserAgent)
	req.Header.Set("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")
	req.Header.Set("Accept-Language", "vi,en;q=0.5")
	if client == nil {
		client = http.DefaultClient
	}
	resp, err := client.Do(req)
	if err != nil {
		return Fetched{}, fmt.Errorf("GET %s: %w", pageURL, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, o.MaxBodyBytes+1))
	if err != nil {
		return Fetched{}, fmt.Errorf("GET %s: read body: %w", pageURL, err)
	}
	if int64(len(body)) > o.MaxBodyBytes {
		return Fetched{}, fmt.Errorf("GET %s: page larger than max_body_bytes (%d bytes)", pageURL, o.MaxBodyBytes)
	}
	f := Fetched{URL: resp.Request.URL.String(), Status: resp.StatusCode, ContentType: resp.Header.Get("Content-Type"), Body: body}
	if resp.StatusCode != http.StatusOK {
		return f, fmt.Errorf("GET %s: status %d", pageURL, resp.StatusCode)
	}
	return f, nil
}
