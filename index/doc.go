// Package index is the search index of vksnews: a bleve index with a
// Vietnamese analysis that treats "hòa" and "hoà", NFC and NFD, upper and
// lower case, and spelled-out and abbreviated unit names ("Viện kiểm sát nhân
// dân", "VKSND") alike; a small query language parsed by our own code; filters,
// facets, sorting, paging; and highlights marked on the original text.
//
// An index has one writer: Open fails with ErrLocked, within about a second,
// when another process holds it.
//
// Everything that reaches below bleve's public API (scorch, its lock,
// forced merges, doc-values options, snapshot readers, postings, the
// collector) is in internals.go; the other files use bleve.Index, mappings,
// queries and search results only.
//
// # The scoring model
//
// This is the one place that says how a search ranks; every number named
// here is a field of ranking (ranking.go), set per Index from the defaults
// there, which also say how they were chosen.
//
// What matches. Every word of the query is required (or one of its
// alternatives, "a OR b"); a quoted phrase requires its syllable pairs, in
// the bigram field, then its words in order on the stored text; "-word"
// excludes. Filters (unit, province, level, official, event type, dates) and
// the month are exact terms or ranges: they decide what matches and are
// never scored. Words are matched folded (no diacritics, đ as d, lower
// case: analysis.go, internal/vntext), so "hoa" finds "hòa" and "hóa".
//
// What is scored. Bleve's BM25-style score of the folded text (text_f, which
// holds the title as well) for each required word or pair (build.go). A part
// found in more than scoreRatio (10) times as many articles as the rarest
// part is required as a filter but not scored: its IDF adds almost nothing,
// and scoring it would walk its whole posting list ("vks khánh hòa" scores
// the articles with "khánh", not every article with "vks"); a phrase ranks
// on its rarest pair alone.
//
// When every part is common (even the rarest is in at least commonShare,
// 0.9, of the articles), rankOnRarest (rarest.go) ranks the articles with the
// rarest part on that part alone and keeps those that have the others; the
// full conjunction would score every posting of every part. It applies only
// when the first window can be filled from at most maxCandidates (5,000)
// candidates, estimated with a candidateMargin (1.5) over the share of the
// rarest part's articles that match everything; otherwise the full query
// ranks. Which of the two ranks is decided by the query and the index, never
// by the page asked for, so that paging neither repeats nor skips an article
// (TestPagingNeverRepeatsOrSkips). What these two shortcuts cost in
// exactness and relevance, and what they buy in latency, is measured in
// docs/BENCHMARKS.md ("Ranking thresholds on real-style word frequencies",
// "Known-item relevance"); setting scoreRatio and commonShare to 0 scores
// every part of every query.
//
// Boosts. The best rerankWindow (200) matches, the first ten pages of 20,
// are scored again with three factors that multiply the score (rerank.go):
// query words in the title (up to boostTitle, 2), words typed with
// diacritics found as typed rather than only folded (up to boostExact, 3:
// "hòa" ranks "hòa" above "hóa"), and neighbouring query words found next to
// each other (up to boostNear, 2). Each factor grows with the share of the
// query's words (or pairs) that earn it. Below the window the folded-text
// order stands: a boost never lifts an article into the window.
//
// Order. By relevance, or by date (newest first) and then relevance; equal
// keys keep bleve's internal order, stable while the index is unchanged. A
// query with no words sorts by date. Page*Size is at most MaxWindow;
// ForEachMatch pages with search-after for exports of any size.
//
// Facets. Counted over every match, not only the page: the whole index's
// counts (cached per write, wholeFacets) less the counts of the articles that
// do not match, whichever is fewer to read (facets.go). The month facet is
// indexed in the index's Zone and recounted as date ranges for a request in
// another zone.
package index
