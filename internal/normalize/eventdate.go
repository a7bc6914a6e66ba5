package normalize

import (
	"regexp"
	"strings"
	"time"

	"github.com/vksnews/vksnews/internal/article"
)

var (
	// "từ ngày 10 đến 12/3/2024", "từ 10/3 đến ngày 12/3/2024": the event starts on the first day.
	reDateRange = regexp.MustCompile(`(?i)từ\s+(?:ngày\s+)?(\d{1,2})(?:\s*[/.\-]\s*(\d{1,2}))?(?:\s*[/.\-]\s*(\d{4}))?\s*(?:đến|tới|-|–)\s*(?:ngày\s+)?(\d{1,2})\s*[/.\-]\s*(\d{1,2})(?:\s*[/.\-]\s*(\d{4}))?`)
	// "ngày 04 tháng 02 năm 2026", "ngày 4 tháng 2".
	reDateWords = regexp.MustCompile(`(?i)(\d{1,2})\s+tháng\s+(\d{1,2})(?:\s*(?:,\s*)?năm\s+(\d{4}))?`)
	// "04/01/2022", "15/3", "15-3-2024".
	reDateNum = regexp.MustCompile(`(\d{1,2})\s*[/.\-]\s*(\d{1,2})(?:\s*[/.\-]\s*(\d{4}))?`)
	// A document reference before a date: "Nghị quyết số 96/2019/QH14 ngày".
	reDocBefore = regexp.MustCompile(`(?i)(?:\bsố\s+\S+|nghị quyết|chỉ thị|kế hoạch|quyết định|thông tư|công văn|hướng dẫn|nghị định|thông báo|luật|pháp lệnh|kết luận|/[A-ZĐ]{2,}\S*)[^,;.\n]{0,40}$`)
	// A deadline or a reference point before a date: "hoàn thành trước ngày".
	reBoundBefore = regexp.MustCompile(`(?i)(?:trước|sau|đến|tới|hạn|kể từ|chậm nhất|trong|hết|ban hành|ký)\s+(?:ngày\s+)?$`)
)

// eventDate returns the day the event an article reports happened, from its
// lead: "Ngày 25/01/2021, VKSND…", "Sáng ngày 04/01/2022", "Ngày 04 tháng 02
// năm 2026", "Chiều 15/3" (the year taken from published), the first day of
// "từ ngày 10 đến 12/3/2024". Dates of legal documents, deadlines and datelines
// are not event dates. It returns nil when the lead gives no date ("Vừa qua",
// "mới đây") or a year is needed and published is nil.
// Its input is already in Text form.
func eventDate(lead string, published *time.Time) *article.Date {
	type cand struct {
		start, end int
		d, m, y    int
		isRange    bool
	}
	var cands []cand
	nRanges := 0 // cands[:nRanges] are the ranges, which cover other matches
	covered := func(i int) bool {
		for _, c := range cands[:nRanges] {
			if i >= c.start && i < c.end {
				return true
			}
		}
		return false
	}
	for _, mt := range reDateRange.FindAllStringSubmatchIndex(lead, -1) {
		d := atoi(lead[mt[2]:mt[3]])
		m, y := -1, -1
		if mt[4] >= 0 {
			m = atoi(lead[mt[4]:mt[5]])
		} else {
			m = atoi(lead[mt[10]:mt[11]])
		}
		if mt[6] >= 0 {
			y = atoi(lead[mt[6]:mt[7]])
		} else if mt[12] >= 0 {
			y = atoi(lead[mt[12]:mt[13]])
		}
		cands = append(cands, cand{mt[0], mt[1], d, m, y, true})
	}
	nRanges = len(cands)
	for _, re := range []*regexp.Regexp{reDateWords, reDateNum} {
		for _, mt := range re.FindAllStringSubmatchIndex(lead, -1) {
			if covered(mt[0]) || !digitBoundary(lead, mt[0], mt[1]) {
				continue
			}
			y := -1
			if mt[6] >= 0 {
				y = atoi(lead[mt[6]:mt[7]])
			}
			cands = append(cands, cand{mt[0], mt[1], atoi(lead[mt[2]:mt[3]]), atoi(lead[mt[4]:mt[5]]), y, false})
		}
	}
	var best *article.Date
	bestPos := len(lead) + 1
	for _, c := range cands {
		if c.start >= bestPos || !eventContext(lead, c.start, c.end, c.isRange) {
			continue
		}
		y := c.y
		if y < 0 {
			if published == nil {
				continue
			}
			y = published.Year()
			// "28/12" in an article published on 2 January is last year's.
			if dd, ok := article.NewDate(y, time.Month(c.m), c.d); ok && article.DateOf(*published).Before(dd) {
				y--
			}
		}
		dd, ok := article.NewDate(y, time.Month(c.m), c.d)
		if !ok || !plausibleYear(y) {
			continue
		}
		best, bestPos = &dd, c.start
	}
	return best
}

// digitBoundary reports that the match is not part of a longer number or
// document code ("96/2019/QH14", "09-NQ/TW", "63/64").
func digitBoundary(s string, start, end int) bool {
	if start > 0 {
		if c := s[start-1]; c >= '0' && c <= '9' || c == '/' || c == '-' || c == '.' {
			return false
		}
	}
	if end < len(s) {
		if c := s[end]; c >= '0' && c <= '9' || c == '/' || c == '-' || (c >= 'A' && c <= 'Z') {
			return false
		}
	}
	return true
}

// eventContext reports whether the date at s[start:end] reads as the date of
// an event: not a dateline alone on its line, not a document's date, not a
// deadline, and a bare "15/3" only when "ngày" or a time of day precedes it.
func eventContext(s string, start, end int, isRange bool) bool {
	// Look for the line's ends only nearby: a line longer than that is no
	// dateline, and scanning the whole text for every date is quadratic.
	const near = 300
	from := max(0, start-near)
	lineStart := from
	if i := strings.LastIndexByte(s[from:start], '\n'); i >= 0 {
		lineStart = from + i + 1
	}
	to := min(len(s), end+near)
	lineEnd := to
	if i := strings.IndexByte(s[end:to], '\n'); i >= 0 {
		lineEnd = end + i
	}
	if len(strings.TrimSpace(s[lineStart:lineEnd])) <= end-start+2 {
		return false // a dateline
	}
	before := s[max(lineStart, start-80):start]
	if reDocBefore.MatchString(before) || reBoundBefore.MatchString(before) {
		return false
	}
	if isRange {
		return true // "từ ngày 10 đến 12/3": the range itself says it is a period of events
	}
	tail := strings.TrimSpace(strings.ToLower(before))
	for _, w := range []string{"ngày", "sáng", "chiều", "tối", "trưa", "đêm", "hôm", "vào"} {
		if strings.HasSuffix(tail, w) {
			return true
		}
	}
	return false
}
