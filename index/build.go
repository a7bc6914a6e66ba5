package index

import (
	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
)

// Boosts: a title match counts more than a body match, and a word typed
// with diacritics counts more where it matches as typed than where it only
// matches without marks ("hòa" ranks "hòa" above "hóa").
const (
	boostTitle = 2.0
	boostExact = 3.0
)

// buildQuery turns a parsed query into a bleve query; a query with no terms
// matches everything.
func buildQuery(q Query) query.Query {
	var must []query.Query
	for _, g := range termGroups(q) {
		var alts []query.Query
		for _, toks := range g {
			if c := tokensQuery(toks); c != nil {
				alts = append(alts, c)
			}
		}
		switch len(alts) {
		case 0:
			// Only punctuation, such as `\`: nothing to require.
		case 1:
			must = append(must, alts[0])
		default:
			must = append(must, bleve.NewDisjunctionQuery(alts...))
		}
	}
	var not []query.Query
	for _, t := range q.Exclude {
		if c := excludeQuery(t); c != nil {
			not = append(not, c)
		}
	}
	if len(must) == 0 {
		must = append(must, bleve.NewMatchAllQuery())
	}
	if len(not) == 0 && len(must) == 1 {
		return must[0]
	}
	b := bleve.NewBooleanQuery()
	b.AddMust(must...)
	b.AddMustNot(not...)
	return b
}

// term is a term query on one field with a boost.
func term(field, text string, boost float64) query.Query {
	q := bleve.NewTermQuery(text)
	q.SetField(field)
	q.SetBoost(boost)
	return q
}

// tokensQuery matches one word (one token) or phrase (several); nil when
// there are no tokens.
func tokensQuery(toks []token) query.Query {
	switch len(toks) {
	case 0:
		return nil
	case 1:
		return wordQuery(toks[0])
	}
	return phraseQuery(toks)
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

// wordQuery: a word typed with marks matches its exact form with a boost and
// its folded form; one typed without matches the folded form only.
func wordQuery(tk token) query.Query {
	qs := []query.Query{
		term(fTitleF, tk.folded, boostTitle),
		term(fTextF, tk.folded, 1),
	}
	if hasMarks(tk.exact) {
		qs = append(qs,
			term(fTitle, tk.exact, boostTitle*boostExact),
			term(fText, tk.exact, boostExact))
	}
	return bleve.NewDisjunctionQuery(qs...)
}

// phraseQuery requires every syllable pair of the phrase: a term lookup
// each, fast on long bodies, where a positional phrase query is slow (a
// passage with every pair apart matches too). Marked words that match as
// typed score higher.
func phraseQuery(toks []token) query.Query {
	pairs := pairTerms(toks)
	var should []query.Query
	for _, tk := range toks {
		if hasMarks(tk.exact) {
			should = append(should, term(fText, tk.exact, boostExact))
		}
	}
	if len(should) == 0 {
		return bleve.NewConjunctionQuery(pairs...)
	}
	b := bleve.NewBooleanQuery()
	b.AddMust(bleve.NewConjunctionQuery(pairs...))
	b.AddShould(should...)
	return b
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
		return bleve.NewDisjunctionQuery(term(fTitleF, tk.folded, 1), term(fTextF, tk.folded, 1))
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
