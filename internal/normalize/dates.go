package normalize

import (
	"regexp"
	"strconv"
	"strings"
	"time"
)

// hcm is the portals' zone; Portal.Location and a nil loc default to it.
var hcm = loadHCM()

func loadHCM() *time.Location {
	if loc, err := time.LoadLocation("Asia/Ho_Chi_Minh"); err == nil {
		return loc
	}
	// No tz database on the host: Viet Nam has kept UTC+7 since 1975.
	return time.FixedZone("ICT", 7*3600)
}

// HCM returns the Asia/Ho_Chi_Minh location (a fixed UTC+7 zone when the host
// has no tz database).
func HCM() *time.Location { return hcm }

var (
	// dd/mm/yyyy, dd-mm-yyyy, dd.mm.yyyy, with optional spaces around the separators.
	reDMY = regexp.MustCompile(`(?:^|[^\d])(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})(?:[^\d]|$)`)
	// ngày 04 tháng 02 năm 2026
	reDMYWords = regexp.MustCompile(`(?i)(?:ngày\s+)?(\d{1,2})\s+tháng\s+(\d{1,2})\s*(?:,\s*)?năm\s+(\d{4})`)
	// yyyy-mm-dd or yyyy/mm/dd, as metadata gives it.
	reYMD = regexp.MustCompile(`(?:^|[^\d])(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[^\d]|$)`)
	// PHP's date('Y-m-dTH:i:s'): the zone ("+07" or "ICT") between date and time.
	rePHPZoneT = regexp.MustCompile(`^(\d{4}-\d{2}-\d{2})([+-]\d{2}|[A-Z]{3,5})(\d{2}:\d{2}:\d{2})$`)
	// A time of day: 15:30, 07:38:00, 15h30.
	reClock = regexp.MustCompile(`(?:^|[^\d])(\d{1,2})\s*[:hH]\s*(\d{2})(?::(\d{2}))?(?:[^\d]|$)`)
)

// feedLayouts are the machine formats of metadata and feeds, tried in order.
var feedLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05",
	"2006-01-02T15:04",
	"2006-01-02 15:04:05",
	"2006-01-02 15:04",
	time.RFC1123Z,
	time.RFC1123,
	"Mon, 2 Jan 2006 15:04:05 -0700",
	"Mon, 2 Jan 2006 15:04:05 MST",
	"2 Jan 2006 15:04:05 -0700",
	time.RFC822Z,
	time.RFC822,
	time.RFC850,
	time.ANSIC,
}

// Published parses the publication date a page gives, in the forms the
// portals use: "28/11/2023", "Thứ hai - 25/01/2021 15:30", "Thứ Sáu, ngày
// 31/05/2024 | 07:38", "Đăng ngày 09 - 07 - 2024", "ngày 04 tháng 02 năm
// 2026", ISO 8601 metadata and RFC 1123 feed dates. A date without a zone is
// read in loc (nil means Asia/Ho_Chi_Minh); a date with one is converted to
// loc. Dates that do not exist (31/02/2024) or lie before 1990 or after next
// year are rejected.
func Published(s string, loc *time.Location) (time.Time, bool) {
	if loc == nil {
		loc = hcm
	}
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 200 {
		return time.Time{}, false
	}
	if m := rePHPZoneT.FindStringSubmatch(s); m != nil {
		// NukeViet's article:published_time is PHP's date('Y-m-dTH:i:s'),
		// where T prints the zone: "2021-01-25+0715:30:00" is 15:30 at +07.
		if strings.HasPrefix(m[2], "+") || strings.HasPrefix(m[2], "-") {
			s = m[1] + "T" + m[3] + m[2] + ":00"
		} else {
			s = m[1] + "T" + m[3] // an abbreviation (ICT): read in loc
		}
	}
	for _, layout := range feedLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			if !hasZone(layout) {
				t = time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), loc)
			}
			t = t.In(loc)
			return t, plausibleYear(t.Year())
		}
	}
	s = Text(s)
	y, m, d, rest, ok := findDate(s)
	if !ok {
		return time.Time{}, false
	}
	hh, mm, ss := findClock(rest)
	t := time.Date(y, time.Month(m), d, hh, mm, ss, 0, loc)
	if t.Day() != d || int(t.Month()) != m || !plausibleYear(y) {
		return time.Time{}, false
	}
	return t, true
}

func hasZone(layout string) bool {
	return strings.Contains(layout, "07") || strings.Contains(layout, "MST")
}

// plausibleYear bounds the dates vksnews accepts: the portals started in the
// 1990s, and nothing is published after next year.
func plausibleYear(y int) bool {
	return y >= 1990 && y <= time.Now().Year()+1
}

// findDate finds the first calendar date in s and returns it with the text
// that remains once it is cut out (where a time of day may be).
func findDate(s string) (y, m, d int, rest string, ok bool) {
	if loc := reDMYWords.FindStringSubmatchIndex(s); loc != nil {
		d, m, y = atoi(s[loc[2]:loc[3]]), atoi(s[loc[4]:loc[5]]), atoi(s[loc[6]:loc[7]])
		return y, m, d, s[:loc[0]] + " " + s[loc[1]:], true
	}
	if loc := reYMD.FindStringSubmatchIndex(s); loc != nil {
		y, m, d = atoi(s[loc[2]:loc[3]]), atoi(s[loc[4]:loc[5]]), atoi(s[loc[6]:loc[7]])
		return y, m, d, s[:loc[2]] + " " + s[loc[7]:], true
	}
	if loc := reDMY.FindStringSubmatchIndex(s); loc != nil {
		d, m, y = atoi(s[loc[2]:loc[3]]), atoi(s[loc[4]:loc[5]]), atoi(s[loc[6]:loc[7]])
		return y, m, d, s[:loc[2]] + " " + s[loc[7]:], true
	}
	return 0, 0, 0, "", false
}

// findClock returns the first valid time of day in s, or midnight.
func findClock(s string) (h, m, sec int) {
	for _, mt := range reClock.FindAllStringSubmatch(s, 3) {
		h, m = atoi(mt[1]), atoi(mt[2])
		if mt[3] != "" {
			sec = atoi(mt[3])
		}
		if h < 24 && m < 60 && sec < 60 {
			return h, m, sec
		}
		sec = 0
	}
	return 0, 0, 0
}

// atoi converts a short run of ASCII digits (already matched by a regexp).
func atoi(s string) int {
	n, err := strconv.Atoi(s)
	if err != nil {
		return -1
	}
	return n
}
