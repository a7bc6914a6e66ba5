// Package article holds the domain types that flow through vksnews: the Raw
// page a crawler extracts, the normalized Article that the store, the index,
// the API and the digest share, and the codes that describe units and events.
//
// The JSON shape of Article is a public contract (see DESIGN.md): field names
// and encodings must not change.
package article

import (
	"time"
)

// Image is a picture found in an article body, with the caption the page gives it.
type Image struct {
	URL     string `json:"url"`
	Caption string `json:"caption,omitempty"`
}

// Raw is one article page as a crawler found it, before normalization.
// Text fields are UTF-8 but otherwise as on the page; Published is the date
// string exactly as the page shows it (or as its metadata gives it).
type Raw struct {
	URL          string    `json:"url"`
	CanonicalURL string    `json:"canonical_url"`
	Portal       string    `json:"portal"`
	Title        string    `json:"title"`
	Published    string    `json:"published"`
	Summary      string    `json:"summary,omitempty"`
	BodyHTML     string    `json:"body_html"`
	BodyText     string    `json:"body_text"`
	Author       string    `json:"author,omitempty"`
	Source       string    `json:"source,omitempty"`
	Images       []Image   `json:"images,omitempty"`
	FetchedAt    time.Time `json:"fetched_at"`
	Status       int       `json:"status"`
	ETag         string    `json:"etag,omitempty"`
	LastModified string    `json:"last_modified,omitempty"`
}

// Unit levels (DESIGN.md, "Unit levels").
const (
	LevelToiCao = "toi_cao" // VKSND tối cao
	LevelCapCao = "cap_cao" // VKSND cấp cao tại Hà Nội / Đà Nẵng / TP HCM
	LevelTinh   = "tinh"    // province or centrally-run city
	LevelKhuVuc = "khu_vuc" // regional, from 1 July 2025
	LevelHuyen  = "huyen"   // district, until 30 June 2025
	LevelQuanSu = "quan_su" // military procuracies
)

// Levels lists every unit level code.
var Levels = []string{LevelToiCao, LevelCapCao, LevelTinh, LevelKhuVuc, LevelHuyen, LevelQuanSu}

// Unit is a procuracy (or, in Officials, another body) named by an article.
// Province is the province as the article names it; ProvinceNow is the
// province it belongs to after the 2025 merger. Unknown values are empty.
type Unit struct {
	Name        string `json:"name"`
	Level       string `json:"level"`
	Province    string `json:"province"`
	ProvinceNow string `json:"province_now"`
}

// IsZero reports whether u names no unit at all.
func (u Unit) IsZero() bool { return u == Unit{} }

// Official is a named office holder with the title and unit the text gives.
type Official struct {
	Name  string `json:"name"`
	Title string `json:"title"`
	Unit  string `json:"unit"`
}

// Section is one unit's paragraph group in a round-up article such as the
// Supreme portal's "Tin hoạt động VKSND địa phương".
type Section struct {
	Unit       Unit       `json:"unit"`
	EventDate  *Date      `json:"event_date"`
	EventTypes []string   `json:"event_types"`
	Officials  []Official `json:"officials"`
	Text       string     `json:"text"`
}

// Article is the normalized record of one news article (DESIGN.md, "The article").
type Article struct {
	ID         string     `json:"id"`
	URL        string     `json:"url"`
	Portal     string     `json:"portal"`
	Title      string     `json:"title"`
	Published  *time.Time `json:"published"`
	EventDate  *Date      `json:"event_date"`
	Unit       Unit       `json:"unit"`
	Units      []Unit     `json:"units"`
	Officials  []Official `json:"officials"`
	EventTypes []string   `json:"event_types"`
	Sections   []Section  `json:"sections"`
	Author     string     `json:"author"`
	Source     string     `json:"source"`
	Summary    string     `json:"summary"`
	Body       string     `json:"body"`
	// Images are the body's photos with their captions (taken out of Body).
	Images    []Image   `json:"images,omitempty"`
	FetchedAt time.Time `json:"fetched_at"`
}
