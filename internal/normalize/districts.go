package normalize

import (
	_ "embed"
	"fmt"
	"strings"

	"github.com/vksnews/vksnews/internal/vntext"
)

//go:embed data/districts.tsv
var districtsTSV string

// district is a district-level unit of an old province.
type district struct {
	Province int    // index in provinces.list
	Kind     string // huyen | quan | thi-xa | thanh-pho
	Name     string
}

type districtTable struct {
	byKey   map[string][]district // folded name → every district of that name
	maxWord int
}

var districts = mustDistricts(districtsTSV)

func mustDistricts(tsv string) districtTable {
	t, err := parseDistricts(tsv)
	if err != nil {
		panic(err) // embedded data: a bad file is a build error
	}
	return t
}

func parseDistricts(tsv string) (districtTable, error) {
	t := districtTable{byKey: map[string][]district{}}
	err := eachTSVRow("districts.tsv", tsv, func(cols []string) error {
		if len(cols) != 3 {
			return fmt.Errorf("want province<TAB>type<TAB>name")
		}
		pi, ok := provinces.byKey[vntext.PlaceKey(Text(cols[0]))]
		if !ok {
			return fmt.Errorf("unknown province %q", cols[0])
		}
		d := district{Province: pi, Kind: cols[1], Name: Text(cols[2])}
		k := vntext.PlaceKey(d.Name)
		t.byKey[k] = append(t.byKey[k], d)
		t.maxWord = max(t.maxWord, strings.Count(k, " ")+1)
		return nil
	})
	return t, err
}

// matchDistrictWords matches the longest district name at the start of
// words. When several provinces have a district of that name, the one in
// the preferred province (the portal's) wins; otherwise the match is
// ambiguous and the province is left unknown (-1).
func matchDistrictWords(words []string, preferProvince int) (name string, province, n int) {
	for k := min(districts.maxWord, len(words)); k >= 1; k-- {
		ds, ok := districts.byKey[vntext.PlaceKey(strings.Join(words[:k], " "))]
		if !ok {
			continue
		}
		if len(ds) == 1 {
			return ds[0].Name, ds[0].Province, k
		}
		for _, d := range ds {
			if d.Province == preferProvince {
				return d.Name, d.Province, k
			}
		}
		return ds[0].Name, -1, k
	}
	return "", -1, 0
}
