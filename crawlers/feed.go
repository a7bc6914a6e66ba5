package crawlers

import (
	"bytes"
	"fmt"

	"github.com/mmcdole/gofeed"
)

// handleFeed queues the articles an RSS or Atom feed links to. Feed dates
// are not used: NukeViet's pubDate is known to be wrong (DESIGN.md), and
// the article page has the date anyway.
func (r *run) handleFeed(body []byte) error {
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
	r.mu.Lock()
	r.res.ListPages++
	r.mu.Unlock()
	for _, a := range r.inScope(links) {
		if !r.opts.Refresh && r.state.Known(a) {
			continue
		}
		r.enqueue(a, kindArticle)
	}
	return nil
}
