package web

import (
	"html/template"
	"math"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/vksnews/vksnews/internal/article"
)

// levelLabels names the unit levels in Vietnamese.
var levelLabels = map[string]string{
	article.LevelToiCao: "VKSND tối cao",
	article.LevelCapCao: "VKSND cấp cao",
	article.LevelTinh:   "Cấp tỉnh",
	article.LevelKhuVuc: "Khu vực",
	article.LevelHuyen:  "Cấp huyện (trước 7/2025)",
	article.LevelQuanSu: "Quân sự",
}

// facetLabels names the facets shown on the search page, in their order.
var facetLabels = []struct{ name, label string }{
	{"province_now", "Tỉnh/thành (sau sáp nhập)"},
	{"level", "Cấp"},
	{"event_type", "Loại sự kiện"},
	{"unit", "Đơn vị"},
	{"mentions_unit", "Có nhắc đến đơn vị"},
	{"official", "Cán bộ"},
}

// filterLabels names every filter, for the list of active filters.
var filterLabels = map[string]string{
	"q":            "Từ khóa",
	"province":     "Tỉnh (theo bài)",
	"province_now": "Tỉnh/thành",
	"level":        "Cấp",
	"unit":         "Đơn vị",
	"event_type":   "Loại sự kiện",
	"official":     "Cán bộ",
	"portal":       "Cổng",
	"from":         "Từ ngày",
	"to":           "Đến ngày",

	"mentions_unit":         "Có nhắc đến đơn vị",
	"mentions_province":     "Có nhắc đến tỉnh (theo bài)",
	"mentions_province_now": "Có nhắc đến tỉnh/thành",
	"mentions_level":        "Có nhắc đến cấp",
}

// statusLabels names a portal's crawl status (store.PortalState.Status).
var statusLabels = map[string]string{
	"ok":      "Bình thường",
	"partial": "Một phần (có trang lỗi)",
	"failed":  "Thất bại",
	"running": "Đang thu thập",
}

// statusLabel shows a crawl status in Vietnamese; an unknown one as it is.
func statusLabel(code string) string {
	if l, ok := statusLabels[strings.ToLower(code)]; ok {
		return l
	}
	return code
}

// valueLabel shows a facet or filter value: codes get their Vietnamese
// name, dates the Vietnamese order, the rest stays as it is.
func valueLabel(name, v string) string {
	switch name {
	case "level", "mentions_level":
		if l, ok := levelLabels[v]; ok {
			return l
		}
	case "event_type":
		if l, ok := article.EventLabel(v); ok {
			return l
		}
	case "from", "to":
		if d, err := article.ParseDate(v); err == nil {
			return dateVN(d)
		}
	}
	return v
}

func dateVN(d article.Date) string {
	return d.In(time.UTC).Format("02/01/2006")
}

func (u *ui) funcs() template.FuncMap {
	return template.FuncMap{
		"asset": func(name string) string {
			a, ok := u.assets[name]
			if !ok {
				return "/static/" + name
			}
			return "/static/" + name + "?v=" + a.hash
		},
		"level": func(code string) string { return valueLabel("level", code) },
		"event": func(code string) string { return valueLabel("event_type", code) },
		"date": func(d *article.Date) string {
			if d == nil {
				return ""
			}
			return dateVN(*d)
		},
		"articleURL":  articleURL,
		"officialURL": officialURL,
		"paragraphs":  paragraphs,
		"pct":         func(f float64) string { return fmtPercent(f) },
		"status":      statusLabel,
	}
}

func articleURL(id string) string    { return "/articles/" + url.PathEscape(id) }
func officialURL(name string) string { return "/officials/" + url.PathEscape(name) }

// paragraphs splits a plain-text body at blank lines.
func paragraphs(s string) []string {
	var out []string
	for _, p := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n\n") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// fmtPercent shows a share as a whole percentage, "87%".
func fmtPercent(f float64) string {
	return strconv.Itoa(int(math.Round(f*100))) + "%"
}
