package crawlers

import (
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"sync"
)

// errRedirectLoop marks a redirect chain that came back to a URL it had
// already passed: the page can never be reached, so it is a failure of the
// portal, not a page "already fetched".
var errRedirectLoop = errors.New("redirect loop")

// redirectChains remembers the URLs each request's redirects passed through,
// by the URL first requested. colly checks its visited set before our
// redirect handler runs, and reports a chain that closes on any URL but the
// first as "already visited", the same error as a harmless redirect to a
// page fetched through another link; the chain tells the two apart.
// Its zero value is ready to use.
type redirectChains struct {
	mu   sync.Mutex
	hops map[string][]string // first URL → every URL of its chain, in order
}

// check is called for every redirect: it refuses one back to a URL of the
// chain and records the hop otherwise.
func (c *redirectChains) check(req *http.Request, via []*http.Request) error {
	chain := make([]string, 0, len(via)+1)
	for _, v := range via {
		chain = append(chain, v.URL.String())
	}
	next := req.URL.String()
	if slices.Contains(chain, next) {
		return fmt.Errorf("%w: %s", errRedirectLoop, strings.Join(append(chain, next), " → "))
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.hops == nil {
		c.hops = map[string][]string{}
	}
	c.hops[chain[0]] = append(chain, next)
	return nil
}

// loop returns the redirect-loop error when dest, a redirect target colly
// found already visited, is a URL that first's own chain passed through.
func (c *redirectChains) loop(first, dest string) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	chain := c.hops[first]
	if !slices.Contains(chain, dest) {
		return nil
	}
	return fmt.Errorf("%w: %s", errRedirectLoop, strings.Join(append(slices.Clip(chain), dest), " → "))
}

// forget drops first's chain before the request is tried again, so that the
// new try's hops are not taken for a loop.
func (c *redirectChains) forget(first string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.hops, first)
}
