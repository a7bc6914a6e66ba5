package normalize

import (
	_ "embed"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/vksnews/vksnews/internal/article"
)

//go:embed data/surnames.txt
var surnamesTXT string

// surnames is the set of Vietnamese family names (first syllable only).
var surnames = func() map[string]bool {
	m := map[string]bool{}
	for _, l := range strings.Split(surnamesTXT, "\n") {
		l = strings.TrimSpace(l)
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		m[Text(strings.Fields(l)[0])] = true
	}
	return m
}()

var (
	// An honorific that introduces a person: "đồng chí", "Đ/c", "ông", "bà".
	honorifics = newLiteralSet(":\t\n\f\r ", "các đồng chí", "Các đồng chí", "đồng chí", "Đồng chí", "ĐỒNG CHÍ",
		"đ/c", "Đ/c", "Đ/C", "ông", "Ông", "bà", "Bà")
	// A title directly before a name: "Viện trưởng Nguyễn Văn A".
	titlesBefore = newLiteralSet("\t\n\f\r ", "Phó Viện trưởng", "Viện trưởng", "Kiểm sát viên", "Kiểm tra viên",
		"Chánh án", "Phó Chánh án", "Thẩm phán", "Vụ trưởng", "Phó Vụ trưởng", "Trưởng phòng", "Phó Trưởng phòng",
		"Chánh Văn phòng", "Chánh Thanh tra", "Bí thư", "Phó Bí thư", "Chủ tịch", "Phó Chủ tịch", "Giám đốc",
		"Phó Giám đốc", "Đại tướng", "Thượng tướng", "Trung tướng", "Thiếu tướng", "Đại tá", "Thượng tá", "Trung tá",
		"Thiếu tá", "Đại úy", "Thượng úy", "Trung úy", "Thiếu úy")
	// Military and police ranks, which may stand between "đồng chí" and the name.
	ranks = newLiteralSet(" ", "Đại tướng", "Thượng tướng", "Trung tướng", "Thiếu tướng", "Đại tá", "Thượng tá", "Trung tá",
		"Thiếu tá", "Đại úy", "Thượng úy", "Trung úy", "Thiếu úy")
	// Phrases that give the office a person is elected or appointed to:
	// "đồng chí A được bầu giữ chức Bí thư Chi đoàn".
	officeVerbs = []string{"được bầu giữ chức ", "được bầu làm ", "được bổ nhiệm giữ chức ", "được bổ nhiệm làm ", "giữ chức "}
	// Words that end a title: what the person does next.
	reTitleStop = regexp.MustCompile(`\s(?:phát biểu|chủ trì|chỉ đạo|cảm ơn|yêu cầu|nhấn mạnh|đề nghị|trao|tặng|tham dự|dự|báo cáo|trình bày|kết luận|khai mạc|bế mạc|cho biết|thay mặt|đã|được|làm|cùng|và các|tới|đến|nhận|ghi nhận|đánh giá|quán triệt|thông qua|công bố|chúc mừng|hoan nghênh|giới thiệu|tiếp|có|là|với|ký kết|đồng chủ trì|hứa|tiến hành|giữ chức|phát động)(?:\s|$|[,.;])`)
)

// mention is one occurrence of a person in the text.
type mention struct {
	name  string
	title string
}

// Officials returns the named office holders in text with the title and unit
// the text gives them. Later short mentions ("đồng chí Tuân") merge into the
// full name; names in exclude (authors, photographers, sources) are left out.
func Officials(text string, p Portal, exclude ...string) []article.Official {
	return officials(Text(text), p, exclude)
}

// officials is Officials on text already in Text form.
func officials(text string, p Portal, exclude []string) []article.Official {
	home := portalProvince(p)
	var ms []mention
	for _, loc := range honorifics.findAll(text) {
		if loc[0] > 0 {
			if r, _ := utf8.DecodeLastRuneInString(text[:loc[0]]); unicode.IsLetter(r) {
				continue
			}
		}
		ms = append(ms, namesAt(text, loc[1], strings.HasPrefix(strings.ToLower(text[loc[0]:loc[1]]), "các"))...)
	}
	for _, loc := range titlesBefore.findAll(text) {
		name, start, n := nameAfterTitle(text[loc[1]:])
		if name == "" {
			continue
		}
		// The title is the literal with the body it heads: "Chủ tịch UBND xã
		// Hiệp Thạnh Phạm Văn Hùng" is "Chủ tịch UBND xã Hiệp Thạnh".
		title := strings.TrimSpace(text[loc[0] : loc[1]+start])
		// "Viện trưởng Nguyễn Văn A, VKSND …" carries its unit after the name;
		// "Thẩm phán Nguyễn Thị B, Phó Chánh án …" a second office.
		if t := titleAt(text[loc[1]+start+n:]); t != "" {
			if findUnits(t, home, 1) != nil && !startsWithTitle(t) {
				title += " " + t
			} else {
				title += ", " + t
			}
		}
		ms = append(ms, mention{name: name, title: title})
	}
	return mergeOfficials(ms, home, exclude)
}

// namesAt reads the person (or, after "các đồng chí", the list of persons)
// that starts at text[i:], each with the title that follows it.
func namesAt(text string, i int, list bool) []mention {
	var out []mention
	// "các đồng chí Phó Viện trưởng VKSND tối cao: A, B và C": one title
	// heads the whole list.
	shared := ""
	if list {
		if t, next := listTitle(text[i:]); t != "" {
			shared, i = t, i+next
		}
	}
	defer func() {
		for k := range out {
			if out[k].title == "" {
				out[k].title = shared
			}
		}
	}()
	for k := 0; k < 8 && i < len(text); k++ {
		// "đồng chí Đại tá Nguyễn Văn Thuận": the rank is not the name.
		if ms := ranks.findAll(text[i:min(len(text), i+32)]); len(ms) > 0 && ms[0][0] == 0 {
			i += ms[0][1]
		}
		name, n := nameAt(text[i:])
		if name == "" {
			break
		}
		i += n
		title := titleAt(text[i:])
		out = append(out, mention{name: name, title: title})
		if !list {
			break
		}
		// Lists: "A, B và C" or "A – title; B – title".
		rest := text[i:]
		if title != "" {
			rest = rest[strings.Index(rest, title)+len(title):]
		}
		trimmed := strings.TrimLeft(rest, " ,;")
		if strings.HasPrefix(trimmed, "và ") {
			trimmed = trimmed[len("và "):]
		} else if len(trimmed) == len(rest) {
			break
		}
		i = len(text) - len(trimmed)
	}
	return out
}

// nameAt reads a person's name at the start of s: two to five capitalised
// syllables, the first a known surname (or, for a short later mention, one
// or two capitalised syllables). It returns the name and its length in bytes.
func nameAt(s string) (string, int) {
	var syl []string
	pos := 0
	for len(syl) < 5 {
		rest := s[pos:]
		sp := 0
		for sp < len(rest) && rest[sp] == ' ' {
			sp++
		}
		if len(syl) > 0 && sp != 1 {
			break
		}
		w := rest[sp:]
		end := strings.IndexFunc(w, func(r rune) bool { return !unicode.IsLetter(r) })
		if end < 0 {
			end = len(w)
		}
		word := w[:end]
		if !isNameSyllable(word) {
			break
		}
		syl = append(syl, word)
		pos += sp + end
	}
	if len(syl) == 0 {
		return "", 0
	}
	if len(syl) == 1 {
		return syl[0], pos // a short mention, merged later or dropped
	}
	if !surnames[syl[0]] {
		return "", 0
	}
	name := strings.Join(syl, " ")
	if _, _, ok := LookupProvince(name); ok {
		return "", 0
	}
	if _, ok := districts.byKey[foldKey(name)]; ok {
		return "", 0 // "Lâm Hà", "Sơn Tịnh": a district, not a person
	}
	if utf8.RuneCountInString(syl[len(syl)-1]) == 1 {
		return "", 0 // "Thạch Thị P.": a party to a case, named by initial
	}
	if len(syl) == 2 && syl[0] == "Đoàn" && pos+1 < len(s) && s[pos] == ' ' {
		// "Đoàn Thanh niên", "Đoàn Kiểm tra": a body, not Mr Đoàn.
		if r, _ := utf8.DecodeRuneInString(s[pos+1:]); unicode.IsLower(r) {
			return "", 0
		}
	}
	return name, pos
}

// isNameSyllable: capitalised, then lower case, at most 7 letters.
func isNameSyllable(w string) bool {
	if w == "" || utf8.RuneCountInString(w) > 7 {
		return false
	}
	for i, r := range w {
		if !unicode.IsLetter(r) {
			return false
		}
		if (i == 0) != unicode.IsUpper(r) {
			return false
		}
	}
	return true
}

// titleAt reads the title after a name: ", Viện trưởng VKSND tỉnh" or
// " – Viện trưởng", up to what the person does next or the end of the clause.
func titleAt(s string) string {
	t := strings.TrimLeft(s, " ")
	for _, v := range officeVerbs {
		if strings.HasPrefix(t, v) {
			t = ", " + t[len(v):]
			break
		}
	}
	switch {
	case strings.HasPrefix(t, ","):
		t = t[1:]
	case strings.HasPrefix(t, "–"), strings.HasPrefix(t, "-"), strings.HasPrefix(t, "—"):
		_, n := utf8.DecodeRuneInString(t)
		t = t[n:]
	default:
		return ""
	}
	t = strings.TrimLeft(t, " ")
	if r, _ := utf8.DecodeRuneInString(t); !unicode.IsUpper(r) {
		return ""
	}
	if name, _ := nameAt(t); strings.Contains(name, " ") {
		return "" // the next person of a list, not a title
	}
	if i := strings.IndexAny(t, ";()\n:“\""); i >= 0 {
		t = t[:i]
	}
	if i := strings.Index(t, ". "); i >= 0 {
		t = t[:i]
	}
	if loc := reTitleStop.FindStringIndex(t); loc != nil {
		t = t[:loc[0]]
	}
	// "…, Vụ trưởng Vụ 1 và Đỗ Thị Lan, …": the list goes on with the next person.
	for off := 0; ; {
		i := strings.Index(t[off:], " và ")
		if i < 0 {
			break
		}
		if startsPerson(t[off+i+len(" và "):]) {
			t = t[:off+i]
			break
		}
		off += i + len(" và ")
	}
	if len(t) > 240 {
		t = t[:strings.LastIndexByte(t[:240], ' ')+1]
	}
	return strings.TrimRight(strings.TrimSpace(t), ",.– -")
}

// mergeOfficials joins the mentions of one person under their full name, with
// the first title given, and drops short mentions of nobody named in full.
func mergeOfficials(ms []mention, home int, exclude []string) []article.Official {
	out := []article.Official{}
	index := map[string]int{}
	excluded := func(name string) bool {
		for _, e := range exclude {
			if e != "" && strings.Contains(e, name) {
				return true
			}
		}
		return false
	}
	for _, m := range ms {
		if !strings.Contains(m.name, " ") || excluded(m.name) {
			continue
		}
		if i, ok := index[m.name]; ok {
			// A later mention may give the fuller title ("Kiểm sát viên trung
			// cấp, Phó Viện trưởng …" after "Phó Viện trưởng …").
			if out[i].Title == "" || (len(m.title) > len(out[i].Title) && strings.Contains(m.title, out[i].Title)) {
				out[i].Title = m.title
			}
			continue
		}
		index[m.name] = len(out)
		out = append(out, article.Official{Name: m.name, Title: m.title})
	}
	for _, m := range ms {
		if strings.Contains(m.name, " ") {
			continue
		}
		for i := range out {
			if strings.HasSuffix(out[i].Name, " "+m.name) && out[i].Title == "" {
				out[i].Title = m.title
			}
		}
	}
	for i := range out {
		// The office held comes last: "Ủy viên Ban Chấp hành Đảng bộ VKSND
		// tỉnh X, Viện trưởng VKSND khu vực 1" holds office in the latter.
		if us := findUnits(out[i].Title, home, -1); len(us) > 0 {
			out[i].Unit = us[len(us)-1].unit.Name
		}
	}
	return out
}

// nameAfterTitle finds the person a title heads: the name right after it
// ("Viện trưởng Nguyễn Văn A") or after the body it names ("Phó Chủ tịch UBND
// tỉnh Đoàn Ngọc Lâm"), within the clause and a few words. It returns the
// name, where it starts in s and its length; place names are skipped.
func nameAfterTitle(s string) (name string, start, n int) {
	// A few words at most: bound the window first so that a long text with
	// no punctuation costs no more than a short one.
	w := prefixRunes(s, 200)
	if i := strings.IndexAny(w, ",;:()\n“\"."); i >= 0 {
		w = w[:i]
	}
	if i := strings.Index(w, " và "); i >= 0 {
		w = w[:i] // "Viện trưởng VKSND quận và Thượng tá Lê Văn Sơn": another person
	}
	// The separator after the title is already consumed: put a space back
	// so that a verb right after the title ("Viện trưởng là …") is found.
	if loc := reTitleStop.FindStringIndex(" " + w); loc != nil {
		w = w[:max(0, loc[0]-1)]
	}
	pos := 0
	for k := 0; k < 9 && pos < len(w); k++ {
		for pos < len(w) && w[pos] == ' ' {
			pos++
		}
		if pos >= len(w) {
			break
		}
		words := strings.Fields(w[pos:])
		skip := 0
		if pi, m := matchProvinceWords(words); pi >= 0 && isCapitalized(words[0]) {
			skip = m
		} else if d, _, m := matchDistrictWords(words, -1); d != "" && isCapitalized(words[0]) {
			skip = m
		}
		if skip == 0 {
			if nm, l := nameAt(w[pos:]); strings.Contains(nm, " ") {
				return nm, pos, l
			}
			skip = 1
		}
		for ; skip > 0 && pos < len(w); skip-- {
			if i := strings.IndexByte(w[pos:], ' '); i >= 0 {
				pos += i + 1
			} else {
				pos = len(w)
			}
			for pos < len(w) && w[pos] == ' ' {
				pos++
			}
		}
	}
	return "", 0, 0
}

// startsPerson reports whether s begins with the next person of a list: an
// honorific, a title heading a name, or a full name.
func startsPerson(s string) bool {
	if ms := honorifics.findAll(s[:min(len(s), 32)]); len(ms) > 0 && ms[0][0] == 0 {
		return true
	}
	if ms := titlesBefore.findAll(s[:min(len(s), 48)]); len(ms) > 0 && ms[0][0] == 0 {
		if nm, _, _ := nameAfterTitle(s[ms[0][1]:]); nm != "" {
			return true
		}
	}
	nm, _ := nameAt(s)
	return strings.Contains(nm, " ")
}

// startsWithTitle reports whether s opens with an office ("Phó Chánh án …")
// rather than only the unit of the one before.
func startsWithTitle(s string) bool {
	ms := titlesBefore.findAll(s[:min(len(s), 48)])
	return len(ms) > 0 && ms[0][0] == 0
}

// listTitle reads the title that heads a list of persons after "các đồng
// chí" and a colon ("Phó Viện trưởng VKSND tối cao: "); it returns the title
// and the offset of the first name, or "" when s does not open that way.
func listTitle(s string) (string, int) {
	ms := titlesBefore.findAll(s[:min(len(s), 48)])
	if len(ms) == 0 || ms[0][0] != 0 {
		return "", 0
	}
	end := min(len(s), 160)
	colon := strings.IndexByte(s[:end], ':')
	if colon < 0 || strings.ContainsAny(s[:colon], ".;,\n") {
		return "", 0
	}
	next := colon + 1
	for next < len(s) && s[next] == ' ' {
		next++
	}
	return strings.TrimSpace(s[:colon]), next
}

// prefixRunes returns s cut to at most n bytes, at a rune boundary.
func prefixRunes(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}
