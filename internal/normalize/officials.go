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
		"Phó Giám đốc", "Thượng tướng", "Trung tướng", "Thiếu tướng", "Đại tá", "Thượng tá")
	// Words that end a title: what the person does next.
	reTitleStop = regexp.MustCompile(`\s(?:phát biểu|chủ trì|chỉ đạo|cảm ơn|yêu cầu|nhấn mạnh|đề nghị|trao|tặng|tham dự|dự|báo cáo|trình bày|kết luận|khai mạc|bế mạc|cho biết|thay mặt|đã|được|làm|cùng|và các|tới|đến|nhận|ghi nhận|đánh giá|quán triệt|thông qua|công bố|chúc mừng|hoan nghênh|giới thiệu|tiếp|có|là|với)(?:\s|$|[,.;])`)
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
		name, n := nameAt(text[loc[1]:])
		if name == "" || strings.Count(name, " ") < 1 {
			continue
		}
		title := strings.TrimSpace(text[loc[0]:loc[1]])
		// "Viện trưởng Nguyễn Văn A" rarely carries its unit; take the rest of
		// the clause when it names one ("Viện trưởng Nguyễn Văn A, VKSND …").
		if t := titleAt(text[loc[1]+n:]); t != "" && findUnits(t, home, 1) != nil {
			title += " " + t
		}
		ms = append(ms, mention{name: name, title: title})
	}
	return mergeOfficials(ms, home, exclude)
}

// namesAt reads the person (or, after "các đồng chí", the list of persons)
// that starts at text[i:], each with the title that follows it.
func namesAt(text string, i int, list bool) []mention {
	var out []mention
	for k := 0; k < 8 && i < len(text); k++ {
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
		if name, _ := nameAt(t[off+i+len(" và "):]); strings.Contains(name, " ") {
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
			if out[i].Title == "" {
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
