package index

import (
	"strings"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/vksnews/vksnews/internal/vntext"
)

// abbrev is one abbreviation and the spellings that mean it. Forms are
// folded syllables; the canonical term is what both the index and a query
// use, so "VKSND", "Viện KSND" and "Viện kiểm sát nhân dân" are one term.
// implies lists broader abbreviations the term also counts as: every VKSND
// is a VKS, so a query for "vks X" finds "VKSND tỉnh X".
type abbrev struct {
	canonical string
	implies   []string
	forms     []string
}

// abbrevs is the table of common abbreviations in procuracy news.
var abbrevs = []abbrev{
	{"vksndtc", []string{"vksnd", "vks"}, []string{
		"vien kiem sat nhan dan toi cao", "vksnd toi cao", "vien ksnd toi cao", "vks toi cao",
		"vien kiem sat toi cao", "vksndtc"}},
	{"vksnd", []string{"vks"}, []string{"vien kiem sat nhan dan", "vien ksnd", "vksnd"}},
	{"vks", nil, []string{"vien kiem sat", "vks"}},
	{"vksqs", []string{"vks"}, []string{"vien kiem sat quan su", "vksqs"}},
	{"tandtc", []string{"tand"}, []string{"toa an nhan dan toi cao", "tand toi cao", "tandtc"}},
	{"tand", nil, []string{"toa an nhan dan", "tand"}},
	{"tphcm", nil, []string{
		"thanh pho ho chi minh", "tp ho chi minh", "tp hcm", "tp.hcm", "tphcm", "tp.ho chi minh", "tp. hcm"}},
	{"ubnd", nil, []string{"uy ban nhan dan", "ubnd"}},
	{"hdnd", nil, []string{"hoi dong nhan dan", "hdnd"}},
	{"cqdt", nil, []string{"co quan canh sat dieu tra", "co quan dieu tra", "cqcsdt", "cqdt"}},
	{"ksv", nil, []string{"kiem sat vien", "ksv"}},
	{"ttv", nil, []string{"tham tra vien", "ttv"}},
	{"mttq", nil, []string{"mat tran to quoc", "mttq"}},
	{"thads", nil, []string{"thi hanh an dan su", "thads"}},
	{"blhs", nil, []string{"bo luat hinh su", "blhs"}},
	{"bltths", nil, []string{"bo luat to tung hinh su", "bltths"}},
	{"cand", nil, []string{"cong an nhan dan", "cand"}},
	{"ctv", nil, []string{"cong tac vien", "ctv"}},
}

// abbrevForm is one spelling of an abbreviation, split into syllables.
type abbrevForm struct {
	words []string
	ab    *abbrev
}

// abbrevIndex maps a first syllable to the forms that start with it,
// longest first, so the first full match is the longest.
var abbrevIndex = buildAbbrevIndex()

func buildAbbrevIndex() map[string][]abbrevForm {
	m := make(map[string][]abbrevForm)
	for i := range abbrevs {
		a := &abbrevs[i]
		for _, f := range a.forms {
			// Forms are written as the tokenizer splits them: "tp. hcm"
			// is two tokens, "tp.hcm" one.
			words := strings.Fields(strings.ReplaceAll(f, ". ", " "))
			m[words[0]] = append(m[words[0]], abbrevForm{words: words, ab: a})
		}
	}
	for k, fs := range m {
		for i := 1; i < len(fs); i++ {
			for j := i; j > 0 && len(fs[j].words) > len(fs[j-1].words); j-- {
				fs[j], fs[j-1] = fs[j-1], fs[j]
			}
		}
		m[k] = fs
	}
	return m
}

// matchesAt reports whether form matches the folded syllables at i.
func (f abbrevForm) matchesAt(folded []string, i int) bool {
	if i+len(f.words) > len(folded) {
		return false
	}
	for k, w := range f.words {
		if folded[i+k] != w {
			return false
		}
	}
	return true
}

// longestAt returns the longest abbreviation form that matches at i.
func longestAt(folded []string, i int) (abbrevForm, bool) {
	for _, f := range abbrevIndex[folded[i]] {
		if f.matchesAt(folded, i) {
			return f, true
		}
	}
	return abbrevForm{}, false
}

// foldedTerms returns the folded form of every term of a stream.
func foldedTerms(ts analysis.TokenStream) []string {
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = vntext.Fold(string(t.Term))
	}
	return out
}

// abbrevAdd keeps every token and adds, at the position of the first
// syllable of each abbreviation form found, its canonical term and the terms
// it implies, spanning the whole form. The index uses it: a text that spells
// out "Viện kiểm sát nhân dân" is found by "nhân dân" and by "vksnd".
func abbrevAdd(ts analysis.TokenStream) analysis.TokenStream {
	folded := foldedTerms(ts)
	var out analysis.TokenStream
	for i, t := range ts {
		fs := abbrevIndex[folded[i]]
		if len(fs) == 0 {
			if out != nil {
				out = append(out, t)
			}
			continue
		}
		if out == nil {
			out = make(analysis.TokenStream, 0, len(ts)+8)
			out = append(out, ts[:i]...)
		}
		out = append(out, t)
		seen := map[string]bool{string(t.Term): true}
		add := func(term string, end int) {
			if seen[term] {
				return
			}
			seen[term] = true
			out = append(out, &analysis.Token{
				Term: []byte(term), Start: t.Start, End: end,
				Position: t.Position, Type: analysis.AlphaNumeric,
			})
		}
		for _, f := range fs {
			if !f.matchesAt(folded, i) {
				continue
			}
			end := ts[i+len(f.words)-1].End
			add(f.ab.canonical, end)
			for _, imp := range f.ab.implies {
				add(imp, end)
			}
		}
	}
	if out == nil {
		return ts
	}
	return out
}

// abbrevReplace replaces each abbreviation form (longest first) by its one
// canonical term and renumbers positions, so that syllable pairs and query
// terms are the same whichever spelling was used.
func abbrevReplace(ts analysis.TokenStream, renumber bool) analysis.TokenStream {
	folded := foldedTerms(ts)
	out := make(analysis.TokenStream, 0, len(ts))
	for i := 0; i < len(ts); {
		t := ts[i]
		if f, ok := longestAt(folded, i); ok {
			n := len(f.words)
			t = &analysis.Token{
				Term: []byte(f.ab.canonical), Start: ts[i].Start, End: ts[i+n-1].End,
				Position: ts[i].Position, Type: analysis.AlphaNumeric,
			}
			i += n
		} else {
			i++
		}
		if renumber {
			t.Position = len(out) + 1
		}
		out = append(out, t)
	}
	return out
}

// queryTokens analyses query text the way the index does, with each
// abbreviation collapsed to its canonical term.
func queryTokens(s string) []token {
	toks := tokens(s)
	folded := make([]string, len(toks))
	for i, t := range toks {
		folded[i] = t.folded
	}
	out := make([]token, 0, len(toks))
	for i := 0; i < len(toks); {
		if f, ok := longestAt(folded, i); ok {
			n := len(f.words)
			c := f.ab.canonical
			out = append(out, token{exact: c, folded: c, start: toks[i].start, end: toks[i+n-1].end})
			i += n
			continue
		}
		out = append(out, toks[i])
		i++
	}
	return out
}
