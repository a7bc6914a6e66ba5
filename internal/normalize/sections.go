package normalize

import (
	"regexp"
	"strings"
	"time"

	"github.com/vksnews/vksnews/internal/article"
)

// reSectionHead matches a round-up paragraph that opens with its unit:
// "VKSND tỉnh Cao Bằng: Vừa qua, …".
var reSectionHead = regexp.MustCompile(`^(?:VKSND|Viện KSND|Viện kiểm sát nhân dân|VKS)\s[^:\n]{2,60}:\s`)

// sections splits a round-up body (paragraphs opening "VKSND tỉnh X:") into
// one section per unit, each normalized on its own. It returns an empty,
// non-nil slice when the body has fewer than two such paragraphs.
// Its input is already in Text form.
func sections(body string, published *time.Time, p Portal) []article.Section {
	paras := strings.Split(body, "\n\n")
	var heads []int
	for i, para := range paras {
		if reSectionHead.MatchString(para) {
			heads = append(heads, i)
		}
	}
	out := []article.Section{}
	if len(heads) < 2 {
		return out
	}
	home := portalProvince(p)
	for k, h := range heads {
		end := len(paras)
		if k+1 < len(heads) {
			end = heads[k+1]
		}
		text := strings.Join(paras[h:end], "\n\n")
		colon := strings.Index(text, ":")
		s := article.Section{Text: text, EventTypes: []string{}, Officials: []article.Official{}}
		if us := findUnits(text[:colon], home, 1); len(us) > 0 {
			s.Unit = us[0].unit
		}
		lead := paras[h][colon+1:]
		s.EventDate = eventDate(lead, published)
		s.EventTypes = eventTypes("", lead, text)
		s.Officials = officials(text, p, s.Unit.Name, nil)
		out = append(out, s)
	}
	return out
}
