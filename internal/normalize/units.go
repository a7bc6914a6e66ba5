package normalize

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/vksnews/vksnews/internal/article"
	"github.com/vksnews/vksnews/internal/vntext"
)

// reProcuracy finds the ways a text names a procuracy. Longer forms come
// first so that the leftmost-first alternation takes the longest.
// "Viện k…m sát" also takes the misspellings portals publish ("Viện kỉểm
// sát"): any one to three letters between the k and the m.
var reProcuracy = regexp.MustCompile(`(?i)(viện k\pL{1,3}m sát nhân dân|viện k\pL{1,3}m sát quân sự|viện k\pL{1,3}m sát|viện ksnd|vksndtc|vksnd|vksqs|vks|viện cấp cao)`)

// rePressAbbrev is the abbreviation the press puts in brackets after the full
// name: "Viện kiểm sát nhân dân (VKSND) tỉnh Quảng Trị".
var rePressAbbrev = regexp.MustCompile(`^\s*\((?:VKSND|VKS|Viện KSND|VKSQS)\)`)

// canonicalPrefix maps a procuracy prefix as written (lower case) to its
// correct spelling, so that misspelt forms parse like the right ones.
func canonicalPrefix(prefix string) string {
	if strings.HasPrefix(prefix, "viện k") && strings.Contains(prefix, "m sát") && !strings.HasPrefix(prefix, "viện ksnd") {
		return "viện kiểm sát" + prefix[strings.Index(prefix, "m sát")+len("m sát"):]
	}
	return prefix
}

// highSeats are the seats of the three high-level procuracies, by number.
var highSeats = map[string]string{"1": "Hà Nội", "2": "Đà Nẵng", "3": "Hồ Chí Minh"}

// centralCities are the centrally-run cities, named "thành phố X" rather than "tỉnh X".
var centralCities = map[string]bool{
	"Hà Nội": true, "Hồ Chí Minh": true, "Hải Phòng": true, "Đà Nẵng": true, "Cần Thơ": true,
}

// unitMatch is a unit found in a text with the byte offset where it starts.
type unitMatch struct {
	unit article.Unit
	pos  int
}

func dedupeUnits(ms []unitMatch) []article.Unit {
	out := []article.Unit{}
	seen := map[article.Unit]bool{}
	for _, m := range ms {
		if !seen[m.unit] {
			seen[m.unit] = true
			out = append(out, m.unit)
		}
	}
	return out
}

// portalProvince returns the index of the portal's own province, or -1.
func portalProvince(p Portal) int {
	if p.Unit == "" {
		return -1
	}
	ms := findUnits(Text(p.Unit), -1, 1)
	if len(ms) == 0 || ms[0].unit.Province == "" {
		return -1
	}
	if i, ok := provinces.byKey[vntext.PlaceKey(ms[0].unit.Province)]; ok {
		return i
	}
	return -1
}

// wholeWord reports whether s[loc[0]:loc[1]] stands as a word of its own.
func wholeWord(s string, loc []int) bool {
	if loc[0] > 0 {
		if r, _ := utf8.DecodeLastRuneInString(s[:loc[0]]); unicode.IsLetter(r) {
			return false
		}
	}
	r, _ := utf8.DecodeRuneInString(s[loc[1]:])
	return !unicode.IsLetter(r) && !unicode.IsDigit(r)
}

// findUnits returns up to limit units (all when limit < 0) named in the
// NFC text s; home is the portal's province index or -1.
func findUnits(s string, home, limit int) []unitMatch {
	var out []unitMatch
	for _, loc := range reProcuracy.FindAllStringIndex(s, -1) {
		if !wholeWord(s, loc) {
			continue
		}
		rest := s[loc[1]:]
		if m := rePressAbbrev.FindStringIndex(rest); m != nil {
			rest = rest[m[1]:]
		}
		us := parseUnit(canonicalPrefix(strings.ToLower(s[loc[0]:loc[1]])), rest, home)
		for _, u := range us {
			out = append(out, unitMatch{unit: u, pos: loc[0]})
		}
		if limit >= 0 && len(out) >= limit {
			return out[:limit]
		}
	}
	return out
}

// unitWords splits what follows a procuracy prefix into at most 12 words,
// up to the end of the clause.
func unitWords(rest string) []string {
	// Cut first: searching the whole remaining text for the end of the
	// clause would make a long text quadratic.
	rest = prefixRunes(rest, 160)
	if i := strings.IndexAny(rest, ";:()\n\"“”"); i >= 0 {
		rest = rest[:i]
	}
	ws := strings.Fields(rest)
	if len(ws) > 12 {
		ws = ws[:12]
	}
	return ws
}

func isCapitalized(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r) || unicode.IsDigit(r)
}

// trimPunct strips the punctuation that ends a word in running text.
func trimPunct(w string) string { return strings.TrimRight(w, ".,;:!?)") }

// lowerAt returns the lower-cased, punctuation-trimmed i-th word or "".
func lowerAt(ws []string, i int) string {
	if i >= len(ws) {
		return ""
	}
	return strings.ToLower(trimPunct(ws[i]))
}

// province resolution helpers.
func unitInProvince(name, level string, pi int) article.Unit {
	u := article.Unit{Name: name, Level: level}
	if pi >= 0 {
		u.Province, u.ProvinceNow = provinces.list[pi].Name, provinces.list[pi].Now
	}
	return u
}

func provinceUnitName(pi int) string {
	p := provinces.list[pi].Name
	if centralCities[p] {
		return "VKSND thành phố " + p
	}
	return "VKSND tỉnh " + p
}

// nameWords returns the words of a proper name: the leading words cut at a
// trailing comma, so "Cao Bằng, Điện Biên" yields only "Cao Bằng".
func nameWords(ws []string) []string {
	for i, w := range ws {
		if strings.ContainsAny(w, ",.") {
			out := append([]string{}, ws[:i]...)
			return append(out, trimPunct(w))
		}
	}
	return ws
}

// parseUnit reads the unit a procuracy prefix introduces from the words after it.
func parseUnit(prefix, rest string, home int) []article.Unit {
	ws := unitWords(rest)
	w0, w1 := lowerAt(ws, 0), lowerAt(ws, 1)
	switch {
	case prefix == "vksndtc":
		return []article.Unit{{Name: "VKSND tối cao", Level: article.LevelToiCao}}
	case prefix == "viện cấp cao":
		if seat, ok := highSeats[w0]; ok {
			return []article.Unit{highUnit(seat)}
		}
		return nil
	case prefix == "viện kiểm sát quân sự" || prefix == "vksqs":
		return []article.Unit{militaryUnit(ws)}
	}
	switch {
	case w0 == "quân" && w1 == "sự":
		return []article.Unit{militaryUnit(ws[2:])}
	case w0 == "tối" && w1 == "cao":
		return []article.Unit{{Name: "VKSND tối cao", Level: article.LevelToiCao}}
	case w0 == "cấp" && w1 == "cao":
		return highFrom(ws[2:])
	case w0 == "khu" && w1 == "vực":
		return khuVuc(ws[2:], home)
	case w0 == "các" && (w1 == "tỉnh" || w1 == "thành"):
		return provinceList(ws[2:])
	case w0 == "tỉnh":
		if pi, _ := matchProvinceWords(nameWords(ws[1:])); pi >= 0 && isCapitalized(ws[1]) {
			return []article.Unit{unitInProvince(provinceUnitName(pi), article.LevelTinh, pi)}
		}
		if home >= 0 {
			return []article.Unit{unitInProvince(provinceUnitName(home), article.LevelTinh, home)}
		}
		return nil
	case w0 == "thành" && w1 == "phố", w0 == "tp" || w0 == "tp.":
		skip := 2
		if w0 != "thành" {
			skip = 1
		}
		return cityOrDistrict(ws[skip:], home)
	case w0 == "huyện" || w0 == "quận" || (w0 == "thị" && w1 == "xã"):
		skip := 1
		if w0 == "thị" {
			skip = 2
		}
		kind := w0
		if w0 == "thị" {
			kind = "thị xã"
		}
		return districtUnit(ws[skip:], home, kind)
	}
	if len(ws) > 0 && isCapitalized(ws[0]) {
		if pi, _ := matchProvinceWords(nameWords(ws)); pi >= 0 {
			return []article.Unit{unitInProvince(provinceUnitName(pi), article.LevelTinh, pi)}
		}
	}
	return nil
}

func highUnit(seat string) article.Unit {
	name := "VKSND cấp cao tại " + seat
	if seat == "Hồ Chí Minh" {
		name = "VKSND cấp cao tại TP Hồ Chí Minh"
	}
	pi := provinces.byKey[vntext.PlaceKey(seat)]
	return unitInProvince(name, article.LevelCapCao, pi)
}

func highFrom(ws []string) []article.Unit {
	if w := lowerAt(ws, 0); w == "tại" || w == "ở" {
		ws = ws[1:]
	}
	if seat, ok := highSeats[lowerAt(ws, 0)]; ok {
		return []article.Unit{highUnit(seat)}
	}
	if w := lowerAt(ws, 0); w == "thành" && lowerAt(ws, 1) == "phố" {
		ws = ws[2:]
	} else if w == "tp" || w == "tp." {
		ws = ws[1:]
	}
	if pi, _ := matchProvinceWords(nameWords(ws)); pi >= 0 {
		switch provinces.list[pi].Name {
		case "Hà Nội", "Đà Nẵng", "Hồ Chí Minh":
			return []article.Unit{highUnit(provinces.list[pi].Name)}
		}
	}
	return nil
}

// militaryWords are the lower-case syllables of military unit names
// ("Quân khu 5", "Trung ương", "Quân chủng Hải quân", "khu vực 2").
var militaryWords = map[string]bool{"khu": true, "ương": true, "vực": true, "chủng": true, "đoàn": true, "binh": true, "đội": true, "quân": true}

func militaryUnit(ws []string) article.Unit {
	var name []string
	for i, w := range ws {
		t := trimPunct(w)
		// "VKS quân sự khu vực 52" is written in lower case.
		regional := i == 0 && t == "khu" && w == t && lowerAt(ws, 1) == "vực"
		if t == "" || !(regional || isCapitalized(t) || (len(name) > 0 && (isDigits(t) || militaryWords[t]))) {
			break
		}
		name = append(name, t)
		if t != w || len(name) >= 4 {
			break
		}
	}
	u := article.Unit{Name: "VKS quân sự", Level: article.LevelQuanSu}
	if len(name) > 0 {
		u.Name += " " + strings.Join(name, " ")
	}
	return u
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// khuVuc reads "1 – Khánh Hòa", "1 tỉnh Khánh Hòa" or "1" after "khu vực".
func khuVuc(ws []string, home int) []article.Unit {
	num := trimPunct(lowerAt(ws, 0))
	if !isDigits(num) {
		return nil
	}
	pi := home
	rest := ws[1:]
	// "Khu vực 5, tỉnh Quảng Trị": a comma may stand before the province
	// when the next word says it is one; a full stop ends the name.
	comma := strings.HasSuffix(ws[0], ",")
	if comma && !(strings.EqualFold(lowerAt(rest, 0), "tỉnh") || strings.EqualFold(lowerAt(rest, 0), "thành") || strings.EqualFold(lowerAt(rest, 0), "tp")) {
		rest = nil
	}
	if !strings.Contains(ws[0], ".") && len(rest) > 0 {
		for len(rest) > 0 && (rest[0] == "–" || rest[0] == "-" || rest[0] == "—" ||
			strings.EqualFold(rest[0], "tỉnh") || strings.EqualFold(rest[0], "thành") ||
			strings.EqualFold(rest[0], "phố") || strings.EqualFold(rest[0], "tp")) {
			rest = rest[1:]
		}
		if len(rest) > 0 && isCapitalized(rest[0]) {
			if p, _ := matchProvinceWords(nameWords(rest)); p >= 0 {
				pi = p
			}
		}
	}
	if pi < 0 {
		return []article.Unit{{Name: "VKSND khu vực " + num, Level: article.LevelKhuVuc}}
	}
	// Regional procuracies exist only since 2025: their province is a new one.
	now := provinces.list[pi].Now
	return []article.Unit{{Name: "VKSND khu vực " + num + " – " + now, Level: article.LevelKhuVuc, Province: now, ProvinceNow: now}}
}

// provinceList reads "Cao Bằng, Điện Biên, Hà Giang và Lạng Sơn".
func provinceList(ws []string) []article.Unit {
	var out []article.Unit
	for len(ws) > 0 {
		w := strings.ToLower(ws[0])
		if w == "và" || w == "," {
			ws = ws[1:]
			continue
		}
		pi, n := matchProvinceWords(nameWords(ws))
		if pi < 0 || !isCapitalized(ws[0]) {
			break
		}
		out = append(out, unitInProvince(provinceUnitName(pi), article.LevelTinh, pi))
		last := ws[n-1]
		ws = ws[n:]
		if strings.HasSuffix(last, ".") || strings.HasSuffix(last, ";") {
			break
		}
	}
	return out
}

// cityOrDistrict reads the name after "thành phố": a centrally-run city is
// a provincial unit, any other city a district-level one.
func cityOrDistrict(ws []string, home int) []article.Unit {
	if len(ws) == 0 || !isCapitalized(ws[0]) {
		return nil
	}
	nw := nameWords(ws)
	if pi, _ := matchProvinceWords(nw); pi >= 0 && centralCities[provinces.list[pi].Name] {
		return []article.Unit{unitInProvince(provinceUnitName(pi), article.LevelTinh, pi)}
	}
	if pi, _ := matchProvinceWords(nw); pi >= 0 && provinces.list[pi].Name == "Thừa Thiên Huế" && provinces.list[pi].Now == "Huế" {
		// "thành phố Huế" is a district-level city before 2025 and the
		// province itself after: it is the province's procuracy either way
		// for analysts filtering by province. Since 1 January 2025 it is
		// a centrally-run city, named "Huế", which is what the article says.
		u := unitInProvince("VKSND thành phố Huế", article.LevelTinh, pi)
		u.Province = "Huế" // the name the article gives, as for the other cities
		return []article.Unit{u}
	}
	if name, pi, _ := matchDistrictWords(nw, home); name != "" {
		return []article.Unit{unitInProvince("VKSND thành phố "+name, article.LevelHuyen, pi)}
	}
	return nil
}

// districtUnit reads a district name; said is the kind the text gives it
// ("huyện", "quận", "thị xã"), kept when the table has that kind of unit
// under the name (Long Mỹ is both a huyện and a thị xã).
func districtUnit(ws []string, home int, said string) []article.Unit {
	if len(ws) == 0 || !isCapitalized(ws[0]) {
		return nil
	}
	name, pi, _ := matchDistrictWords(nameWords(ws), home)
	if name == "" {
		return nil
	}
	kind := "huyện"
	if d := districts.byKey[vntext.PlaceKey(name)]; len(d) > 0 {
		found := false
		for _, x := range d {
			if (x.Province == pi || pi < 0) && kindWord(x.Kind) == said {
				kind, found = said, true
				break
			}
		}
		for _, x := range d {
			if !found && (x.Province == pi || pi < 0) {
				kind = kindWord(x.Kind)
				break
			}
		}
	}
	return []article.Unit{unitInProvince("VKSND "+kind+" "+name, article.LevelHuyen, pi)}
}

func kindWord(k string) string {
	switch k {
	case "quan":
		return "quận"
	case "thi-xa":
		return "thị xã"
	case "thanh-pho":
		return "thành phố"
	}
	return "huyện"
}
