package sampleportals

import (
	"embed"
	"fmt"
	"strings"
	"time"

	"gopkg.in/yaml.v3"
)

//go:embed content/*.yaml
var contentFS embed.FS

// Trap names an article may carry in its content file.
const (
	trapTwice   = "twice"   // linked again from the sidebar with ?utm_… and #fragment
	trapNoVi    = "novi"    // NukeViet: listed under the rewritten form without /vi
	trapOldTone = "oldtone" // old-style tone placement (Hoà, Thuỷ, khoẻ); informative only
	trapRoundUp = "roundup" // a "Tin hoạt động VKSND địa phương" round-up; informative only
	trapNFD     = "nfd"     // the whole page is served in decomposed Unicode
	trapCP1258  = "cp1258"  // the page is encoded in windows-1258
	trapXSS     = "xss"     // raw_html carries script payloads
	trapNoDate  = "nodate"  // the page shows no date at all
	trapPrivate = "private" // lives under a robots.txt-disallowed path; not expected
	trapMissing = "missing" // linked from a list but answers 404; not expected
)

// vietnam is Asia/Ho_Chi_Minh. Vietnam has kept UTC+7 without daylight saving
// since 1975, so a fixed zone is exact and needs no tzdata on the host.
var vietnam = time.FixedZone("ICT", 7*3600)

// articleData is one article as written in content/<site>.yaml.
type articleData struct {
	ID        int    `yaml:"id"`
	Cat       string `yaml:"cat"`  // NukeViet category alias
	Slug      string `yaml:"slug"` // URL alias
	Title     string `yaml:"title"`
	Published string `yaml:"published"` // RFC 3339 in +07:00; "" when the page shows no date
	Summary   string `yaml:"summary"`
	Author    string `yaml:"author"`
	Source    string `yaml:"source"`
	// Body holds paragraphs separated by blank lines; a paragraph starting
	// with "[img] " is a photo whose caption is the rest of the paragraph.
	Body string `yaml:"body"`
	// RawHTML is appended to the rendered body without escaping: it carries
	// the payloads that sanitization tests need.
	RawHTML  string   `yaml:"raw_html"`
	Contains []string `yaml:"contains"`
	Traps    []string `yaml:"traps"`

	published time.Time // parsed Published, in Vietnam time; zero when absent
}

// block is one paragraph or photo of an article body.
type block struct {
	Text  string
	Image bool // Text is then the caption
}

// has reports whether the article carries the trap.
func (a *articleData) has(trap string) bool {
	for _, t := range a.Traps {
		if t == trap {
			return true
		}
	}
	return false
}

// expected reports whether a correct crawl must yield the article.
func (a *articleData) expected() bool {
	return !a.has(trapPrivate) && !a.has(trapMissing)
}

// blocks splits the body into paragraphs and photos.
func (a *articleData) blocks() []block {
	var out []block
	for _, p := range strings.Split(strings.TrimSpace(a.Body), "\n\n") {
		p = strings.Join(strings.Fields(p), " ")
		if p == "" {
			continue
		}
		if c, ok := strings.CutPrefix(p, "[img] "); ok {
			out = append(out, block{Text: c, Image: true})
			continue
		}
		out = append(out, block{Text: p})
	}
	return out
}

// cleanText is the text a perfect extractor keeps from the body: paragraphs
// and captions, one per line. Tests use it to check that every BodyContains
// phrase is real content and that no BodyExcludes phrase is.
func (a *articleData) cleanText() string {
	var b strings.Builder
	for _, bl := range a.blocks() {
		b.WriteString(bl.Text)
		b.WriteByte('\n')
	}
	return b.String()
}

// sharedContent names the content file of sites that share one: the three
// CMS-family portals render the same articles in their own markup.
var sharedContent = map[string]string{"danang": "families", "thanhhoa": "families", "ninhthuan": "families"}

// loadContent reads and validates content/<site>.yaml (or the file the site
// shares).
func loadContent(site string) ([]*articleData, error) {
	if shared, ok := sharedContent[site]; ok {
		site = shared
	}
	name := "content/" + site + ".yaml"
	raw, err := contentFS.ReadFile(name)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	var doc struct {
		Articles []*articleData `yaml:"articles"`
	}
	if err := yaml.Unmarshal(raw, &doc); err != nil {
		return nil, fmt.Errorf("parse %s: %w", name, err)
	}
	seen := map[int]bool{}
	for i, a := range doc.Articles {
		if err := a.validate(); err != nil {
			return nil, fmt.Errorf("%s: article %d (id %d): %w", name, i, a.ID, err)
		}
		if seen[a.ID] {
			return nil, fmt.Errorf("%s: duplicate id %d", name, a.ID)
		}
		seen[a.ID] = true
	}
	return doc.Articles, nil
}

// validate checks one article and parses its date.
func (a *articleData) validate() error {
	if a.ID <= 0 {
		return fmt.Errorf("id must be positive")
	}
	if strings.TrimSpace(a.Title) == "" {
		return fmt.Errorf("empty title")
	}
	if len(a.blocks()) == 0 {
		return fmt.Errorf("empty body")
	}
	if a.Published == "" {
		if !a.has(trapNoDate) {
			return fmt.Errorf("no published date and no %q trap", trapNoDate)
		}
	} else {
		t, err := time.Parse(time.RFC3339, a.Published)
		if err != nil {
			return fmt.Errorf("published: %w", err)
		}
		a.published = t.In(vietnam)
	}
	if len(a.Contains) == 0 && a.expected() {
		return fmt.Errorf("no contains phrases")
	}
	text := a.cleanText()
	for _, c := range a.Contains {
		if !strings.Contains(text, c) {
			return fmt.Errorf("contains phrase %q is not in the body", c)
		}
	}
	return nil
}

// weekdays are the Vietnamese day names as NukeViet and most portals print
// them, indexed by time.Weekday.
var weekdays = [...]string{"Chủ nhật", "Thứ hai", "Thứ ba", "Thứ tư", "Thứ năm", "Thứ sáu", "Thứ bảy"}

// weekdaysTitle are the same names with every word capitalised, as some
// themes print them ("Thứ Sáu").
var weekdaysTitle = [...]string{"Chủ Nhật", "Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy"}
