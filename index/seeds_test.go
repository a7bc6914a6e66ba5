package index

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vksnews/vksnews/internal/article"
	"github.com/vksnews/vksnews/internal/normalize"
	"github.com/vksnews/vksnews/internal/vntext"
)

// seedsDir finds shared/seeds beside the repository root, walking up from
// the package directory.
func seedsDir(t *testing.T) string {
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			seeds := filepath.Join(filepath.Dir(dir), "shared", "seeds")
			if st, err := os.Stat(seeds); err == nil && st.IsDir() {
				return seeds
			}
			t.Skip("no shared/seeds beside the repository")
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Skip("repository root not found")
		}
		dir = parent
	}
}

// TestSeeds indexes the real pages as bodies and searches, for each, a
// passage of its longest paragraph as a phrase, accented and folded: the
// page it comes from must be found, and every page found must have each
// syllable pair of it.
func TestSeeds(t *testing.T) {
	dir := seedsDir(t)
	files, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil || len(files) == 0 {
		t.Skipf("no seeds in %s", dir)
	}
	ix, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	phrases := map[string]string{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		text := normalize.Text(string(b))
		title, _, _ := strings.Cut(text, "\n")
		id := strings.TrimSuffix(filepath.Base(f), ".txt")
		if err := ix.Put(article.Article{ID: id, Title: title, Body: text}); err != nil {
			t.Fatal(err)
		}
		longest := ""
		for _, p := range strings.Split(text, "\n") {
			if len(p) > len(longest) {
				longest = p
			}
		}
		words := strings.Fields(longest)
		if len(words) < 12 {
			continue
		}
		phrases[id] = strings.Trim(strings.Join(words[4:10], " "), ",.;:")
	}
	for id, p := range phrases {
		for _, q := range []string{`"` + p + `"`, `"` + vntext.Key(p) + `"`} {
			res, err := ix.Search(context.Background(), Request{Query: q})
			if err != nil {
				t.Fatal(err)
			}
			found := false
			for _, h := range res.Hits {
				found = found || h.Article.ID == id
				// A phrase is answered by its syllable pairs, which may
				// occur apart: every page found has every pair.
				body := syllables(h.Article.Body)
				for _, pair := range pairs(p) {
					if !strings.Contains(body, pair) {
						t.Errorf("%s: %s lacks %q", q, h.Article.ID, pair)
					}
				}
				if len(h.Highlights["body"]) == 0 {
					t.Errorf("%s: %s has no body highlight", q, h.Article.ID)
				}
			}
			if !found {
				t.Errorf("%s: %s not among %d hits", q, id, res.Total)
			}
		}
	}
}

// syllables is text as the phrase search sees it: its folded terms with
// abbreviations collapsed, punctuation gone, space-separated and padded.
func syllables(text string) string {
	var b strings.Builder
	b.WriteByte(' ')
	for _, tk := range queryTokens(text) {
		b.WriteString(tk.folded)
		b.WriteByte(' ')
	}
	return b.String()
}

// pairs returns the padded syllable pairs of a phrase.
func pairs(phrase string) []string {
	toks := queryTokens(phrase)
	var out []string
	for i := 0; i+1 < len(toks); i++ {
		out = append(out, " "+toks[i].folded+" "+toks[i+1].folded+" ")
	}
	return out
}
