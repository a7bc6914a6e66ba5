// Package normalize turns an article.Raw, as a crawler extracted it, into the
// article.Article of DESIGN.md: canonical text, dates, the procuracy units
// named (with the 2025 provincial merger), officials, event types and the
// sections of round-up articles.
//
// Officials are read by an explicit grammar (officials.go) over data tables
// of titles, phrase-ending words and non-official markers (data/); the
// quality of every fact is measured on a tuning set and a held-out set of
// labeled articles (quality_test.go).
//
// Everything here is a pure function with no I/O: the reference data
// (provinces, districts, surnames, the grammar's tables) is embedded in the
// binary. The functions
// never invent a fact; what a page does not say is left nil or empty.
package normalize
