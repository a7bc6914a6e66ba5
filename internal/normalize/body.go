package normalize

import (
	"regexp"
	"strings"

	"github.com/vksnews/vksnews/internal/vntext"
)

// boilerplateLines are whole lines that CMS widgets leave in an extracted
// body (compared after Text and lower-casing).
var boilerplateLines = map[string]bool{
	"leftcenterrightdel": true, "cỡ chữ: tương phản": true, "cỡ chữ:": true, "tương phản": true,
	"xem với cỡ chữ:": true, "xem với cỡ chữ": true, "in bài viết": true, "in trang": true,
	"bản in": true, "chia sẻ": true, "chia sẻ:": true, "chia sẻ bài viết": true, "share": true,
	"tweet": true, "gửi email": true, "gửi bài viết qua email": true, "lưu bài viết": true,
	"in": true, "email": true, "print": true, "bình luận": true, "liên kết website": true,
	"thông kê truy cập": true, "thống kê truy cập": true, "tìm kiếm": true, "quay lại": true,
	"về đầu trang": true, "đầu trang": true, "trở về": true, "tin liên quan": true,
	"các tin khác": true, "tin khác": true, "bài viết liên quan": true,
}

// reWidget matches widget lines that carry counters or several buttons.
var reWidget = regexp.MustCompile(`(?i)^(?:(?:chia sẻ|share|in|print|email|zalo|facebook|twitter|tweet|lượt xem|số lượt xem|lượt xem:|cỡ chữ|xem với cỡ chữ)[\s:|/•·\-\d]*)+$|^(?:cỡ chữ|xem với cỡ chữ)\b.*(?:tương phản|a\+|a-)`)

// reCredit matches the credit lines at the end of an article.
var reCredit = regexp.MustCompile(`(?i)^(tin và ảnh|tin và hình|tin, ảnh|tin ảnh|tin|bài và ảnh|bài, ảnh|bài|ảnh|tác giả bài viết|tác giả|người viết|phóng viên|nguồn tin|nguồn)\s*:\s*(.{1,120})$`)

// cleanBody returns the body text in canonical form with widget lines
// removed, and the author and source its closing credit lines give.
func cleanBody(s string) (body, author, source string) {
	s = Text(s)
	lines := strings.Split(s, "\n")
	kept := lines[:0]
	for _, l := range lines {
		t := strings.TrimSpace(l)
		if t != "" {
			low := strings.ToLower(t)
			// Widget lines are short or open with the font-size control:
			// the regexp need not read long lines of prose.
			widgetLike := len(low) <= 160 || strings.HasPrefix(low, "cỡ chữ") || strings.HasPrefix(low, "xem với")
			if boilerplateLines[low] || (widgetLike && reWidget.MatchString(low)) {
				continue
			}
		}
		kept = append(kept, l)
	}
	// Credit lines are only trusted in the closing lines.
	var authors []string
	for i := len(kept) - 1; i >= 0 && i >= len(kept)-6; i-- {
		t := strings.TrimSpace(kept[i])
		if t == "" {
			continue
		}
		m := reCredit.FindStringSubmatch(t)
		if m == nil {
			break
		}
		val := strings.TrimRight(strings.TrimSpace(m[2]), ".")
		switch label := strings.ToLower(m[1]); label {
		case "nguồn tin", "nguồn":
			if source == "" {
				source = val
			}
		default:
			authors = append([]string{val}, authors...)
		}
		kept = kept[:i]
	}
	if len(authors) == 0 {
		// A byline with no label: "Văn Tùng", "Mai Anh - Tuấn Kiệt",
		// "THU HIỀN", "TL (tổng hợp)" alone on the last line.
		for i := len(kept) - 1; i > 0; i-- {
			t := strings.TrimSpace(kept[i])
			if t == "" {
				continue
			}
			if names, ok := bylineNames(t); ok {
				authors, kept = names, kept[:i]
			}
			break
		}
	}
	if len(authors) == 0 && isBylineName(source) {
		// "Nguồn tin: Nguyễn Văn A": a person, so the writer too.
		authors = []string{source}
	}
	author = strings.Join(authors, ", ")
	body = collapseSpace(strings.Join(kept, "\n"))
	return body, author, source
}

// reCompiled matches the bylines of compiled news: "TL (tổng hợp)", "(Tổng hợp)".
var reCompiled = regexp.MustCompile(`(?i)^(?:tl|th|tm)?\s*\(tổng hợp\)$|^(?:tl|th)\.?$`)

// reBylineSep joins the names of a byline.
var reBylineSep = regexp.MustCompile(` [-–—] |, `)

// bylineNames reads a line that is only a byline: one or more person names
// joined by " - ", " – " or ", ", each two to four capitalised syllables (or
// in capitals), the last part maybe the writer's unit ("Văn Tùng - Khu vực
// 5"). It returns the names, or the line itself for a compiled-news mark.
func bylineNames(line string) ([]string, bool) {
	if len(line) > 80 {
		return nil, false
	}
	if reCompiled.MatchString(line) {
		return []string{line}, true
	}
	parts := reBylineSep.Split(strings.TrimRight(line, "."), -1)
	var names []string
	for i, part := range parts {
		part = strings.TrimSpace(part)
		switch {
		case isBylineName(part):
			names = append(names, part)
		case i > 0 && i == len(parts)-1 && len(names) > 0 && (findProcuracy(part) != nil || strings.HasPrefix(part, "Khu vực") || strings.HasPrefix(part, "Phòng")):
			// the writer's unit, not a name
		default:
			return nil, false
		}
	}
	return names, len(names) > 0
}

// isBylineName: two to four words, each capitalised or in capitals, not a
// place, a unit or a title.
func isBylineName(s string) bool {
	ws := strings.Fields(s)
	if len(ws) < 2 || len(ws) > 4 || startsWithTitle(s) {
		return false
	}
	caps := isUpperSyllable(ws[0])
	for _, w := range ws {
		if !(caps && isUpperSyllable(w)) && !(!caps && isNameSyllable(w, false)) {
			return false
		}
	}
	if _, _, ok := LookupProvince(s); ok {
		return false
	}
	_, isDistrict := districts.byKey[vntext.PlaceKey(s)]
	return !isDistrict && findProcuracy(s) == nil
}
