package config

import (
	"fmt"
	"strings"
)

// hint ends an "unknown key" message: the known key the operator most
// likely meant, else the keys allowed there when they are few enough to
// read in one line.
func hint(key string, known []string) string {
	if best, ok := closest(key, known); ok {
		return fmt.Sprintf(" (did you mean %s?)", best)
	}
	if len(known) <= 10 {
		return fmt.Sprintf(" (the keys here are %s)", strings.Join(known, ", "))
	}
	return ""
}

// closest is the word of known that s most likely misspells, if any.
func closest(s string, known []string) (string, bool) {
	best, bestDist := "", 0
	for _, k := range known {
		d := distance(strings.ToLower(s), k)
		if best == "" || d < bestDist {
			best, bestDist = k, d
		}
	}
	// A third of the word's length covers one or two typos ("strat_urls",
	// "dealy") without suggesting unrelated words for short ones.
	return best, best != "" && bestDist <= max(1, len([]rune(s))/3)
}

// distance is the optimal string alignment distance between a and b: the
// edits (insert, delete, substitute, swap two neighbours) turning one into
// the other, the usual measure of typos.
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	// Three rows suffice: the current, the previous and the one before,
	// which the swap of neighbours looks back to.
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}
