package web

import (
	"strings"
	"time"
	"unicode"

	"github.com/vksnews/vksnews/index"
	"github.com/vksnews/vksnews/internal/filter"
	"github.com/vksnews/vksnews/internal/vntext"
)

// exportName names a download after the search and the day it was made:
// "vksnews-tap-huan-khanh-hoa-2026-12-03.csv". The words are the query's
// and the filter values, folded to ASCII with dashes (so that the name
// needs no quoting in Content-Disposition), at most 60 bytes.
func exportName(req index.Request, now time.Time, ext string) string {
	parts := []string{req.Query}
	for _, k := range filter.Names {
		if v := filterValue(req, k); v != "" {
			parts = append(parts, v)
		}
	}
	slug := slugify(strings.Join(parts, " "), 60)
	name := "vksnews"
	if slug != "" {
		name += "-" + slug
	}
	return name + "-" + now.Format("2006-01-02") + "." + ext
}

// filterValue is the value of filter k in req, as typed.
func filterValue(req index.Request, k string) string {
	f := req.Filters
	switch k {
	case "province":
		return f.Province
	case "province_now":
		return f.ProvinceNow
	case "level":
		return f.Level
	case "unit":
		return f.Unit
	case "event_type":
		return f.EventType
	case "official":
		return f.Official
	case "portal":
		return f.Portal
	case "from":
		if f.From != nil {
			return "tu " + f.From.String()
		}
	case "to":
		if f.To != nil {
			return "den " + f.To.String()
		}
	case "mentions_unit":
		return f.MentionsUnit
	case "mentions_province":
		return f.MentionsProvince
	case "mentions_province_now":
		return f.MentionsProvinceNow
	case "mentions_level":
		return f.MentionsLevel
	}
	return ""
}

// slugify folds s (filter.Key: no case, marks or đ) to ASCII letters and
// digits joined by dashes, cut at a dash within max bytes.
func slugify(s string, max int) string {
	words := strings.FieldsFunc(vntext.Key(s), func(r rune) bool {
		return r >= 128 || !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	out := strings.Join(words, "-")
	if len(out) > max {
		out = out[:max]
		if i := strings.LastIndexByte(out, '-'); i > 0 {
			out = out[:i]
		}
	}
	return out
}
