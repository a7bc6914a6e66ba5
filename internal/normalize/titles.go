package normalize

import (
	_ "embed"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// officeVerbs give the office a person is elected or appointed to:
// "đồng chí A, Phó Viện trưởng … giữ chức Viện trưởng …" holds the latter.
var officeVerbs = []string{"được bầu giữ chức ", "được bầu làm ", "được bổ nhiệm giữ chức ", "được bổ nhiệm làm ", "giữ chức "}

// readTitles reads the titles that follow a name: ", TITLE[, TITLE…]",
// " – TITLE", a title on the next line (a caption), or "giữ chức TITLE".
// Each title ends where its unit phrase ends, or at the verb, clause end or
// next person that follows. It returns "" when no title follows.
func readTitles(s string) string {
	t := strings.TrimLeft(s, " ")
	// A caption's note on where the person stands: "Đồng chí A (thứ hai từ
	// trái sang), Phó Viện trưởng …".
	if strings.HasPrefix(t, "(") {
		if i := strings.IndexByte(t[:min(len(t), 48)], ')'); i > 0 {
			t = strings.TrimLeft(t[i+1:], " ")
		}
	}
	switch {
	case strings.HasPrefix(t, ",\n"), strings.HasPrefix(t, "\n"):
		// A caption or a line break between the name and the title.
		t = strings.TrimLeft(strings.TrimPrefix(t, ","), "\n ")
		if !startsWithTitle(t) {
			return ""
		}
	case strings.HasPrefix(t, ","):
		t = t[1:]
	case strings.HasPrefix(t, "–"), strings.HasPrefix(t, "-"), strings.HasPrefix(t, "—"):
		_, n := utf8.DecodeRuneInString(t)
		t = t[n:]
	default:
		if v := officeVerb(t); v != "" {
			t = t[len(v):]
			break
		}
		return ""
	}
	// "Lê Thanh Đạo, nguyên Viện trưởng VKSND tối cao": a former office is
	// still the title the text gives, and says it is former.
	former := ""
	if rest, ok := strings.CutPrefix(strings.TrimLeft(t, " "), "nguyên "); ok && startsWithTitle(rest) {
		former, t = "nguyên ", rest
	}
	var parts []string
	for len(parts) < 4 {
		t = strings.TrimLeft(t, " ")
		if r, _ := utf8.DecodeRuneInString(t); !unicode.IsUpper(r) {
			break
		}
		if name, _ := nameAt(t, false); strings.Contains(name, " ") {
			break // the next person of a list, not a title
		}
		one := readOneTitle(t)
		if one == "" {
			break
		}
		parts = append(parts, splitRunOnTitles(one))
		t = strings.TrimLeft(t[len(one):], " ")
		if v := officeVerb(t); v != "" {
			t = t[len(v):]
			// An office of the procuracy is held one at a time: the one
			// taken replaces the one left. A party or union post ("giữ chức
			// Bí thư Chi bộ") is held beside it.
			if grammar.kinds[titleAtStart(t)] == kindVKS {
				parts = parts[:0]
			}
			continue
		}
		next := strings.TrimLeft(strings.TrimPrefix(t, ","), " ")
		if !strings.HasPrefix(t, ",") || (headAtStart(next) == "" && findProcuracy(firstWord(next)) == nil) {
			break
		}
		t = t[1:]
	}
	if len(parts) == 0 {
		return ""
	}
	return former + strings.Join(parts, ", ")
}

// splitRunOnTitles puts back the comma a page left out between two offices:
// "Bí thư Chi bộ Viện trưởng VKSND khu vực 1" holds two. Only a procuracy
// office starts a second one, and only where it stands as a whole word.
func splitRunOnTitles(t string) string {
	for _, loc := range grammar.titles.findAll(t + " ") {
		if loc[0] == 0 || t[loc[0]-1] != ' ' || (loc[0] >= 2 && t[loc[0]-2] == ',') {
			continue
		}
		if head := strings.TrimRight(t[loc[0]:min(len(t), loc[1])], " \t\n,;.:)"); grammar.kinds[head] == kindVKS {
			return strings.TrimRight(t[:loc[0]-1], " ") + ", " + t[loc[0]:]
		}
	}
	return t
}

func officeVerb(t string) string {
	for _, v := range officeVerbs {
		if strings.HasPrefix(t, v) {
			return v
		}
	}
	return ""
}

// readOneTitle reads one title at the start of t: up to the end of the unit
// phrase it contains, else up to the first word that ends a phrase, the end
// of the clause, or the next person. The result is a prefix of t with
// trailing punctuation removed.
func readOneTitle(t string) string {
	w := prefixRunes(t, 240)
	if i := strings.IndexAny(w, ";()\n:“”\""); i >= 0 {
		w = w[:i]
	}
	if i := strings.Index(w, ". "); i >= 0 {
		w = w[:i]
	}
	clause := titleClauseEnd(w)
	end := clause
	if i := phraseEnd(w[:clause]); i >= 0 {
		end = i
	}
	if loc := findProcuracy(w[:end]); loc != nil {
		end = loc[0] + unitSpan(w[loc[0]:])
	} else if i := nextPersonAfterAnd(w[:end]); i >= 0 {
		end = i
	}
	return strings.TrimRight(w[:end], " ,.–-")
}

// phraseEnd returns the index of the space before the first word of s that
// ends a phrase (data/phrase_ends.txt), or -1. A word is whole: a space
// before it, a space, punctuation or the end of s after it.
func phraseEnd(s string) int {
	for _, loc := range grammar.phraseEnds.findAll(s + " ") {
		if loc[0] > 0 && (s[loc[0]-1] == ' ' || s[loc[0]-1] == '\t') {
			return loc[0] - 1
		}
	}
	return -1
}

// titleClauseEnd returns where the clause of a title ends: at the first
// comma, unless the comma joins two lower-case words inside the name of a
// body ("Vụ Kiểm sát và giải quyết đơn khiếu nại, tố cáo trong hoạt động tư
// pháp") and what follows does not end the phrase.
func titleClauseEnd(w string) int {
	for off := 0; ; {
		i := strings.IndexByte(w[off:], ',')
		if i < 0 {
			return len(w)
		}
		i += off
		before, _ := utf8.DecodeLastRuneInString(w[:i])
		next := strings.TrimLeft(w[i+1:], " ")
		after, _ := utf8.DecodeRuneInString(next)
		if !unicode.IsLower(before) || !unicode.IsLower(after) || phraseEnd(" "+prefixRunes(next, 32)) == 0 {
			return i
		}
		off = i + 1
	}
}

// nextPersonAfterAnd returns where " và " + a person starts in t, or -1:
// "Chủ tịch UBND xã A và ông B" is two persons.
func nextPersonAfterAnd(t string) int {
	for off := 0; ; {
		i := strings.Index(t[off:], " và ")
		if i < 0 {
			return -1
		}
		if startsPerson(t[off+i+len(" và "):]) {
			return off + i
		}
		off += i + len(" và ")
	}
}

// titleUnit is the unit of an office: the last procuracy its title names
// (the office held comes last: "Ủy viên Ban Chấp hành Đảng bộ VKSND tỉnh X,
// Viện trưởng VKSND khu vực 1"), else, for a procuracy office that names no
// outside body ("Phó Viện trưởng", "Trưởng phòng 2"), the article's unit.
func titleUnit(title string, home int, context string) string {
	if us := findUnits(title, home, -1); len(us) > 0 {
		return us[len(us)-1].unit.Name
	}
	if title == "" || context == "" || namesOutsideBody(title) {
		return ""
	}
	if _, _, level, ok := bareUnit(title); ok {
		// "Viện trưởng VKSND huyện": the article's unit only if it is one.
		if strings.Contains(context, " "+level) {
			return context
		}
		return ""
	}
	switch grammar.kinds[titleAtStart(title)] {
	case kindVKS, kindGeneric:
		return context
	}
	return ""
}

// bareUnit finds a unit phrase in title that names only a level ("VKSND
// huyện", "Viện kiểm sát nhân dân tỉnh"): its span and its last level word.
func bareUnit(title string) (start, end int, level string, ok bool) {
	off := 0
	for {
		loc := findProcuracy(title[off:])
		if loc == nil {
			return 0, 0, "", false
		}
		start = off + loc[0]
		end = start + unitSpan(title[start:])
		ws := strings.Fields(title[off+loc[1] : end])
		bare := len(ws) > 0 && !slices.Contains(ws, "tối") // "tối cao" is a whole name
		for _, w := range ws {
			bare = bare && unitLevelWords[w]
		}
		if bare {
			return start, end, ws[len(ws)-1], true
		}
		off = end
		if end <= start {
			off = start + loc[1] - loc[0]
		}
	}
}

// completeTitle gives a title that names its unit only by level ("Viện
// trưởng VKSND huyện") the unit it was resolved to, so that a career reads
// "Viện trưởng VKSND huyện Càng Long" whatever the article left implicit.
func completeTitle(title, unit string) string {
	start, end, level, ok := bareUnit(title)
	if !ok || unit == "" || !strings.Contains(unit, " "+level) {
		return title
	}
	return title[:start] + unit + title[end:]
}
