package index

import (
	"fmt"
	"sync"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/token/shingle"
	unicodetok "github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/registry"
	"github.com/vksnews/vksnews/internal/vntext"
)

// Analyzer names, as the mapping stored in an index refers to them.
const (
	analyzerExact  = "vi_exact"  // lower case, canonical tone placement, abbreviations added
	analyzerFolded = "vi_folded" // as exact, then every mark dropped and đ→d
	analyzerBigram = "vi_bigram" // folded, abbreviations collapsed, syllable pairs only
	// tokenizerSyllables is shared by the three analyzers of one index (the
	// registry builds it once per mapping), so that a text indexed in the
	// three ways is split and normalized once.
	tokenizerSyllables = "vi_syllables"
)

// bleve's analysis registry is global; every binary that opens the index
// imports this package, so registering here makes the names resolvable
// wherever an index is opened.
func init() {
	must := func(err error) {
		if err != nil {
			panic(fmt.Sprintf("index: register analysis: %v", err))
		}
	}
	must(registry.RegisterTokenizer(tokenizerSyllables, func(map[string]interface{}, *registry.Cache) (analysis.Tokenizer, error) {
		return newSyllableTokenizer(), nil
	}))
	for name, mode := range map[string]analyzerMode{analyzerExact: modeExact, analyzerFolded: modeFolded, analyzerBigram: modeBigram} {
		must(registry.RegisterAnalyzer(name, func(_ map[string]interface{}, c *registry.Cache) (analysis.Analyzer, error) {
			t, err := c.TokenizerNamed(tokenizerSyllables)
			if err != nil {
				return nil, err
			}
			st, ok := t.(*syllableTokenizer)
			if !ok {
				return nil, fmt.Errorf("tokenizer %s is a %T", tokenizerSyllables, t)
			}
			return viAnalyzer{mode: mode, syl: st}, nil
		}))
	}
}

type analyzerMode int

const (
	modeExact analyzerMode = iota
	modeFolded
	modeBigram
)

// viAnalyzer is the Vietnamese analysis: bleve's unicode tokenizer followed
// by token filters (lower case and tone placement; folding; abbreviations;
// syllable pairs) written as one pass over cached syllables. Offsets always
// point into the original text, so highlights computed from them mark the
// original spelling.
type viAnalyzer struct {
	mode analyzerMode
	syl  *syllableTokenizer
}

var (
	tokenizer = unicodetok.NewUnicodeTokenizer()
	bigrams   = shingle.NewShingleFilter(2, 2, false, " ", "")
)

// Analyze implements analysis.Analyzer.
func (a viAnalyzer) Analyze(input []byte) analysis.TokenStream {
	var toks []token
	if a.syl != nil {
		toks = a.syl.syllables(input)
	} else {
		toks = tokens(string(input))
	}
	ts := make(analysis.TokenStream, len(toks))
	backing := make([]analysis.Token, len(toks))
	for i, tk := range toks {
		term := tk.folded
		if a.mode == modeExact {
			term = tk.exact
		}
		backing[i] = analysis.Token{Term: []byte(term), Start: tk.start, End: tk.end, Position: i + 1, Type: analysis.AlphaNumeric}
		ts[i] = &backing[i]
	}
	if a.mode == modeBigram {
		return bigrams.Filter(abbrevReplace(ts, true))
	}
	return abbrevAdd(ts)
}

// syllableTokenizer splits text into syllables with both forms and keeps
// the last texts it split: the index analyses each text three ways.
type syllableTokenizer struct {
	mu    sync.Mutex
	cache map[string][]token
}

// syllableCacheSize bounds the cache; concurrent analysis workers each hold
// a document or two in flight.
const syllableCacheSize = 256

func newSyllableTokenizer() *syllableTokenizer {
	return &syllableTokenizer{cache: make(map[string][]token)}
}

// Tokenize implements analysis.Tokenizer with the exact forms as terms.
func (st *syllableTokenizer) Tokenize(input []byte) analysis.TokenStream {
	toks := st.syllables(input)
	ts := make(analysis.TokenStream, len(toks))
	for i, tk := range toks {
		ts[i] = &analysis.Token{Term: []byte(tk.exact), Start: tk.start, End: tk.end, Position: i + 1, Type: analysis.AlphaNumeric}
	}
	return ts
}

// syllables returns the tokens of input; the result must not be modified.
func (st *syllableTokenizer) syllables(input []byte) []token {
	st.mu.Lock()
	toks, ok := st.cache[string(input)]
	st.mu.Unlock()
	if ok {
		return toks
	}
	toks = tokens(string(input))
	st.mu.Lock()
	if len(st.cache) >= syllableCacheSize {
		clear(st.cache)
	}
	st.cache[string(input)] = toks
	st.mu.Unlock()
	return toks
}

// token is one analysed syllable with both of its forms.
type token struct {
	exact  string // lower case, NFC, canonical tone placement
	folded string // exact without marks, đ→d
	start  int    // byte offsets in the original text
	end    int
}

// tokens returns the analysed syllables of s with both forms, in order.
func tokens(s string) []token {
	toks := tokenizer.Tokenize([]byte(s))
	out := make([]token, 0, len(toks))
	for _, t := range toks {
		e := vntext.Exact(string(t.Term))
		out = append(out, token{exact: e, folded: vntext.Fold(e), start: t.Start, end: t.End})
	}
	return out
}

// hasMarks reports whether an exact term differs from its folded form, i.e.
// the user typed diacritics.
func hasMarks(exact string) bool { return exact != vntext.Fold(exact) }
