package web

import (
	"fmt"
	"net/http"
)

// DefaultMaxExports is how many exports run at once when Server.MaxExports
// is zero. An export reads every match of its search; on a 2-core machine
// two at once already take a core each from the searches.
const DefaultMaxExports = 2

// exportRetryAfter is the Retry-After (seconds) of a refused export.
const exportRetryAfter = "10"

// limitExports admits at most MaxExports exports at once and answers the
// others a 429 at once, rather than queueing them: each export holds a page
// of stored articles in memory and a core while it runs, so queued ones
// would only pile up memory and time out.
func (s *Server) limitExports(h http.HandlerFunc) http.HandlerFunc {
	if s.exports == nil {
		n := s.MaxExports
		if n <= 0 {
			n = DefaultMaxExports
		}
		s.exports = make(chan struct{}, n)
	}
	return func(w http.ResponseWriter, r *http.Request) {
		select {
		case s.exports <- struct{}{}:
			defer func() { <-s.exports }()
			h(w, r)
		default:
			w.Header().Set("Retry-After", exportRetryAfter)
			http.Error(w, fmt.Sprintf("Too many exports at once (at most %d); try again in %s seconds.", cap(s.exports), exportRetryAfter),
				http.StatusTooManyRequests)
		}
	}
}
