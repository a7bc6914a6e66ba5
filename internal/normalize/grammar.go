package normalize

import (
	_ "embed"
	"fmt"
	"slices"
	"sort"
	"strings"
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
