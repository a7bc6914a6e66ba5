package index

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Limits of the query language.
const (
	maxQueryChars = 500
	maxQueryTerms = 32
)

// Term is one element of a query: a word or a quoted phrase, as typed.
type Term struct {
	Text   string `json:"text"`
	Phrase bool   `json:"phrase,omitempty"`
}

// Query is a parsed query: every group must match (a group matches when any
// of its terms does: "a OR b"), and no excluded term may.
type Query struct {
	Groups  [][]Term `json:"groups"`
	Exclude []Term   `json:"exclude,omitempty"`
}

// IsZero reports whether the query has no terms (it matches everything).
func (q Query) IsZero() bool { return len(q.Groups) == 0 && len(q.Exclude) == 0 }

// String writes the query back in the query language.
func (q Query) String() string {
	var parts []string
	term := func(t Term) string {
		if t.Phrase {
			return `"` + t.Text + `"`
		}
		return t.Text
	}
	for _, g := range q.Groups {
		var alts []string
		for _, t := range g {
			alts = append(alts, term(t))
		}
		parts = append(parts, strings.Join(alts, " OR "))
	}
	for _, t := range q.Exclude {
		parts = append(parts, "-"+term(t))
	}
	return strings.Join(parts, " ")
}

// item is one lexical element of a query before OR grouping.
type item struct {
	term    Term
	exclude bool
	or      bool // the bare word OR
}

// ParseQuery parses the query language: words; "quoted phrases"; -word and
// -"phrase" to exclude (a Vietnamese word of several syllables is excluded
// quoted: -"tập huấn"; -tập huấn excludes "tập" and requires "huấn"); OR
// between words (a OR b). Everything else, such as
// `title:x` or `\`, is plain text. Errors wrap ErrBadRequest.
func ParseQuery(s string) (Query, error) {
	if !utf8.ValidString(s) {
		return Query{}, fmt.Errorf("%w: query is not valid UTF-8", ErrBadRequest)
	}
	if n := utf8.RuneCountInString(s); n > maxQueryChars {
		return Query{}, fmt.Errorf("%w: query is %d characters long (at most %d)", ErrBadRequest, n, maxQueryChars)
	}
	// Typographic quotes, as phones and word processors type them.
	s = strings.NewReplacer("“", `"`, "”", `"`, "„", `"`).Replace(s)
	items, err := lex(s)
	if err != nil {
		return Query{}, err
	}
	words := 0
	for _, it := range items {
		words += len(strings.Fields(it.term.Text))
	}
	if words > maxQueryTerms {
		return Query{}, fmt.Errorf("%w: query has %d words (at most %d)", ErrBadRequest, words, maxQueryTerms)
	}
	var q Query
	for i := 0; i < len(items); i++ {
		it := items[i]
		switch {
		case it.exclude:
			q.Exclude = append(q.Exclude, it.term)
		case it.or && len(q.Groups) > 0 && !items[i-1].exclude && i+1 < len(items) && !items[i+1].exclude && !items[i+1].or:
			last := len(q.Groups) - 1
			q.Groups[last] = append(q.Groups[last], items[i+1].term)
			i++
		default:
			// A dangling OR is just a word.
			q.Groups = append(q.Groups, []Term{it.term})
		}
	}
	// A query of exclusions alone ("everything but -\"tập huấn\"") matches
	// every article without them.
	return q, nil
}

// lex splits s into words, phrases and exclusions.
func lex(s string) ([]item, error) {
	var items []item
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if unicode.IsSpace(r) {
			i += size
			continue
		}
		exclude := false
		if r == '-' {
			exclude = true
			i++
			if i == len(s) {
				return nil, fmt.Errorf("%w: lone \"-\" at the end (write -word to exclude a word)", ErrBadRequest)
			}
			r, _ = utf8.DecodeRuneInString(s[i:])
			if unicode.IsSpace(r) {
				return nil, fmt.Errorf("%w: lone \"-\" at character %d (write -word to exclude a word)", ErrBadRequest, utf8.RuneCountInString(s[:i]))
			}
		}
		if r == '"' {
			end := strings.IndexByte(s[i+1:], '"')
			if end < 0 {
				return nil, fmt.Errorf("%w: unbalanced quote at character %d", ErrBadRequest, utf8.RuneCountInString(s[:i])+1)
			}
			text := strings.Join(strings.Fields(s[i+1:i+1+end]), " ")
			i += end + 2
			if text == "" {
				if exclude {
					return nil, fmt.Errorf("%w: nothing to exclude in -\"\"", ErrBadRequest)
				}
				continue
			}
			items = append(items, item{term: Term{Text: text, Phrase: true}, exclude: exclude})
			continue
		}
		j := i
		for j < len(s) {
			r, size := utf8.DecodeRuneInString(s[j:])
			if unicode.IsSpace(r) || r == '"' {
				break
			}
			j += size
		}
		w := s[i:j]
		i = j
		items = append(items, item{term: Term{Text: w}, exclude: exclude, or: w == "OR" && !exclude})
	}
	return items, nil
}
