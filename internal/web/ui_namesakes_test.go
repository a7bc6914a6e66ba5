package web

import (
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/vksnews/vksnews/internal/article"
)

// namesakeName is shared by two people: one who worked in Khánh Hòa and
// then at the Supreme procuracy (a title links the two), one in Hà Tĩnh.
const namesakeName = "Đặng Quốc Việt"

func namesakeArticles() []article.Article {
	kh := article.Unit{Name: "VKSND tỉnh Khánh Hòa", Level: article.LevelTinh, Province: "Khánh Hòa", ProvinceNow: "Khánh Hòa"}
	kv := article.Unit{Name: "VKSND khu vực 1 – Khánh Hòa", Level: article.LevelKhuVuc, Province: "Khánh Hòa", ProvinceNow: "Khánh Hòa"}
	ht := article.Unit{Name: "VKSND tỉnh Hà Tĩnh", Level: article.LevelTinh, Province: "Hà Tĩnh", ProvinceNow: "Hà Tĩnh"}
	tc := article.Unit{Name: "VKSND tối cao", Level: article.LevelToiCao}
	mk := func(id string, y int, m time.Month, u article.Unit, title string) article.Article {
		pub := time.Date(y, m, 10, 9, 0, 0, 0, vietnam)
		return article.Article{ID: article.IDFor("https://namesake.example/" + id), URL: "https://namesake.example/" + id,
			Portal: "namesake", Title: "Tin " + id + " của " + u.Name, Published: &pub, Unit: u, Units: []article.Unit{u},
			Officials: []article.Official{{Name: namesakeName, Title: title, Unit: u.Name}}, EventTypes: []string{article.EventKhac},
			Body: "Đồng chí " + namesakeName + ", " + title + " " + u.Name + " phát biểu.", FetchedAt: pub}
	}
	return []article.Article{
		mk("kh-2024", 2024, 3, kh, "Phó Viện trưởng"),
		mk("kv-2025", 2025, 7, kv, "Viện trưởng"),
		mk("ht-2025", 2025, 1, ht, "Kiểm sát viên"),
		mk("tc-2026", 2026, 1, tc, "Vụ trưởng, nguyên Viện trưởng VKSND khu vực 1 – Khánh Hòa"),
	}
}

func TestUIOfficialNamesakes(t *testing.T) {
	tu := newTestUI(t, 20)
	code, _, body := tu.get(t, "/officials/"+url.PathEscape(namesakeName))
	if code != 200 {
		t.Fatalf("status %d", code)
	}
	if !strings.Contains(body, "Có 2 người cùng tên") {
		t.Fatalf("namesakes not told apart:\n%s", shortBody(body))
	}
	persons := regexp.MustCompile(`(?s)<section class="person" data-person="\d">(.*?)</section>`).FindAllStringSubmatch(body, -1)
	if len(persons) != 2 {
		t.Fatalf("%d person sections, want 2", len(persons))
	}
	// The Khánh Hòa person, linked to the Supreme procuracy by a title,
	// has three articles and a career in time order.
	first := persons[0][1]
	if !strings.Contains(first, "Khánh Hòa") || !strings.Contains(first, "VKSND tối cao") || strings.Count(first, `<li><a href="/articles/`) != 3 {
		t.Errorf("first person:\n%s", first)
	}
	steps := regexp.MustCompile(`<span class="when">([^<]+)</span>\s*<strong>([^<]+)</strong>`).FindAllStringSubmatch(first, -1)
	var titles []string
	for _, s := range steps {
		titles = append(titles, s[2])
	}
	if want := "Phó Viện trưởng|Viện trưởng|Vụ trưởng, nguyên Viện trưởng VKSND khu vực 1 – Khánh Hòa"; strings.Join(titles, "|") != want {
		t.Errorf("career %q, want %q", titles, want)
	}
	second := persons[1][1]
	if !strings.Contains(second, "Hà Tĩnh") || strings.Contains(second, "Khánh Hòa") || !strings.Contains(second, "Kiểm sát viên") {
		t.Errorf("second person:\n%s", second)
	}
}
