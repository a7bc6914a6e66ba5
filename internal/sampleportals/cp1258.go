package sampleportals

import (
	"fmt"
	"unicode"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/unicode/norm"
)

// Combining marks that windows-1258 folds into its precomposed base letters
// (â ê ô ă ơ ư and capitals); tone marks stay separate combining bytes.
const (
	markCircumflex = '\u0302'
	markBreve      = '\u0306'
	markHorn       = '\u031B'
)

// EncodeWindows1258 encodes UTF-8 text as windows-1258 the way Vietnamese Windows
// software writes it: letters decomposed, base plus circumflex, breve or horn
// recomposed (the code page has those), and tone marks written as the
// combining characters 0xCC 0xEC 0xD2 0xDE 0xF2. Decoding the result and
// normalizing to NFC gives back the NFC text.
func EncodeWindows1258(utf8 []byte) ([]byte, error) {
	runes := []rune(norm.NFD.String(string(utf8)))
	var prepared []rune
	for i := 0; i < len(runes); {
		base := runes[i]
		j := i + 1
		for j < len(runes) && unicode.Is(unicode.Mn, runes[j]) {
			j++
		}
		marks := runes[i+1 : j]
		var rest []rune
		for _, m := range marks {
			if m == markCircumflex || m == markBreve || m == markHorn {
				if c := []rune(norm.NFC.String(string([]rune{base, m}))); len(c) == 1 {
					base = c[0]
					continue
				}
			}
			rest = append(rest, m)
		}
		prepared = append(prepared, base)
		prepared = append(prepared, rest...)
		i = j
	}
	out, err := charmap.Windows1258.NewEncoder().Bytes([]byte(string(prepared)))
	if err != nil {
		return nil, fmt.Errorf("encode windows-1258: %w", err)
	}
	return out, nil
}
