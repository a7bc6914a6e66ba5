package crawlers

import (
	"bytes"
	"fmt"
	"mime"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// decodePage returns an HTML page as UTF-8 in NFC.
//
// colly has already converted the body when the HTTP header named a charset
// (response.fixCharset), so that case only needs the BOM stripped. Without a
// header charset colly leaves the bytes alone, and the page's own BOM or
// <meta charset> decides — colly's detection ignores <meta>, which is how
// windows-1258 pages turned into mojibake. Windows-1258 writes Vietnamese
// tone marks as combining characters, hence the NFC at the end.
func decodePage(body []byte, contentType string) ([]byte, error) {
	if headerCharset(contentType) == "" {
		enc, name, certain := charset.DetermineEncoding(body, "text/html")
		// Without a BOM or a <meta charset> in the first KB the HTML5
		// algorithm guesses windows-1252; a page that is valid UTF-8 is
		// far likelier to be UTF-8 (English pages with curly quotes
		// turned into mojibake otherwise).
		if !certain && utf8.Valid(body) {
			name = "utf-8"
		}
		if !strings.EqualFold(name, "utf-8") {
			out, _, err := transform.Bytes(enc.NewDecoder(), body)
			if err != nil {
				return nil, fmt.Errorf("decode %s: %w", name, err)
			}
			body = out
		}
	}
	body = bytes.TrimPrefix(body, utf8BOM)
	return norm.NFC.Bytes(body), nil
}

// headerCharset returns the charset parameter of a Content-Type header, or "".
func headerCharset(contentType string) string {
	if contentType == "" {
		return ""
	}
	_, params, err := mime.ParseMediaType(contentType)
	if err != nil {
		return ""
	}
	return params["charset"]
}

// isHTML reports whether a Content-Type can hold an HTML page. An absent
// header is accepted: old portals often send none.
func isHTML(contentType string) bool {
	if contentType == "" {
		return true
	}
	mt, _, err := mime.ParseMediaType(contentType)
	if err != nil {
		return false
	}
	return mt == "text/html" || mt == "application/xhtml+xml" || mt == "text/plain"
}
