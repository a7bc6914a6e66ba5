package normalize

import (
	_ "embed"
	"fmt"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The tables of the office-holder grammar (see data/README.md).
var (
	//go:embed data/titles.tsv
	titlesTSV string
	//go:embed data/outside_bodies.txt
	outsideBodiesTXT string
	//go:embed data/phrase_ends.txt
	phraseEndsTXT string
	//go:embed data/nonofficial.tsv
	nonOfficialTSV string
	//go:embed data/not_names.txt
	notNamesTXT string
)

// titleKind says where an office is held; see data/titles.tsv.
type titleKind string

const (
	kindVKS     titleKind = "vks"
	kindGeneric titleKind = "generic"
	kindRank    titleKind = "rank"
	kindDept    titleKind = "dept" // a department, which heads no title
)

// grammarTables holds the parsed tables. It is built once and only read.
type grammarTables struct {
	titles        *literalSet          // every title and rank, longest first
	kinds         map[string]titleKind // title → kind
	outsideBodies []string
	phraseEnds    *literalSet     // the words that end a title
	markBefore    []string        // lower case, e.g. "bị cáo"
	markAfter     []string        // lower case, e.g. "ngụ"
	notNames      map[string]bool // capitalised words that never open a name
}

var grammar = mustGrammar()

func mustGrammar() grammarTables {
	g, err := parseGrammar()
	if err != nil {
		panic(err) // the tables are embedded: a bad one is a build error
	}
	return g
}

func parseGrammar() (grammarTables, error) {
	g := grammarTables{kinds: map[string]titleKind{}, notNames: map[string]bool{}}
	var names []string
	err := eachTSVRow("titles.tsv", titlesTSV, func(cols []string) error {
		if len(cols) != 2 {
			return fmt.Errorf("want 2 columns, got %d", len(cols))
		}
		t := Text(cols[0])
		g.kinds[t] = titleKind(cols[1])
		names = append(names, t)
		return nil
	})
	if err != nil {
		return g, err
	}
	sort.SliceStable(names, func(i, j int) bool { return len(names[i]) > len(names[j]) })
	g.titles = newLiteralSet(" \t\n,;.:)", names...)
	if err := eachTSVRow("outside_bodies.txt", outsideBodiesTXT, func(cols []string) error {
		g.outsideBodies = append(g.outsideBodies, Text(cols[0]))
		return nil
	}); err != nil {
		return g, err
	}
	if err := eachTSVRow("not_names.txt", notNamesTXT, func(cols []string) error {
		g.notNames[Text(cols[0])] = true
		return nil
	}); err != nil {
		return g, err
	}
	for _, n := range append(slices.Clone(names), g.outsideBodies...) {
		g.notNames[strings.Fields(n)[0]] = true
	}
	var ends []string
	if err := eachTSVRow("phrase_ends.txt", phraseEndsTXT, func(cols []string) error {
		ends = append(ends, Text(cols[0]))
		return nil
	}); err != nil {
		return g, err
	}
	sort.SliceStable(ends, func(i, j int) bool { return len(ends[i]) > len(ends[j]) })
	g.phraseEnds = newLiteralSet(" \t\n,.;", ends...)
	err = eachTSVRow("nonofficial.tsv", nonOfficialTSV, func(cols []string) error {
		if len(cols) != 2 {
			return fmt.Errorf("want 2 columns, got %d", len(cols))
		}
		switch m := Text(cols[0]); cols[1] {
		case "before":
			g.markBefore = append(g.markBefore, m)
		case "after":
			g.markAfter = append(g.markAfter, m)
		default:
			return fmt.Errorf("unknown position %q", cols[1])
		}
		return nil
	})
	return g, err
}

// headAtStart returns the title, rank or department that s opens with, or "".
func headAtStart(s string) string {
	w := prefixRunes(s, 48)
	if len(w) == len(s) {
		w += " " // the literal set needs a separator: a title may end s
	}
	ms := grammar.titles.findAll(w)
	if len(ms) == 0 || ms[0][0] != 0 {
		return ""
	}
	return strings.TrimRight(w[:ms[0][1]], " \t\n,;.:)")
}

// titleAtStart returns the title or rank that s opens with, or "".
func titleAtStart(s string) string {
	if h := headAtStart(s); grammar.kinds[h] != kindDept {
		return h
	}
	return ""
}

// startsWithTitle reports whether s opens with an office or rank.
func startsWithTitle(s string) bool { return titleAtStart(s) != "" }

// officeVerbs give the office a person is elected or appointed to:
// "đồng chí A, Phó Viện trưởng … giữ chức Viện trưởng …" holds the latter.
var officeVerbs = []string{"được bầu giữ chức ", "được bầu làm ", "được bổ nhiệm giữ chức ", "được bổ nhiệm làm ", "giữ chức "}

// readTitles reads the titles that follow a name: ", TITLE[, TITLE…]",
// " – TITLE", a title on the next line (a caption), or "giữ chức TITLE".
// Each title ends where its unit phrase ends, or at the verb, clause end or
// next person that follows. It returns "" when no title follows.
func readTitles(s string) string {
	t := strings.TrimLeft(s, " ")
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

// findProcuracy returns the first procuracy prefix in s at word boundaries.
func findProcuracy(s string) []int {
	for _, loc := range reProcuracy.FindAllStringIndex(s, -1) {
		if wholeWord(s, loc) {
			return loc
		}
	}
	return nil
}

// unitLevelWords are the lower-case words a unit phrase may contain after
// the procuracy prefix: "VKSND cấp cao tại", "VKSND khu vực", "thị xã".
var unitLevelWords = map[string]bool{"tỉnh": true, "thành": true, "phố": true, "huyện": true, "quận": true,
	"thị": true, "xã": true, "khu": true, "vực": true, "tối": true, "cao": true, "cấp": true, "tại": true,
	"quân": true, "sự": true, "nhân": true, "dân": true, "các": true, "tp": true, "tp.": true}

// unitSpan returns the length in bytes of the unit phrase at the start of s
// (which opens with a procuracy prefix): the prefix, the level words and the
// place name, with ", tỉnh X" and "– X" (the khu vực forms). It stops at the
// first other word: a verb, or the name of the person the title heads.
func unitSpan(s string) int {
	loc := reProcuracy.FindStringIndex(s)
	if loc == nil || loc[0] != 0 {
		return 0
	}
	pos := loc[1]
	if m := rePressAbbrev.FindStringIndex(s[pos:]); m != nil {
		pos += m[1]
	}
	for k := 0; k < 12; k++ {
		j := pos
		for j < len(s) && s[j] == ' ' {
			j++
		}
		if j < len(s) && s[j] == ',' {
			// "Khu vực 5, tỉnh Quảng Trị": the province after a comma.
			next := strings.ToLower(firstWord(strings.TrimLeft(s[j+1:], " ")))
			if next != "tỉnh" && next != "thành" && next != "tp" {
				break
			}
			pos = j + 1
			continue
		}
		word := firstWord(s[j:])
		if word == "" {
			break
		}
		switch {
		case word == "-" || word == "–" || word == "—":
		case unitLevelWords[word]:
		case isCapitalized(word):
			if nm, _ := nameAt(s[j:], false); strings.Contains(nm, " ") {
				return pos // the person the title heads
			}
		default:
			return pos
		}
		pos = j + len(word)
	}
	return pos
}

// firstWord returns the word s starts with, up to a space or punctuation.
func firstWord(s string) string {
	i := strings.IndexAny(s, " ,;:()\n\t\"“”")
	if i < 0 {
		i = len(s)
	}
	w := s[:i]
	if strings.HasSuffix(w, ".") && !strings.EqualFold(w, "tp.") {
		w = w[:len(w)-1]
	}
	return w
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

// namesOutsideBody reports whether a title names a body other than the
// procuracy: a people's committee, the police, a court, a newspaper.
func namesOutsideBody(title string) bool {
	// A body named with its place and no procuracy ("Cục Thi hành án dân
	// sự thành phố Đà Nẵng") is another body of that place.
	for _, lv := range []string{" tỉnh ", " thành phố ", " huyện ", " quận ", " thị xã ", " xã ", " phường "} {
		if i := strings.Index(title, lv); i >= 0 && isCapitalized(title[i+len(lv):]) && findProcuracy(title) == nil {
			return true
		}
	}
	for _, b := range grammar.outsideBodies {
		for off := 0; ; {
			i := strings.Index(title[off:], b)
			if i < 0 {
				break
			}
			i += off
			off = i + len(b)
			before, _ := utf8.DecodeLastRuneInString(title[:i])
			after, _ := utf8.DecodeRuneInString(title[off:])
			if (i == 0 || !unicode.IsLetter(before)) && !unicode.IsLetter(after) {
				return true
			}
		}
	}
	return false
}

// markedBefore reports whether the text just before a person (or their
// ông/bà) marks them as a party, a witness or a citizen: "bị hại là bà".
func markedBefore(before string) bool {
	// Only a marker right before the person counts: "tại Phòng tiếp công
	// dân, đồng chí A" is no citizen.
	b := strings.ToLower(strings.TrimRight(before[max(0, len(before)-48):], " "))
	b = strings.TrimSuffix(b, " là")
	b = strings.TrimSuffix(b, " nguyên")
	for _, m := range grammar.markBefore {
		if strings.HasSuffix(b, m) {
			if r, _ := utf8.DecodeLastRuneInString(b[:len(b)-len(m)]); len(b) == len(m) || !unicode.IsLetter(r) {
				return true
			}
		}
	}
	return false
}

// markedAfter reports whether what follows a name marks a citizen or a
// party: ", ngụ phường …", " (sinh năm 1980)".
func markedAfter(after string) bool {
	a := strings.ToLower(strings.TrimLeft(after[:min(len(after), 32)], " ,("))
	for _, m := range grammar.markAfter {
		if strings.HasPrefix(a, m) {
			if r, _ := utf8.DecodeRuneInString(a[len(m):]); len(a) == len(m) || !unicode.IsLetter(r) {
				return true
			}
		}
	}
	return false
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
