package sampleportals

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"strings"
	texttemplate "text/template"
)

// rssChannel is the data of templates/rss.xml, an RSS 2.0 feed.
type rssChannel struct {
	Title, Self, Link, Description, Generator string
	Items                                     []rssItem
}

// rssItem is one feed entry; Link is a path that gets the origin prefixed.
// GUID, when set, is a non-permalink guid (NukeViet writes "news_<id>");
// else the link is the guid.
type rssItem struct {
	Title, Link, Description, Category, Creator, PubDate, GUID string
}

// xmlText escapes s for XML character data and attribute values.
func xmlText(s string) string {
	var b strings.Builder
	// EscapeText only fails when the writer fails; a Builder never does.
	_ = xml.EscapeText(&b, []byte(s))
	return b.String()
}

// renderRSS renders an RSS 2.0 feed.
func renderRSS(ch rssChannel) ([]byte, error) {
	t, err := texttemplate.New("rss.xml").Funcs(texttemplate.FuncMap{
		"x":      xmlText,
		"origin": func() string { return originToken },
	}).ParseFS(templateFS, "templates/rss.xml")
	if err != nil {
		return nil, fmt.Errorf("parse rss template: %w", err)
	}
	var buf bytes.Buffer
	if err := t.Execute(&buf, ch); err != nil {
		return nil, fmt.Errorf("render rss %s: %w", ch.Title, err)
	}
	return buf.Bytes(), nil
}
