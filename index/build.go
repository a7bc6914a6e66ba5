package index

import (
	"cmp"
	"slices"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
)

// docFreq tells how many articles have a term in a field.
type docFreq func(field, term string) uint64

// required is one required part of a query: a word, a syllable pair of a
// phrase, or a group of alternatives, with how many articles have it.
type required struct {
	q      query.Query
	df     uint64
	filter bool // required without being scored, whatever its df
	// alts is the part as terms to look up: an article has it when it has
	// every term of one alternative.
	alts [][]leaf
}

// leaf is one term of a field.
type leaf struct{ field, term string }

// buildQuery turns a parsed query and the filters' clauses into the bleve
// query that finds, counts and first ranks the matching articles; a query
// with no terms matches everything. Each word is one term of the folded text
// (which holds the title too), each phrase its syllable pairs: one posting
// list per word, where boosting title and exact-spelling matches in the query
// walked up to four. Those boosts are applied to the best matches afterwards
// (see snapshot.rerank).
//
// With df, parts found in more than scoreRatio times as many articles as the
// rarest are required as a filter, which skips to the articles the rest
// match instead of scoring every article they are in: "vks khánh hòa" scores
// the few thousand articles with "khánh", not the whole archive with "vks".
// A word that common adds little to the ranking (its IDF is low), and in a
// phrase the rarest pair ranks as well as all of them.
func buildQuery(q Query, filters []query.Query, df docFreq) query.Query {
	r := defaultRanking()
	if df == nil {
		r.scoreRatio = 0
	}
	return fromParts(q, queryParts(q, df), filters, r)
}

// fromParts is buildQuery of q's parts, whose df are set unless
// r.scoreRatio is 0.
func fromParts(q Query, parts []required, filters []query.Query, r ranking) query.Query {
	rarest := uint64(0)
	for i, p := range parts {
		if i == 0 || p.df < rarest {
			rarest = p.df
		}
	}
	var must, filter []query.Query
	for _, p := range parts {
		if r.scoreRatio != 0 && (p.filter || !r.scored(p.df, rarest)) {
			filter = append(filter, p.q)
		} else {
			must = append(must, p.q)
		}
	}
	return assemble(append(must, filters...), filter, excludes(q))
}

// queryParts are the required parts of q's terms.
func queryParts(q Query, df docFreq) []required {
	var parts []required
	for _, g := range termGroups(q) {
		parts = append(parts, groupParts(g, df)...)
	}
	return parts
}

// excludes are the queries of q's excluded terms.
func excludes(q Query) []query.Query {
	var not []query.Query
	for _, t := range q.Exclude {
		if c := excludeQuery(t); c != nil {
			not = append(not, c)
		}
	}
	return not
}

// assemble requires must (scored; every article when empty) and filter (not
// scored), and excludes not.
func assemble(must, filter, not []query.Query) query.Query {
	if len(must) == 0 {
		must = append(must, bleve.NewMatchAllQuery())
	}
	if len(not) == 0 && len(filter) == 0 && len(must) == 1 {
		return must[0]
	}
	b := bleve.NewBooleanQuery()
	b.AddMust(must...)
	b.AddMustNot(not...)
	if len(filter) > 0 {
		b.AddFilter(bleve.NewConjunctionQuery(filter...))
	}
	return b
}

// groupParts are the required parts of one group of alternatives: a word,
// each syllable pair of a phrase, or one disjunction of the alternatives
// (found in about the sum of theirs); none when it has no tokens, such as `\`.
func groupParts(g [][]token, df docFreq) []required {
	var alts []required
	for _, toks := range g {
		var ps []required
		switch len(toks) {
		case 0:
			continue
		case 1:
			ps = []required{part(df, fTextF, toks[0].folded)}
		default:
			for i := 0; i+1 < len(toks); i++ {
				ps = append(ps, part(df, fBigram, toks[i].folded+" "+toks[i+1].folded))
			}
			// A phrase ranks on its rarest pair alone (see buildQuery).
			if df != nil {
				rarest := slices.MinFunc(ps, func(a, b required) int { return cmp.Compare(a.df, b.df) })
				for i := range ps {
					ps[i].filter = ps[i].q != rarest.q
				}
			}
		}
		if len(g) == 1 {
			return ps
		}
		alt := required{q: ps[0].q, df: ps[0].df, alts: [][]leaf{nil}}
		for _, p := range ps {
			alt.alts[0] = append(alt.alts[0], p.alts[0]...)
			alt.df = min(alt.df, p.df)
		}
		if len(ps) > 1 {
			qs := make([]query.Query, len(ps))
			for i, p := range ps {
				qs[i] = p.q
			}
			alt.q = bleve.NewConjunctionQuery(qs...)
		}
		alts = append(alts, alt)
	}
	switch len(alts) {
	case 0:
		return nil
	case 1:
		return alts
	}
	var or required
	qs := make([]query.Query, len(alts))
	for i, a := range alts {
		qs[i] = a.q
		or.df += a.df
		or.alts = append(or.alts, a.alts...)
	}
	or.q = bleve.NewDisjunctionQuery(qs...)
	return []required{or}
}

// part is a required term and how many articles have it (0 without df).
func part(df docFreq, field, text string) required {
	p := required{q: term(field, text, 1), alts: [][]leaf{{{field, text}}}}
	if df != nil {
		p.df = df(field, text)
	}
	return p
}

// term is a term query on one field with a boost.
func term(field, text string, boost float64) query.Query {
	q := bleve.NewTermQuery(text)
	q.SetField(field)
	q.SetBoost(boost)
	return q
}

// termGroups analyses the positive terms of q: each group is a list of
// alternatives, each alternative the tokens of a word or phrase. Runs of
// plain words are analysed together so that an abbreviation spelled over
// several words ("viện kiểm sát nhân dân") becomes its one term.
func termGroups(q Query) [][][]token {
	var out [][][]token
	var run []string
	flush := func() {
		for _, toks := range wordRun(run) {
			out = append(out, [][]token{toks})
		}
		run = run[:0]
	}
	for _, g := range q.Groups {
		if len(g) == 1 && !g[0].Phrase {
			run = append(run, g[0].Text)
			continue
		}
		flush()
		var alts [][]token
		for _, t := range g {
			alts = append(alts, queryTokens(t.Text))
		}
		out = append(out, alts)
	}
	flush()
	return out
}

// wordRun analyses consecutive words: an abbreviation form spanning words
// becomes one token; every other word keeps its own tokens (several for a
// word such as "covid-19", matched as a phrase).
func wordRun(words []string) [][]token {
	type wtok struct {
		token
		word int
	}
	var all []wtok
	var folded []string
	for i, w := range words {
		for _, tk := range tokens(w) {
			all = append(all, wtok{tk, i})
			folded = append(folded, tk.folded)
		}
	}
	var out [][]token
	lastWord := -1
	for i := 0; i < len(all); {
		if f, ok := longestAt(folded, i); ok {
			c := f.ab.canonical
			out = append(out, []token{{exact: c, folded: c}})
			i += len(f.words)
			lastWord = -1
			continue
		}
		if all[i].word == lastWord {
			out[len(out)-1] = append(out[len(out)-1], all[i].token)
		} else {
			out = append(out, []token{all[i].token})
		}
		lastWord = all[i].word
		i++
	}
	return out
}

// excludeQuery matches what an excluded word or phrase rules out: a marked
// word as typed, an unmarked word or a phrase in any spelling.
func excludeQuery(t Term) query.Query {
	toks := queryTokens(t.Text)
	switch len(toks) {
	case 0:
		return nil
	case 1:
		tk := toks[0]
		if hasMarks(tk.exact) {
			return bleve.NewDisjunctionQuery(term(fTitle, tk.exact, 1), term(fText, tk.exact, 1))
		}
		return term(fTextF, tk.folded, 1)
	}
	return bleve.NewConjunctionQuery(pairTerms(toks)...)
}

// pairTerms are the term queries that find a phrase of two or more tokens
// in the syllable-pair field: every consecutive pair. A text that has all
// the pairs apart matches too; syllable triples would rule that out but
// cost a third of the indexing speed (measured: 395 instead of 600
// articles/s, index 2.56× instead of 1.99× the text, at 10k).
func pairTerms(toks []token) []query.Query {
	var out []query.Query
	for i := 0; i+1 < len(toks); i++ {
		out = append(out, term(fBigram, toks[i].folded+" "+toks[i+1].folded, 1))
	}
	return out
}

// positiveTokens lists the analysed tokens of every term the query looks
// for, for highlighting.
func positiveTokens(q Query) []token {
	var out []token
	for _, g := range termGroups(q) {
		for _, toks := range g {
			out = append(out, toks...)
		}
	}
	return out
}
