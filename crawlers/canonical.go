package crawlers

import (
	"fmt"
	"net/url"
	"strings"
)

// trackingParams are query parameters that never change what a page shows;
// dropping them lets an article linked from a newsletter and from a list be
// stored once.
var trackingParams = map[string]bool{
	"fbclid": true, "gclid": true, "dclid": true, "msclkid": true, "zarsrc": true,
	"_ga": true, "mc_cid": true, "mc_eid": true, "igshid": true,
}

// Canonicalize returns the form of an absolute http(s) URL under which an
// article is identified: scheme and host in lower case, default port, fragment
// and tracking parameters (utm_*, fbclid, …) removed, an empty path made "/".
// The order of the remaining query parameters is kept: some CMSes route on it.
func Canonicalize(raw string) (string, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return "", fmt.Errorf("canonicalize %q: %w", raw, err)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return "", fmt.Errorf("canonicalize %q: not an http(s) URL", raw)
	}
	if u.Host == "" {
		return "", fmt.Errorf("canonicalize %q: no host", raw)
	}
	u.Scheme = strings.ToLower(u.Scheme)
	u.Host = strings.ToLower(u.Host)
	if (u.Scheme == "http" && u.Port() == "80") || (u.Scheme == "https" && u.Port() == "443") {
		u.Host = u.Hostname()
	}
	u.Fragment, u.RawFragment = "", ""
	u.User = nil
	if u.Path == "" {
		u.Path = "/"
	}
	if u.RawQuery != "" {
		u.RawQuery = dropTracking(u.RawQuery)
	}
	u.ForceQuery = false
	return u.String(), nil
}

// dropTracking removes tracking parameters from a raw query while keeping
// the others byte for byte (url.Values would re-encode and reorder them).
func dropTracking(rawQuery string) string {
	parts := strings.Split(rawQuery, "&")
	kept := parts[:0]
	for _, p := range parts {
		if p == "" {
			continue
		}
		key, _, _ := strings.Cut(p, "=")
		if k, err := url.QueryUnescape(key); err == nil {
			key = k
		}
		key = strings.ToLower(key)
		if strings.HasPrefix(key, "utm_") || trackingParams[key] {
			continue
		}
		kept = append(kept, p)
	}
	return strings.Join(kept, "&")
}
