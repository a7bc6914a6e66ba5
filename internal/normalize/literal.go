package normalize

import "strings"

// literalSet finds any of a fixed list of literal strings, each followed by a
// required run of separator bytes. It replaces alternations such as
// `(?:đồng chí|Đ/c|ông)[:\s]+`, which Go's regexp engine runs one rune at a
// time over the whole body, with a byte scan and a prefix test at the few
// positions where a literal can start. Matching is leftmost-first in the order
// of the list, like the regexp it replaces.
type literalSet struct {
	byFirst [256][]string // the alternatives by first byte, in list order
	sep     string        // bytes of the trailing run (at least one is required)
}

func newLiteralSet(sep string, alts ...string) *literalSet {
	ls := &literalSet{sep: sep}
	for _, a := range alts {
		ls.byFirst[a[0]] = append(ls.byFirst[a[0]], a)
	}
	return ls
}

// findAll returns the [start, end) of every non-overlapping match in s, the
// end past the separator run.
func (ls *literalSet) findAll(s string) [][2]int {
	var out [][2]int
	for i := 0; i < len(s); {
		alts := ls.byFirst[s[i]]
		if alts == nil {
			i++
			continue
		}
		end := -1
		for _, a := range alts {
			if !strings.HasPrefix(s[i:], a) {
				continue
			}
			j := i + len(a)
			k := j
			for k < len(s) && strings.IndexByte(ls.sep, s[k]) >= 0 {
				k++
			}
			if k > j {
				end = k
				break
			}
		}
		if end < 0 {
			i++
			continue
		}
		out = append(out, [2]int{i, end})
		i = end
	}
	return out
}
