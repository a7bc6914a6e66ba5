package crawlers

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"

	"github.com/mmcdole/gofeed"
)

// handleFeed queues the articles a feed links to: an RSS or Atom feed, a
// sitemap (sitemap.go), or a WordPress REST API listing
// (/wp-json/wp/v2/posts), which lists every post where an RSS feed holds the
// latest ten. Feed dates are not used: NukeViet's
// pubDate is known to be wrong (DESIGN.md), and the article page has the
// date anyway.
func (r *run) handleFeed(u string, body []byte, hdr http.Header) error {
	if t := bytes.TrimSpace(body); len(t) > 0 && t[0] == '[' {
		return r.handleWPPosts(u, t, hdr)
	}
	if doc, ok, err := parseSitemap(body); ok {
		if err != nil {
			return err
		}
		return r.handleSitemap(doc)
	}
	feed, err := gofeed.NewParser().Parse(bytes.NewReader(body))
	if err != nil {
		return fmt.Errorf("parse feed: %w", err)
	}
	var links []string
	for _, it := range feed.Items {
		if it.Link != "" {
			links = append(links, it.Link)
		}
		for _, l := range it.Links {
			if l != it.Link {
				links = append(links, l)
			}
		}
	}
	r.queueFeedLinks(links)
	return nil
}

// queueFeedLinks counts one feed page and queues its unknown articles; it
// reports how many of the in-scope links were already known.
func (r *run) queueFeedLinks(links []string) (known, all int) {
	r.mu.Lock()
	r.res.ListPages++
	r.mu.Unlock()
	for _, a := range r.inScope(links) {
		all++
		if !r.opts.Refresh && r.state.Known(a) {
			known++
			continue
		}
		r.enqueue(a, kindArticle)
	}
	return known, all
}

// handleWPPosts reads one page of the WordPress REST API's posts and, like
// a list page, follows the next page (?page=N+1, up to X-WP-TotalPages)
// unless every post on this one is known already.
func (r *run) handleWPPosts(u string, body []byte, hdr http.Header) error {
	var posts []struct {
		Link string `json:"link"`
	}
	if err := json.Unmarshal(body, &posts); err != nil {
		return fmt.Errorf("parse WordPress posts: %w", err)
	}
	links := make([]string, 0, len(posts))
	for _, p := range posts {
		if p.Link != "" {
			links = append(links, p.Link)
		}
	}
	known, all := r.queueFeedLinks(links)
	if all > 0 && known == all && !r.opts.Refresh && !r.opts.FullListing {
		return nil
	}
	total, err := strconv.Atoi(hdr.Get("X-WP-TotalPages"))
	if err != nil {
		return nil // no paging header: one page
	}
	pu, err := url.Parse(u)
	if err != nil {
		return nil
	}
	q := pu.Query()
	page, _ := strconv.Atoi(q.Get("page"))
	if page < 1 {
		page = 1
	}
	if page >= total {
		return nil
	}
	q.Set("page", strconv.Itoa(page+1))
	pu.RawQuery = q.Encode()
	if next, err := Canonicalize(pu.String()); err == nil {
		r.enqueue(next, kindFeed)
	}
	return nil
}
