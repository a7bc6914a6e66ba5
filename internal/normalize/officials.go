package normalize

import (
	_ "embed"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/vksnews/vksnews/internal/article"
)

// The grammar of office-holder phrases (the tables are in titles.go):
//
//	mention := intro RANK? NAME titles?          "đồng chí A, Phó Viện trưởng VKSND tỉnh X"
//	         | TITLE BODY? NAME titles?           "Viện trưởng VKSND tỉnh X Nguyễn Văn A"
//	         | group TITLES? (":"|"là") list      "hai đồng chí Phó Viện trưởng là đồng chí A và đồng chí B"
//	list    := intro? NAME titles? ((","|"và"|";") intro? NAME titles?)*
//	titles  := ("," | "–" | "\n" | "giữ chức") TITLE UNIT? ("," TITLE UNIT?)*
//
// A title ends where its unit phrase ends (unitSpan), or at a word that ends
// a phrase (data/phrase_ends.txt). A person marked as a party or a citizen
// (data/nonofficial.tsv), or introduced by ông/bà with no office, is not
// an official.
var (
	// intros introduce one person; groups introduce several.
	intros = newLiteralSet(":\t\n\f\r ", "hai đồng chí", "Hai đồng chí", "ba đồng chí", "Ba đồng chí",
		"bốn đồng chí", "Bốn đồng chí", "các đồng chí", "Các đồng chí", "đồng chí", "Đồng chí", "ĐỒNG CHÍ",
		"đ/c", "Đ/c", "Đ/C", "ông", "Ông", "bà", "Bà", "quần chúng", "Quần chúng")
)

// mention is one occurrence of a person in the text.
type mention struct {
	name  string
	title string
	plain bool // introduced by ông/bà: a citizen unless an office follows
	party bool // marked as a party, a witness, a citizen
	rank  string
	pos   int // where the mention starts in the text
}

// officials returns the named office holders in text with the title and unit
// the text gives them. Later short mentions ("đồng chí Tuân") merge into the
// full name; names in exclude (authors, photographers, sources) are left out.
// A procuracy office named without its unit takes the context unit.
// Its input is already in Text form; context is the unit an office named
// without one belongs to (the article's unit).
func officials(text string, p Portal, context string, exclude []string) []article.Official {
	home := portalProvince(p)
	var ms []mention
	for _, loc := range intros.findAll(text) {
		if loc[0] > 0 {
			if r, _ := utf8.DecodeLastRuneInString(text[:loc[0]]); unicode.IsLetter(r) {
				continue
			}
		}
		intro := strings.ToLower(strings.TrimRight(text[loc[0]:loc[1]], ":\t\n\f\r "))
		group := strings.HasSuffix(intro, "đồng chí") && intro != "đồng chí"
		got := namesAt(text, loc[1], group)
		plain := intro == "ông" || intro == "bà"
		party := markedBefore(text[:loc[0]])
		for i := range got {
			got[i].plain = got[i].plain || plain
			got[i].party = got[i].party || party
			got[i].pos = loc[0]
		}
		ms = append(ms, got...)
	}
	for _, loc := range grammar.titles.findAll(text) {
		if grammar.kinds[strings.TrimRight(text[loc[0]:loc[1]], " \t\n,;.:)")] == kindDept {
			continue
		}
		if loc[0] > 0 {
			if r, _ := utf8.DecodeLastRuneInString(text[:loc[0]]); unicode.IsLetter(r) {
				continue
			}
		}
		head := strings.TrimRight(text[loc[0]:loc[1]], " \t\n,;.:)")
		name, start, n := nameAfterTitle(text[loc[0]+len(head):])
		if name == "" {
			continue
		}
		// The title is the literal with the body it heads: "Chủ tịch UBND xã
		// Hiệp Thạnh Phạm Văn Hùng" is "Chủ tịch UBND xã Hiệp Thạnh".
		title := strings.TrimSpace(text[loc[0] : loc[0]+len(head)+start])
		rest := text[loc[0]+len(head)+start+n:]
		m := mention{name: name, title: title, party: markedBefore(text[:loc[0]]) || markedAfter(rest), pos: loc[0]}
		if grammar.kinds[head] == kindRank {
			// "Đại tá Phạm Văn C, Giám đốc Công an tỉnh": the rank is no office.
			m.rank, m.title = title, ""
		}
		if t := readTitles(rest); t != "" {
			switch {
			case m.title == "":
				m.title = t
			case findUnits(t, home, 1) != nil && !startsWithTitle(t):
				// "Viện trưởng Nguyễn Văn A, VKSND …" gives the unit after the name.
				m.title += " " + t
			default:
				// "Thẩm phán Nguyễn Thị B, Phó Chánh án …": a second office.
				m.title += ", " + t
			}
		}
		ms = append(ms, m)
	}
	// Officials come in the order the text names them.
	sort.SliceStable(ms, func(i, j int) bool { return ms[i].pos < ms[j].pos })
	return mergeOfficials(ms, home, context, exclude)
}

// namesAt reads the person (or, after a group intro such as "các đồng chí",
// the list of persons) that starts at text[i:], each with its titles.
func namesAt(text string, i int, group bool) []mention {
	var out []mention
	// "các đồng chí Phó Viện trưởng VKSND tối cao: A, B và C", "hai đồng chí
	// Phó Viện trưởng là đồng chí A và đồng chí B": one title heads the list.
	shared := ""
	if group {
		if t, next := listTitle(text[i:]); t != "" {
			shared, i = t, i+next
		}
	}
	for k := 0; k < 50 && i < len(text); k++ {
		if group {
			// Each name of a list may have its own intro: "là đồng chí A và đồng chí B".
			if ms := intros.findAll(text[i:min(len(text), i+16)]); len(ms) > 0 && ms[0][0] == 0 {
				i += ms[0][1]
			}
		}
		rank := ""
		// "đồng chí Đại tá Nguyễn Văn Thuận": the rank is not the name.
		if r := titleAtStart(text[i:]); r != "" && grammar.kinds[r] == kindRank {
			rank = r
			i += len(r)
			for i < len(text) && text[i] == ' ' {
				i++
			}
		}
		name, n := nameAt(text[i:], true)
		if name == "" {
			break
		}
		m := mention{name: name, rank: rank, party: markedAfter(text[i+n:])}
		i += n
		m.title = readTitles(text[i:])
		out = append(out, m)
		if !group {
			break
		}
		// Lists: "A, B và C" or "A – title; B – title".
		rest := text[i:]
		if m.title != "" {
			rest = rest[strings.Index(rest, m.title)+len(m.title):]
		}
		trimmed := strings.TrimLeft(rest, " ,;")
		if strings.HasPrefix(trimmed, "và ") {
			trimmed = trimmed[len("và "):]
		} else if len(trimmed) == len(rest) {
			break
		}
		i = len(text) - len(trimmed)
	}
	if shared == "" && len(out) > 1 {
		// "các đồng chí A, B và C, Phó Viện trưởng VKSND tỉnh X": the title
		// after the last name is everyone's when no other name has one.
		last := out[len(out)-1].title
		for _, m := range out[:len(out)-1] {
			if m.title != "" {
				last = ""
			}
		}
		shared = last
	}
	for k := range out {
		if out[k].title == "" {
			out[k].title = shared
		}
	}
	return out
}

// listTitle reads the title that heads a list of persons after a group
// intro and a colon or "là"; it returns the title and the offset of the
// first name, or "" when s does not open that way.
func listTitle(s string) (string, int) {
	if !startsWithTitle(s) {
		return "", 0
	}
	t := readOneTitle(s)
	rest := s[len(t):]
	for _, sep := range []string{":", " là ", " gồm:", " gồm "} {
		if strings.HasPrefix(rest, sep) {
			next := len(t) + len(sep)
			for next < len(s) && s[next] == ' ' {
				next++
			}
			return t, next
		}
	}
	return "", 0
}

// mergeOfficials joins the mentions of one person under their full name with
// the fullest title given, drops short mentions of nobody named in full and
// every person who is no office holder, and gives each office its unit.
func mergeOfficials(ms []mention, home int, context string, exclude []string) []article.Official {
	out := []article.Official{}
	index := map[string]int{}
	party := map[string]bool{}
	plainOnly := map[string]bool{}
	rank := map[string]string{}
	excluded := func(name string) bool {
		for _, e := range exclude {
			if e != "" && strings.Contains(strings.ToLower(e), strings.ToLower(name)) {
				return true
			}
		}
		return false
	}
	for _, m := range ms {
		if !strings.Contains(m.name, " ") || excluded(m.name) {
			continue
		}
		party[m.name] = party[m.name] || m.party
		if m.rank != "" {
			rank[m.name] = m.rank
		}
		if i, ok := index[m.name]; ok {
			plainOnly[m.name] = plainOnly[m.name] && m.plain
			// A later mention may give the fuller title ("Kiểm sát viên trung
			// cấp, Phó Viện trưởng …" after "Phó Viện trưởng …").
			if out[i].Title == "" || (len(m.title) > len(out[i].Title) && strings.Contains(m.title, out[i].Title)) {
				out[i].Title = m.title
			}
			continue
		}
		index[m.name] = len(out)
		plainOnly[m.name] = m.plain
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
	kept := out[:0]
	for _, o := range out {
		if o.Title == "" {
			o.Title = rank[o.Name] // "Đại tá Nguyễn Văn A" with no office
		}
		if party[o.Name] || (plainOnly[o.Name] && o.Title == "") {
			continue
		}
		o.Unit = titleUnit(o.Title, home, context)
		o.Title = completeTitle(o.Title, o.Unit)
		kept = append(kept, o)
	}
	return kept
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
	// Put a space first so that a verb right after the title ("Viện
	// trưởng là …") is found.
	if i := phraseEnd(" " + w); i >= 0 {
		w = w[:max(0, i-1)]
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
			if nm, l := nameAt(w[pos:], false); strings.Contains(nm, " ") {
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
// intro, a title heading a name, or a full name.
func startsPerson(s string) bool {
	if ms := intros.findAll(s[:min(len(s), 32)]); len(ms) > 0 && ms[0][0] == 0 {
		return true
	}
	if t := titleAtStart(s); t != "" {
		if nm, _, _ := nameAfterTitle(s[len(t):]); nm != "" {
			return true
		}
	}
	nm, _ := nameAt(s, false)
	return strings.Contains(nm, " ")
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
