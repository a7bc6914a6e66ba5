package index

import (
	"regexp"
	"strings"
	"testing"

	"github.com/vksnews/vksnews/internal/synthcorpus"

	"github.com/vksnews/vksnews/internal/article"
	"github.com/vksnews/vksnews/internal/vntext"
)

var markTags = regexp.MustCompile(`</?mark>`)

// plainFragment is a fragment's text without marks and ellipses.
func plainFragment(f string) string {
	return strings.Trim(markTags.ReplaceAllString(f, ""), "… ")
}

// TestSnippetInvariants checks every fragment of many searches over the
// synthetic corpus: windows never overlap, cuts fall between words, no
// fragment repeats another, and none repeats the title.
func TestSnippetInvariants(t *testing.T) {
	arts := synthcorpus.Articles(300, 11)
	queries := []string{"tập huấn", "kiểm sát", "vien kiem sat", "hội nghị", "đồng chí", "phiên tòa rút kinh nghiệm", "năm"}
	checked := 0
	for _, q := range queries {
		pq, err := ParseQuery(q)
		if err != nil {
			t.Fatal(err)
		}
		m := newMarker(pq)
		for _, a := range arts {
			from := titleEnd(a.Body, a.Title)
			sp := m.bodySpans(a.Body, from)
			ws := windows(a.Body, from, sp)
			for k, w := range ws {
				if k > 0 && w.from < ws[k-1].to {
					t.Errorf("%q in %s: window %d starts at %d, inside window %d ending at %d", q, a.ID, k, w.from, k-1, ws[k-1].to)
				}
				if w.from > 0 && !strings.ContainsRune(" \n", rune(a.Body[w.from-1])) {
					t.Errorf("%q in %s: window %d starts inside a word: %q", q, a.ID, k, a.Body[max(0, w.from-10):w.from+10])
				}
				if w.to < len(a.Body) && !strings.ContainsRune(" \n", rune(a.Body[w.to])) {
					t.Errorf("%q in %s: window %d ends inside a word: %q", q, a.ID, k, a.Body[w.to-10:min(len(a.Body), w.to+10)])
				}
			}
			seen := map[string]bool{}
			for _, f := range m.highlights(a)["body"] {
				p := plainFragment(f)
				if seen[p] {
					t.Errorf("%q in %s: fragment repeated: %q", q, a.ID, p)
				}
				seen[p] = true
				if vntext.Fold(p) == vntext.Fold(a.Title) {
					t.Errorf("%q in %s: fragment repeats the title", q, a.ID)
				}
				checked++
			}
		}
	}
	if checked < 100 {
		t.Errorf("only %d fragments checked", checked)
	}
}

func TestSnippetCases(t *testing.T) {
	title := "VKSND tỉnh Khánh Hòa tập huấn kỹ năng kiểm sát án hành chính"
	rep := strings.Repeat("Đơn vị tổ chức tập huấn kỹ năng kiểm sát án hành chính; ", 6)
	tests := []struct {
		name, q, title, body string
		check                func(t *testing.T, frags []string)
	}{
		{"title printed again at the top", "tập huấn", title,
			title + "\n\nNgày 05/3/2026, đồng chí Trần Văn A chủ trì buổi tập huấn cho công chức toàn ngành.",
			func(t *testing.T, frags []string) {
				if len(frags) != 1 || strings.Contains(plainFragment(frags[0]), "Khánh Hòa tập huấn kỹ năng") ||
					!strings.HasPrefix(frags[0], "Ngày 05/3/2026") {
					t.Errorf("fragments %q", frags)
				}
			}},
		{"close matches merge into one fragment", "tập huấn", "Tin", rep,
			func(t *testing.T, frags []string) {
				joined := strings.Join(frags, " ")
				for _, f := range frags {
					p := plainFragment(f)
					if strings.Count(joined, p) > 1 {
						t.Errorf("fragment %q shows twice in %q", p, frags)
					}
				}
			}},
		{"fragments start at a sentence", "đồng chí", "Tin",
			strings.Repeat("Một câu dài không liên quan gì đến truy vấn cả. ", 4) + "Đồng chí Nguyễn Văn B phát biểu. " + strings.Repeat("Thêm chữ. ", 40),
			func(t *testing.T, frags []string) {
				if len(frags) == 0 || !strings.HasPrefix(frags[0], "<mark>Đồng</mark> <mark>chí</mark>") {
					t.Errorf("fragments %q", frags)
				}
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pq, err := ParseQuery(tt.q)
			if err != nil {
				t.Fatal(err)
			}
			tt.check(t, newMarker(pq).highlights(article.Article{Title: tt.title, Body: tt.body})["body"])
		})
	}
}
