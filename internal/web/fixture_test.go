package web

import (
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/vksnews/vksnews/index"
	"github.com/vksnews/vksnews/internal/article"
)

// indexTemplates builds each distinct test index once per test binary and
// gives every test its own copy of it. Indexing a few hundred articles takes
// about two seconds under -race, and some twenty tests need the same
// corpus; copying the directory takes milliseconds and keeps each test
// isolated, so a test that writes to its index cannot change another's.
var indexTemplates = struct {
	mu   sync.Mutex
	root string            // set by TestMain
	dirs map[string]string // corpus key -> built and closed index directory
}{dirs: map[string]string{}}

func TestMain(m *testing.M) {
	root, err := os.MkdirTemp("", "vksnews-web-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	indexTemplates.root = root
	code := m.Run()
	os.RemoveAll(root)
	os.Exit(code)
}

// openIndexOf opens a fresh copy of the index of arts, closed when the test
// ends. key names the corpus: the same key must always mean the same arts.
func openIndexOf(t testing.TB, key string, arts []article.Article) *index.Index {
	t.Helper()
	src, err := indexTemplate(key, arts)
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "index")
	if err := os.CopyFS(dir, os.DirFS(src)); err != nil {
		t.Fatalf("copy index template %s: %v", key, err)
	}
	ix, err := index.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	return ix
}

// indexTemplate returns the directory of the built index for key, building
// it on first use.
func indexTemplate(key string, arts []article.Article) (string, error) {
	indexTemplates.mu.Lock()
	defer indexTemplates.mu.Unlock()
	if dir, ok := indexTemplates.dirs[key]; ok {
		return dir, nil
	}
	dir := filepath.Join(indexTemplates.root, fmt.Sprintf("t%d", len(indexTemplates.dirs)))
	ix, err := index.Open(dir)
	if err != nil {
		return "", err
	}
	for i := 0; i < len(arts); i += 500 {
		if err := ix.Put(arts[i:min(i+500, len(arts))]...); err != nil {
			ix.Close()
			return "", fmt.Errorf("build index template %s: %w", key, err)
		}
	}
	if err := ix.Close(); err != nil {
		return "", fmt.Errorf("build index template %s: %w", key, err)
	}
	indexTemplates.dirs[key] = dir
	return dir, nil
}
