package synthcorpus

import (
	"fmt"
	"math/rand/v2"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/vksnews/vksnews/internal/article"
	"github.com/vksnews/vksnews/internal/normalize"
)

// Source is one real-style article that Resample draws sentences from: a
// text written in the portals' style (the normalizer's labeled sets), not a
// page copied from a portal.
type Source struct {
	Title, Body string
	// EventType is the article's primary event type: most sentences of a
	// resampled article come from sources of its own type, so that words
	// that go together in real news (phiên tòa, bị cáo, xét xử) stay
	// together.
	EventType string
	// Names are the people the text names; Resample puts generated names in
	// their place.
	Names []string
}

// sameTypeShare is the share of a resampled article's sentences drawn from
// sources of its own event type; the rest come from any source.
const sameTypeShare = 0.7

// Body lengths of a resampled article: minBody plus an exponential tail of
// mean meanExtra, at most maxBody. Portals' articles run from a paragraph to
// several pages; most are 1.5–3 KB of text.
const (
	minBody   = 1000
	meanExtra = 1800
	maxBody   = 8000
)

// Markers that stand for what each article replaces (see mask).
const (
	markProvince = "\x01"
	markPerson   = "\x02%d\x03" // with the name's index in Source.Names
)

var (
	sentenceEnd = regexp.MustCompile(`[.!?…]+["”)]?\s+`)
	digits      = regexp.MustCompile(`[0-9]+`)
)

// sentence is one masked sentence of a source; src is the source's index.
type sentence struct {
	text string
	src  int
}

// Resample returns n articles assembled from the sources' sentences, with
// word frequencies and co-occurrences like the sources' rather than like
// the fixed phrase tables of Articles: each article opens with a source's
// title and first sentence, then draws sentences from sources of the same
// event type (sameTypeShare) or any type, up to a realistic length. The
// places, people and numbers of every sentence are replaced with the
// article's own (a random province, generated officials, random numbers),
// which gives the long tail of rare terms that a real archive has. The same
// sources, n and seed give the same articles. It returns nil without
// sources.
//
// origins[i] is the index in sources of the story article i opens with (its
// title and first sentence): the known item that a query recalling that
// story looks for, which is how the index's relevance test judges a ranking
// on these articles.
func Resample(sources []Source, n int, seed int64) (articles []article.Article, origins []int) {
	if len(sources) == 0 {
		return nil, nil
	}
	rng := rand.New(rand.NewPCG(uint64(seed), 0x2545f4914f6cdd1d))
	provinces := normalize.Provinces()
	provMask := provinceMasker(provinces)
	var all []sentence
	byType := map[string][]sentence{}
	titles := make([]string, len(sources))
	leads := make([]string, len(sources))
	for i, s := range sources {
		titles[i] = mask(s.Title, s.Names, provMask)
		for j, text := range sentences(s.Body) {
			m := sentence{mask(text, s.Names, provMask), i}
			if j == 0 {
				leads[i] = m.text
				continue
			}
			all = append(all, m)
			byType[s.EventType] = append(byType[s.EventType], m)
		}
	}
	if len(all) == 0 {
		return nil, nil
	}
	hcm := normalize.HCM()
	base := time.Date(2019, 1, 1, 7, 0, 0, 0, hcm)
	articles = make([]article.Article, 0, n)
	origins = make([]int, 0, n)
	for i := range n {
		si := rng.IntN(len(sources))
		origins = append(origins, si)
		src := sources[si]
		p := provinces[rng.IntN(len(provinces))]
		unit := synthUnit(rng, p)
		pub := base.Add(time.Duration(rng.IntN(8*365*24)) * time.Hour)
		evDate := article.DateOf(pub.AddDate(0, 0, -rng.IntN(3)))
		officials := synthOfficials(rng, unit.Name)
		fill := func(text string) string {
			text = strings.ReplaceAll(text, markProvince, p.Now)
			for k := range src.Names {
				text = strings.ReplaceAll(text, fmt.Sprintf(markPerson, k), officials[k%len(officials)].Name)
			}
			// The people of sentences from other sources.
			for {
				at := strings.IndexByte(text, '\x02')
				end := strings.IndexByte(text, '\x03')
				if at < 0 || end < at {
					break
				}
				text = text[:at] + officials[rng.IntN(len(officials))].Name + text[end+1:]
			}
			return digits.ReplaceAllStringFunc(text, func(d string) string { return randomNumber(rng, d) })
		}
		title := fill(titles[si])
		lead := leads[si]
		if lead == "" {
			lead = titles[si] + "."
		}
		var body strings.Builder
		body.WriteString(fill(lead))
		target := min(minBody+int(rng.ExpFloat64()*meanExtra), maxBody)
		pool := byType[src.EventType]
		used := map[string]bool{}
		for body.Len() < target && len(used) < len(all) {
			body.WriteString("\n\n")
			for range 2 + rng.IntN(3) {
				from := all
				if len(pool) > 0 && rng.Float64() < sameTypeShare {
					from = pool
				}
				s := from[rng.IntN(len(from))]
				if used[s.text] {
					continue
				}
				used[s.text] = true
				body.WriteString(fill(s.text))
				body.WriteByte(' ')
			}
		}
		url := fmt.Sprintf("https://vks%d.example.gov.vn/tin-tuc/r%d.html", rng.IntN(64), i)
		types := []string{src.EventType}
		if src.EventType == "" {
			types = []string{article.EventKhac}
		}
		leadText := strings.SplitN(body.String(), "\n\n", 2)[0]
		articles = append(articles, synthArticle(rng, url, title, pub, evDate, unit, officials, types, leadText, body.String()))
	}
	return articles, origins
}

// sentences splits a body into its sentences, paragraph by paragraph.
func sentences(body string) []string {
	var out []string
	for _, para := range strings.Split(body, "\n") {
		para = strings.TrimSpace(para)
		if para == "" {
			continue
		}
		last := 0
		for _, m := range sentenceEnd.FindAllStringIndex(para+" ", -1) {
			if s := strings.TrimSpace((para + " ")[last:m[1]]); s != "" {
				out = append(out, s)
			}
			last = m[1]
		}
		if rest := strings.TrimSpace((para + " ")[last:]); rest != "" {
			out = append(out, rest)
		}
	}
	return out
}

// provinceMasker replaces every province's names, old and new, longest
// first so that "Bà Rịa – Vũng Tàu" is not cut at "Vũng Tàu".
func provinceMasker(provinces []normalize.Province) *strings.Replacer {
	var names []string
	for _, p := range provinces {
		names = append(names, p.Name, p.Now)
	}
	slices.SortFunc(names, func(a, b string) int { return len(b) - len(a) })
	names = slices.Compact(names)
	var pairs []string
	for _, n := range names {
		pairs = append(pairs, n, markProvince)
	}
	return strings.NewReplacer(pairs...)
}

// mask puts markers in place of a text's people and provinces.
func mask(text string, names []string, provinces *strings.Replacer) string {
	for k, n := range names {
		if n != "" {
			text = strings.ReplaceAll(text, n, fmt.Sprintf(markPerson, k))
		}
	}
	return provinces.Replace(text)
}

// randomNumber replaces a number with a random one of the same kind: a year
// with another recent year, any other number with one of as many digits.
func randomNumber(rng *rand.Rand, d string) string {
	if len(d) == 4 && (strings.HasPrefix(d, "19") || strings.HasPrefix(d, "20")) {
		return fmt.Sprint(2015 + rng.IntN(12))
	}
	b := []byte(d)
	for i := range b {
		b[i] = byte('0' + rng.IntN(10))
	}
	return string(b)
}
