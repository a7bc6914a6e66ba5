package sampleportals

import (
	"encoding/json"
	"fmt"
	"strconv"
)

// wpPerPage is the sample's REST API page size (WordPress's default is 10).
const wpPerPage = 4

// wpPost is the part of a WordPress REST API post (/wp-json/wp/v2/posts)
// that the sample serves: what a crawler needs to find and date articles.
type wpPost struct {
	ID          int        `json:"id"`
	Date        string     `json:"date"`     // site time, no zone
	DateGMT     string     `json:"date_gmt"` // UTC, no zone
	Modified    string     `json:"modified"`
	ModifiedGMT string     `json:"modified_gmt"`
	Link        string     `json:"link"`
	Title       wpRendered `json:"title"`
	Excerpt     wpRendered `json:"excerpt"`
	Type        string     `json:"type"`
	Status      string     `json:"status"`
	Categories  []int      `json:"categories"`
	Meta        []string   `json:"meta"`
	GUID        wpRendered `json:"guid"`
}

type wpRendered struct {
	Rendered string `json:"rendered"`
}

// addWPAPI serves /wp-json/wp/v2/posts as WordPress does: newest first,
// paged with ?page=N, the page count in X-WP-TotalPages and the total in
// X-WP-Total. Links are absolute, so they carry the origin token. The
// robots-disallowed private post is not published, so it is not listed.
func addWPAPI(b *siteBuild, public []*articleData) error {
	pages := (len(public) + wpPerPage - 1) / wpPerPage
	for p := 1; p <= pages; p++ {
		var posts []wpPost
		for _, a := range public[(p-1)*wpPerPage : min(p*wpPerPage, len(public))] {
			posts = append(posts, wpPost{
				ID: a.ID, Date: a.published.Format("2006-01-02T15:04:05"), DateGMT: a.published.UTC().Format("2006-01-02T15:04:05"),
				Modified: a.published.Format("2006-01-02T15:04:05"), ModifiedGMT: a.published.UTC().Format("2006-01-02T15:04:05"),
				Link: originToken + wpPath(a), Title: wpRendered{a.Title}, Excerpt: wpRendered{"<p>" + a.Summary + "</p>\n"},
				Type: "post", Status: "publish", Categories: []int{2}, Meta: []string{},
				GUID: wpRendered{fmt.Sprintf("%s/?p=%d", originToken, a.ID)},
			})
		}
		body, err := json.Marshal(posts)
		if err != nil {
			return fmt.Errorf("wp-json page %d: %w", p, err)
		}
		key := "/wp-json/wp/v2/posts"
		if p > 1 {
			key += "?page=" + strconv.Itoa(p)
		}
		if err := b.add(key, typeJSON, body); err != nil {
			return err
		}
		b.pages[key] = page{body: body, contentType: typeJSON, headers: map[string]string{
			"X-WP-Total": strconv.Itoa(len(public)), "X-WP-TotalPages": strconv.Itoa(pages),
		}}
	}
	return nil
}
