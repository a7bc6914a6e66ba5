package normalize

import (
	_ "embed"
	"fmt"
	"strings"

	"github.com/vksnews/vksnews/internal/vntext"
)

//go:embed data/provinces.tsv
var provincesTSV string

// Province is one of the 63 provinces and centrally-run cities before the
// merger of 12 June 2025, with the one of the 34 it belongs to now.
type Province struct {
	Name    string // canonical name before the merger, e.g. "Trà Vinh"
	Now     string // canonical name after it, e.g. "Vĩnh Long"
	Aliases []string
}

// provinceTable holds the parsed reference data; it is built once and only read.
type provinceTable struct {
	list    []Province
	byKey   map[string]int // vntext.PlaceKey of a name or alias → index in list
	maxWord int            // the most syllables in any key
}

var provinces = mustProvinces(provincesTSV)

func mustProvinces(tsv string) provinceTable {
	t, err := parseProvinces(tsv)
	if err != nil {
		panic(err) // the embedded data is part of the binary: a bad file is a build error
	}
	return t
}

func parseProvinces(tsv string) (provinceTable, error) {
	t := provinceTable{byKey: map[string]int{}}
	err := eachTSVRow("provinces.tsv", tsv, func(cols []string) error {
		if len(cols) < 2 || cols[0] == "" || cols[1] == "" {
			return fmt.Errorf("want name<TAB>now[<TAB>aliases]")
		}
		p := Province{Name: Text(cols[0]), Now: Text(cols[1])}
		if len(cols) > 2 && cols[2] != "" {
			for _, a := range strings.Split(cols[2], ",") {
				p.Aliases = append(p.Aliases, Text(a))
			}
		}
		t.list = append(t.list, p)
		for _, name := range append([]string{p.Name}, p.Aliases...) {
			k := vntext.PlaceKey(name)
			if i, dup := t.byKey[k]; dup && t.list[i].Name != p.Name {
				return fmt.Errorf("%q and %q share the key %q", t.list[i].Name, name, k)
			}
			t.byKey[k] = len(t.list) - 1
			t.maxWord = max(t.maxWord, strings.Count(k, " ")+1)
		}
		return nil
	})
	return t, err
}

// Provinces returns the 63 provinces and centrally-run cities before the 2025
// merger, each with the province it belongs to now. The slice is a copy.
func Provinces() []Province {
	out := make([]Province, len(provinces.list))
	copy(out, provinces.list)
	return out
}

// ProvincesNow returns the 34 provinces and centrally-run cities after the
// 2025 merger (Resolution 202/2025/QH15), in the order of the old list.
func ProvincesNow() []string {
	seen := map[string]bool{}
	var out []string
	for _, p := range provinces.list {
		if !seen[p.Now] {
			seen[p.Now] = true
			out = append(out, p.Now)
		}
	}
	return out
}

// LookupProvince resolves a province name in any of its spellings ("Thừa
// Thiên - Huế", "TP. Hồ Chí Minh", "Khánh Hoà") to its canonical name before
// the merger and the province it belongs to now.
func LookupProvince(name string) (old, now string, ok bool) {
	i, ok := provinces.byKey[vntext.PlaceKey(Text(name))]
	if !ok {
		return "", "", false
	}
	return provinces.list[i].Name, provinces.list[i].Now, true
}

// ProvinceNow returns the province after the 2025 merger of a province named
// in any spelling, before or after the merger ("Trà Vinh" → "Vĩnh Long").
func ProvinceNow(name string) (string, bool) {
	_, now, ok := LookupProvince(name)
	return now, ok
}

// matchProvinceWords matches the longest province name at the start of
// words (already split on white space) and returns its index and the number
// of words it spans.
func matchProvinceWords(words []string) (idx, n int) {
	for k := min(provinces.maxWord, len(words)); k >= 1; k-- {
		if i, ok := provinces.byKey[vntext.PlaceKey(strings.Join(words[:k], " "))]; ok {
			return i, k
		}
	}
	return -1, 0
}
