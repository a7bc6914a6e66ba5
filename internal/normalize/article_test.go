package normalize

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/vksnews/vksnews/internal/article"
)

// seedsDir finds shared/seeds next to the repository root by walking up from
// the package directory; tests that need it skip when it is absent.
func seedsDir(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Skipf("no working directory: %v", err)
	}
	for {
		for _, cand := range []string{filepath.Join(dir, "shared", "seeds"), filepath.Join(dir, "..", "shared", "seeds")} {
			if fi, err := os.Stat(cand); err == nil && fi.IsDir() {
				return cand
			}
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Skip("shared/seeds not found")
		}
		dir = parent
	}
}

func readSeed(t testing.TB, prefix string) string {
	t.Helper()
	dir := seedsDir(t)
	matches, _ := filepath.Glob(filepath.Join(dir, prefix+"_*.txt"))
	if len(matches) != 1 {
		t.Skipf("seed %s not found in %s", prefix, dir)
	}
	b, err := os.ReadFile(matches[0])
	if err != nil {
		t.Fatalf("read seed: %v", err)
	}
	return string(b)
}

func TestArticleSeeds(t *testing.T) {
	fetched := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	t.Run("004 district, credits", func(t *testing.T) {
		body := readSeed(t, "004")
		raw := article.Raw{URL: "https://vks.travinh.gov.vn/a?x=1", CanonicalURL: "https://vks.travinh.gov.vn/a", Portal: "travinh",
			Title: "VKSND huyện Tiểu Cần triển khai công tác năm 2021", Published: "Thứ hai - 25/01/2021 15:30", BodyText: body, FetchedAt: fetched}
		a := Article(raw, Portal{Name: "travinh", Unit: "VKSND tỉnh Trà Vinh"})
		if a.ID != article.IDFor(raw.CanonicalURL) || a.URL != raw.CanonicalURL {
			t.Errorf("ID/URL = %s %s", a.ID, a.URL)
		}
		if a.Author != "Đoàn Văn Thắng" || a.Source != "Viện KSND huyện Tiểu Cần" {
			t.Errorf("author %q source %q", a.Author, a.Source)
		}
		if strings.Contains(a.Body, "Tác giả bài viết") || strings.Contains(a.Body, "Nguồn tin") {
			t.Errorf("credits left in body: %q", a.Body[len(a.Body)-200:])
		}
		want := article.Unit{Name: "VKSND huyện Tiểu Cần", Level: "huyen", Province: "Trà Vinh", ProvinceNow: "Vĩnh Long"}
		if a.Unit != want {
			t.Errorf("Unit = %+v, want %+v", a.Unit, want)
		}
		if a.Published == nil || !a.Published.Equal(time.Date(2021, 1, 25, 15, 30, 0, 0, HCM())) {
			t.Errorf("Published = %v", a.Published)
		}
		if !a.FetchedAt.Equal(fetched) || a.Portal != "travinh" {
			t.Errorf("FetchedAt %v Portal %q", a.FetchedAt, a.Portal)
		}
	})
	t.Run("003 high-level, boilerplate", func(t *testing.T) {
		body := readSeed(t, "003")
		raw := article.Raw{URL: "https://vkscc2.gov.vn/x", Title: "VKSND cấp cao tại Đà Nẵng tổ chức Hội nghị triển khai công tác năm 2022", Published: "12/01/2022", BodyText: body}
		a := Article(raw, Portal{Name: "caocap2"})
		if a.URL != raw.URL || a.ID != article.IDFor(raw.URL) {
			t.Errorf("fallback URL: %s %s", a.URL, a.ID)
		}
		if a.Author != "Lê Vũ Phong" {
			t.Errorf("Author = %q", a.Author)
		}
		if strings.Contains(a.Body, "Xem với cỡ chữ") || strings.Contains(a.Body, "Tin và hình") {
			t.Errorf("boilerplate left in body")
		}
		if a.Unit.Level != article.LevelCapCao || a.Unit.ProvinceNow != "Đà Nẵng" {
			t.Errorf("Unit = %+v", a.Unit)
		}
		if a.Portal != "caocap2" {
			t.Errorf("Portal = %q", a.Portal)
		}
	})
	t.Run("002 leftcenterrightdel, bare tỉnh", func(t *testing.T) {
		body := readSeed(t, "002")
		a := Article(article.Raw{URL: "u", BodyText: body, Title: "VKSND tỉnh Hậu Giang sơ kết công tác 9 tháng"}, Portal{Name: "haugiang", Unit: "VKSND tỉnh Hậu Giang"})
		if strings.Contains(a.Body, "leftcenterrightdel") {
			t.Error("leftcenterrightdel left in body")
		}
		if a.Unit.Province != "Hậu Giang" || a.Unit.ProvinceNow != "Cần Thơ" || a.Unit.Level != "tinh" {
			t.Errorf("Unit = %+v", a.Unit)
		}
		if a.Published != nil {
			t.Errorf("Published = %v, want nil (no date given)", a.Published)
		}
	})
}

func TestArticleBadInput(t *testing.T) {
	long := strings.Repeat("Viện kiểm sát ", 400)
	raws := []article.Raw{
		{},
		{Title: "Hello world", BodyText: "No Vietnamese here at all.", Published: "yesterday"},
		{Title: long, BodyText: long, Published: "31/02/2024"},
		{Title: "Khánh Hoà", BodyText: "a\r\nb\r\n\r\nc", Published: "12/01/2090"},
	}
	for i, raw := range raws {
		a := Article(raw, Portal{})
		if a.Published != nil {
			t.Errorf("%d: Published = %v, want nil", i, a.Published)
		}
		if a.Units == nil || a.Officials == nil || a.EventTypes == nil || a.Sections == nil {
			t.Errorf("%d: nil slices in %+v", i, a)
		}
		b, err := json.Marshal(a)
		if err != nil {
			t.Fatalf("%d: marshal: %v", i, err)
		}
		if !strings.Contains(string(b), `"units":[]`) && i != 2 {
			t.Errorf("%d: units not encoded as []: %s", i, b)
		}
	}
	if a := Article(raws[3], Portal{}); a.Title != "Khánh Hòa" || a.Body != "a\nb\n\nc" {
		t.Errorf("title %q body %q", a.Title, a.Body)
	}
}

// TestBylines covers the bylines of issue 11: each goes to author, none
// to officials, and the body loses the line.
func TestBylines(t *testing.T) {
	lead := "Ngày 03/3/2025, VKSND tỉnh Hà Tĩnh tổ chức hội nghị. Đồng chí Đặng Quốc Bảo, Viện trưởng VKSND tỉnh Hà Tĩnh chủ trì hội nghị tổng kết.\n\n"
	tests := []struct{ last, author string }{
		{"Tin và hình: Phương Thảo", "Phương Thảo"},
		{"Tác giả bài viết: Thu Trang", "Thu Trang"},
		{"TL (tổng hợp)", "TL (tổng hợp)"},
		{"Nguyễn Hoài Nam", "Nguyễn Hoài Nam"},
		{"Mai Anh - Tuấn Kiệt", "Mai Anh, Tuấn Kiệt"},
		{"THU HIỀN", "THU HIỀN"},
		{"Văn Tùng - Khu vực 5", "Văn Tùng"},
		{"Bài: Phạm Hà\nẢnh: Đức Anh", "Phạm Hà, Đức Anh"},
		{"Nguồn tin: Lê Thu Hà", "Lê Thu Hà"},
		{"Nguồn tin: Văn phòng VKSND tỉnh", ""},
		// Not bylines: a caption, a department, a place.
		{"Toàn cảnh hội nghị", ""},
		{"Ban Biên tập", ""},
		{"Quảng Trị", ""},
	}
	for _, tt := range tests {
		a := Article(article.Raw{URL: "u", Title: "Hội nghị", BodyText: lead + tt.last}, Portal{Unit: "VKSND tỉnh Hà Tĩnh"})
		if a.Author != tt.author {
			t.Errorf("%q: author %q, want %q", tt.last, a.Author, tt.author)
		}
		if tt.author != "" && strings.Contains(a.Body, tt.last) {
			t.Errorf("%q: byline left in the body", tt.last)
		}
		for _, o := range a.Officials {
			if o.Name != "Đặng Quốc Bảo" {
				t.Errorf("%q: official %+v", tt.last, o)
			}
		}
	}
}
