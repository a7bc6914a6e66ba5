package extract

import (
	"regexp"
	"strings"
)

// viDate matches the date forms Vietnamese portals print near a title, with
// an optional weekday before and an optional time after:
// "Thứ Sáu, 31/05/2024 | 07:38", "28/11/2023", "09 - 07 - 2024",
// "ngày 04 tháng 02 năm 2026", "2024-05-31 07:38".
var viDate = regexp.MustCompile(`(?i)` +
	`(?:(?:thứ\s*(?:hai|ba|tư|năm|sáu|bảy|[2-7])|chủ\s*nhật|cn)\s*[,\-–|]?\s*)?` +
	`(?:` +
	`(?:ngày\s+)?\d{1,2}\s*[/.\-]\s*\d{1,2}\s*[/.\-]\s*\d{4}` +
	`|ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}` +
	`|\d{4}-\d{2}-\d{2}` +
	`)` +
	`(?:\s*[|,\-–]?\s*(?:lúc\s*)?\d{1,2}\s*[:h]\s*\d{2}(?::\d{2})?(?:\s*(?:AM|PM|SA|CH))?)?`)

// findDate returns the date string in s: all of s when s is a short date
// line (so the page's wording is kept exactly), else the matched date.
func findDate(s string) string {
	loc := viDate.FindStringIndex(s)
	if loc == nil {
		return ""
	}
	if len(s) <= 80 && !strings.ContainsAny(s[:loc[0]], ".!?") {
		return strings.TrimRight(s, " |,-–")
	}
	return strings.TrimSpace(s[loc[0]:loc[1]])
}
