// Package extract turns parsed HTML pages of a procuracy news portal into the
// links a list page points to and the article.Raw record of an article page.
//
// It is pure: it never fetches, never writes and never imports colly. Each
// portal uses a preset (a selector table plus the quirks of one CMS family)
// that the config may override field by field; whatever a selector does not
// find falls back to the generic heuristics, so a portal on preset "generic"
// needs no selectors at all.
package extract

import (
	"errors"
	"fmt"
	"strings"

	"github.com/andybalholm/cascadia"

	"github.com/vksnews/vksnews/config"
)

// ErrNotArticle is wrapped by Article when a page has no recognisable title or body.
var ErrNotArticle = errors.New("not an article page")

// Selectors are CSS selectors for one portal; a non-empty field overrides the
// preset's. They are the config file's selectors (DESIGN.md), one type, so
// that a field added to the config reaches the extractor.
type Selectors = config.Selectors

// List is what a list page links to, as absolute URLs (fragment dropped),
// deduplicated, in page order. It may contain other hosts: the crawler filters.
type List struct{ Articles, Next []string }

// Extractor extracts list pages and article pages for one portal. It is
// immutable after New and safe for concurrent use.
type Extractor struct {
	preset string
	q      quirks
	// Each field is a priority list: the first selector that matches wins.
	articleLinks, nextPage, title, published, summary, body, author []selector
	remove                                                          []selector
}

// New compiles the preset's selectors with the overrides; an unknown preset or
// an invalid selector is an error naming the field ("selectors.title: …").
func New(preset string, override Selectors) (*Extractor, error) {
	if preset == "" {
		preset = "generic"
	}
	p, ok := presets[preset]
	if !ok {
		return nil, fmt.Errorf("unknown preset %q (want one of %s)", preset, strings.Join(Presets(), ", "))
	}
	e := &Extractor{preset: preset, q: p.quirks}
	fields := []struct {
		name     string
		override string
		preset   []string
		dst      *[]selector
	}{
		{"article_links", override.ArticleLinks, p.articleLinks, &e.articleLinks},
		{"next_page", override.NextPage, p.nextPage, &e.nextPage},
		{"title", override.Title, p.title, &e.title},
		{"published", override.Published, p.published, &e.published},
		{"summary", "", p.summary, &e.summary},
		{"body", override.Body, p.body, &e.body},
		{"author", override.Author, p.author, &e.author},
	}
	for _, f := range fields {
		list := f.preset
		if strings.TrimSpace(f.override) != "" {
			list = []string{f.override}
		}
		sels, err := compileAll(list)
		if err != nil {
			return nil, fmt.Errorf("selectors.%s: %w", f.name, err)
		}
		*f.dst = sels
	}
	for i, s := range append(append([]string(nil), p.remove...), override.Remove...) {
		if strings.TrimSpace(s) == "" {
			continue
		}
		sel, err := cascadia.Compile(s)
		if err != nil {
			if i >= len(p.remove) {
				return nil, fmt.Errorf("selectors.remove[%d]: %q: %w", i-len(p.remove), s, err)
			}
			return nil, fmt.Errorf("preset %s remove %q: %w", preset, s, err)
		}
		e.remove = append(e.remove, sel)
	}
	return e, nil
}

// compileAll compiles each selector of a priority list.
func compileAll(list []string) ([]selector, error) {
	var out []selector
	for _, s := range list {
		if strings.TrimSpace(s) == "" {
			continue
		}
		sel, err := cascadia.Compile(s)
		if err != nil {
			return nil, fmt.Errorf("%q: %w", s, err)
		}
		out = append(out, sel)
	}
	return out, nil
}

// selector is one compiled CSS selector group.
type selector = cascadia.Selector
