package index

import (
	"context"
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/vksnews/vksnews/internal/synthcorpus"

	"golang.org/x/text/unicode/norm"

	"github.com/vksnews/vksnews/internal/article"
	"github.com/vksnews/vksnews/internal/filter"
)

func mustSearch(t *testing.T, ix *Index, req Request) Result {
	t.Helper()
	res, err := ix.Search(context.Background(), req)
	if err != nil {
		t.Fatalf("search %+v: %v", req, err)
	}
	return res
}

func ids(res Result) []string {
	out := []string{}
	for _, h := range res.Hits {
		out = append(out, h.Article.ID)
	}
	return out
}

func sorted(xs []string) []string {
	xs = slices.Clone(xs)
	slices.Sort(xs)
	return xs
}

func date(s string) *article.Date {
	d, err := article.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return &d
}

func TestFilters(t *testing.T) {
	ix := openCorpus(t)
	utc := time.UTC
	cases := []struct {
		name  string
		query string
		f     filter.Filters
		loc   *time.Location
		want  []string
	}{
		{"province_now folded", "", filter.Filters{ProvinceNow: "vinh long"}, nil, []string{"bt1", "tv1"}},
		{"province_now of the own unit", "", filter.Filters{ProvinceNow: "KHÁNH HOÀ"}, nil, []string{"kh1", "kh2"}},
		{"mentions_province_now", "", filter.Filters{MentionsProvinceNow: "khanh hoa"}, nil, []string{"kh1", "kh2"}},
		{"province before the merger", "", filter.Filters{Province: "Trà Vinh"}, nil, []string{"tv1"}},
		{"province of a second unit is not the own", "", filter.Filters{Province: "ninh thuan"}, nil, []string{}},
		{"mentions_province of a second unit", "", filter.Filters{MentionsProvince: "ninh thuan"}, nil, []string{"kh2"}},
		{"mentions_province of the own unit", "", filter.Filters{MentionsProvince: "Trà Vinh"}, nil, []string{"tv1"}},
		{"level of a second unit is not the own", "", filter.Filters{Level: "tinh", Province: "Khánh Hòa"}, nil, []string{"kh1"}},
		{"mentions_level", "", filter.Filters{MentionsLevel: "tinh", MentionsProvinceNow: "Khánh Hòa"}, nil, []string{"kh1", "kh2"}},
		{"mentions_unit", "", filter.Filters{MentionsUnit: "VKSND tỉnh Ninh Thuận"}, nil, []string{"kh2"}},
		{"unit is the own", "", filter.Filters{Unit: "VKSND tỉnh Ninh Thuận"}, nil, []string{}},
		{"province alias", "", filter.Filters{Province: "TP. Hồ Chí Minh"}, nil, []string{"hcm1", "hcm2"}},
		{"level", "", filter.Filters{Level: "khu_vuc"}, nil, []string{"ct2", "kh2"}},
		{"unit", "", filter.Filters{Unit: "vksnd tinh khanh hoa"}, nil, []string{"kh1"}},
		{"event type", "", filter.Filters{EventType: "phien_toa_rut_kinh_nghiem"}, nil, []string{"ct1", "ct2"}},
		{"official", "", filter.Filters{Official: "vo khoi tuan"}, nil, []string{"kh1", "kh2"}},
		{"portal", "", filter.Filters{Portal: "KhanhHoa"}, nil, []string{"kh1", "kh2"}},
		{"query and filter", "hội nghị", filter.Filters{Portal: "khanhhoa"}, nil, []string{"kh1"}},
		{"year", "", filter.Filters{From: date("2025-01-01"), To: date("2025-12-31")}, nil, []string{"ct1", "ct2", "dn1", "kh2", "tc1"}},
		{"from only", "", filter.Filters{From: date("2025-12-01")}, nil, []string{"kh1", "kh2"}},
		{"to only", "", filter.Filters{To: date("2023-06-19")}, nil, []string{"hcm2", "qn1"}},
		{"event date when unpublished", "", filter.Filters{From: date("2023-06-19"), To: date("2023-06-19")}, nil, []string{"hcm2"}},
		{"published day in Vietnam", "", filter.Filters{From: date("2024-06-01"), To: date("2024-06-01")}, nil, []string{"tv1"}},
		{"published day in UTC", "", filter.Filters{From: date("2024-06-01"), To: date("2024-06-01")}, utc, []string{}},
		{"published day in UTC, day before", "", filter.Filters{From: date("2024-05-31"), To: date("2024-05-31")}, utc, []string{"tv1"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res := mustSearch(t, ix, Request{Query: c.query, Filters: c.f, Location: c.loc, Size: 100})
			if got := sorted(ids(res)); !reflect.DeepEqual(got, sorted(c.want)) {
				t.Errorf("got %v, want %v", got, c.want)
			}
			if res.Total != uint64(len(c.want)) {
				t.Errorf("total %d, want %d", res.Total, len(c.want))
			}
		})
	}
}

func TestFacets(t *testing.T) {
	ix := openCorpus(t)
	res := mustSearch(t, ix, Request{Facets: true})
	if res.Total != 12 {
		t.Fatalf("total %d, want 12", res.Total)
	}
	want := map[string][]FacetValue{
		// The own unit's level: kh2 is regional, though it names a provincial unit.
		"level":    {{"tinh", 9}, {"khu_vuc", 2}, {"toi_cao", 1}},
		"official": {{"Võ Khôi Tuân", 2}, {"Nguyễn Huy Tiến", 1}, {"Nguyễn Thị Hương", 1}, {"Trần Văn Hùng", 1}},
		"event_type": {{"phien_toa_rut_kinh_nghiem", 2}, {"tap_huan", 2}, {"doan_the", 1}, {"hoi_nghi_can_bo", 1},
			{"khac", 1}, {"kiem_sat_truc_tiep", 1}, {"phoi_hop", 1}, {"thi_dua_khen_thuong", 1}, {"trien_khai_cong_tac", 1}, {"tuyen_truyen", 1}},
		"province_now": {{"Khánh Hòa", 2}, {"Cần Thơ", 2}, {"Hồ Chí Minh", 2}, {"Vĩnh Long", 2},
			{"Quảng Ninh", 1}, {"Đà Nẵng", 1}, {"Đồng Nai", 1}},
	}
	sortFacet(want["province_now"])
	for name, w := range want {
		if !reflect.DeepEqual(res.Facets[name], w) {
			t.Errorf("facet %s = %v, want %v", name, res.Facets[name], w)
		}
	}
	if u := res.Facets["unit"]; len(u) == 0 || u[0] != (FacetValue{"VKSND Thành phố Hồ Chí Minh", 2}) {
		t.Errorf("unit facet = %v, want VKSND Thành phố Hồ Chí Minh first with 2", u)
	}
	if mu := res.Facets["mentions_unit"]; !slices.Contains(mu, FacetValue{"VKSND tỉnh Ninh Thuận", 1}) || len(mu) != 12 {
		t.Errorf("mentions_unit facet = %v, want the 11 own units and VKSND tỉnh Ninh Thuận", mu)
	}
	if m := res.Facets["month"]; len(m) != 12 {
		t.Errorf("month facet = %v, want 12 months", m)
	}

	// The facets count what the query and filters match.
	res = mustSearch(t, ix, Request{Query: "phiên tòa", Filters: filter.Filters{ProvinceNow: "Cần Thơ"}, Facets: true})
	if got := res.Facets["month"]; !reflect.DeepEqual(got, []FacetValue{{"2025-09", 1}, {"2025-10", 1}}) {
		t.Errorf("month facet = %v", got)
	}
	if got := res.Facets["level"]; !reflect.DeepEqual(got, []FacetValue{{"khu_vuc", 1}, {"tinh", 1}}) {
		t.Errorf("level facet = %v", got)
	}

	// The month is the month of the article's date in the request's zone:
	// tv1 was published on 1 June at 03:00 in Vietnam, 31 May in UTC.
	for _, c := range []struct {
		loc  *time.Location
		want string
	}{{nil, "2024-06"}, {time.UTC, "2024-05"}} {
		res := mustSearch(t, ix, Request{Query: "trà vinh", Facets: true, Location: c.loc})
		if got := res.Facets["month"]; !reflect.DeepEqual(got, []FacetValue{{c.want, 1}}) {
			t.Errorf("month facet in %v = %v, want %s", c.loc, got, c.want)
		}
	}
}

func TestSortAndPaging(t *testing.T) {
	ix := openCorpus(t)
	newest := []string{"kh1", "kh2", "ct2", "ct1", "dn1", "tc1", "dnai1", "tv1", "hcm1", "bt1", "hcm2", "qn1"}
	if got := ids(mustSearch(t, ix, Request{Sort: SortDate, Size: 100})); !reflect.DeepEqual(got, newest) {
		t.Errorf("by date: %v, want %v", got, newest)
	}
	for _, sort := range []string{SortDate, SortRelevance} {
		all := ids(mustSearch(t, ix, Request{Sort: sort, Size: 100}))
		var paged []string
		for page := 1; page <= 3; page++ {
			res := mustSearch(t, ix, Request{Sort: sort, Page: page, Size: 5})
			if res.Total != 12 {
				t.Errorf("page %d: total %d", page, res.Total)
			}
			paged = append(paged, ids(res)...)
		}
		if !reflect.DeepEqual(paged, all) {
			t.Errorf("%s: pages %v, want %v", sort, paged, all)
		}
	}
	// A query by date still only returns matches, newest first.
	if got := ids(mustSearch(t, ix, Request{Query: "phien toa", Sort: SortDate})); !reflect.DeepEqual(got, []string{"ct2", "ct1", "dn1", "hcm2"}) {
		t.Errorf("phien toa by date: %v", got)
	}
	if got := mustSearch(t, ix, Request{}); len(got.Hits) != 12 || got.Took <= 0 {
		t.Errorf("default size: %d hits, took %v", len(got.Hits), got.Took)
	}
}

func TestBadRequests(t *testing.T) {
	ix := openCorpus(t)
	cases := []struct {
		name string
		req  Request
		msg  string
	}{
		{"size -1", Request{Size: -1}, "size"},
		{"size 101", Request{Size: 101}, "size"},
		{"page -1", Request{Page: -1}, "page"},
		{"page 1e9", Request{Page: 1e9}, "page"},
		{"past the window", Request{Page: 101, Size: 100}, "10000"},
		{"sort", Request{Sort: "title"}, "sort"},
		{"level", Request{Filters: filter.Filters{Level: "xa"}}, "level"},
		{"event type", Request{Filters: filter.Filters{EventType: "party"}}, "event_type"},
		{"province", Request{Filters: filter.Filters{Province: "Atlantis"}}, "province"},
		{"province_now", Request{Filters: filter.Filters{ProvinceNow: "Atlantis"}}, "province_now"},
		{"dates", Request{Filters: filter.Filters{From: date("2025-02-01"), To: date("2025-01-01")}}, "before"},
		{"query", Request{Query: `"open`}, "quote"},
		{"long query", Request{Query: strings.Repeat("x", 10000)}, "characters"},
	}
	for _, c := range cases {
		_, err := ix.Search(context.Background(), c.req)
		if !errors.Is(err, ErrBadRequest) || !strings.Contains(err.Error(), c.msg) {
			t.Errorf("%s: error %v, want ErrBadRequest about %q", c.name, err, c.msg)
		}
	}
	// The largest allowed window is fine.
	if _, err := ix.Search(context.Background(), Request{Page: 100, Size: 100}); err != nil {
		t.Errorf("page 100 size 100: %v", err)
	}
}

func TestHighlights(t *testing.T) {
	ix := openCorpus(t)
	nfd := article.Article{ID: "nfd", Portal: "x",
		Title: norm.NFD.String("Khánh Hòa <b> & VKSND"),
		Body:  norm.NFD.String("Đoạn một nói về Viện kiểm sát nhân dân tỉnh Khánh Hòa & <script>.") + "\n\n" + strings.Repeat("chữ ", 200) + norm.NFD.String("Cuối cùng là Khánh Hoà."),
	}
	if err := ix.Put(nfd); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		query, id, field string
		want             []string
	}{
		{"khanh hoa", "kh1", "title", []string{"VKSND tỉnh <mark>Khánh</mark> <mark>Hòa</mark> tổ chức Hội nghị công chức, người lao động năm 2026"}},
		{"vksnd khánh hòa", "nfd", "title", []string{norm.NFD.String("<mark>Khánh</mark> <mark>Hòa</mark> &lt;b&gt; &amp; <mark>VKSND</mark>")}},
		{"vksnd khánh hòa", "nfd", "body", []string{
			norm.NFD.String("Đoạn một nói về <mark>Viện kiểm sát nhân dân</mark> tỉnh <mark>Khánh</mark> <mark>Hòa</mark> &amp; &lt;script&gt;.") + "\n\n" + strings.Repeat("chữ ", 20) + "chữ…",
			"…" + strings.TrimSpace(strings.Repeat("chữ ", 6)) + norm.NFD.String(" Cuối cùng là <mark>Khánh</mark> <mark>Hoà</mark>."),
		}},
		{`"phien toa rut kinh nghiem"`, "ct2", "title", []string{"VKSND khu vực 2 – Cần Thơ tổ chức <mark>phiên</mark> <mark>tòa</mark> <mark>rút</mark> <mark>kinh</mark> <mark>nghiệm</mark> vụ án dân sự"}},
		// "hòa" typed with its mark marks hòa, not hóa.
		{"hòa", "dnai1", "body", nil},
		{"hoa", "dnai1", "title", []string{"Đẩy mạnh chuyển đổi số, số <mark>hóa</mark> hồ sơ vụ án tại VKSND tỉnh Đồng Nai"}},
	}
	for _, c := range cases {
		res := mustSearch(t, ix, Request{Query: c.query, Size: 100})
		i := slices.IndexFunc(res.Hits, func(h Hit) bool { return h.Article.ID == c.id })
		if i < 0 {
			t.Errorf("%q: %s not found", c.query, c.id)
			continue
		}
		if got := res.Hits[i].Highlights[c.field]; !reflect.DeepEqual(got, c.want) {
			t.Errorf("%q %s %s:\n got %q\nwant %q", c.query, c.id, c.field, got, c.want)
		}
	}
}

func TestPutDeleteForEach(t *testing.T) {
	dir := t.TempDir()
	ix, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	as := corpus()
	if err := ix.Put(as...); err != nil {
		t.Fatal(err)
	}
	changed := as[0]
	changed.Title = "Tiêu đề mới về hòa giải"
	if err := ix.Put(changed); err != nil {
		t.Fatal(err)
	}
	if err := ix.Delete("qn1", "unknown"); err != nil {
		t.Fatal(err)
	}
	if err := ix.Put(article.Article{Title: "no id"}); err == nil {
		t.Error("Put of an article without ID succeeded")
	}
	// Reopen: the changes are durable.
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	if ix, err = Open(dir); err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if n, err := ix.Count(); err != nil || n != 11 {
		t.Fatalf("Count = %d, %v; want 11", n, err)
	}
	want := map[string]string{}
	for _, a := range append(as[1:], changed) {
		if a.ID != "qn1" {
			h, err := article.ContentHash(a)
			if err != nil {
				t.Fatal(err)
			}
			want[a.ID] = h
		}
	}
	got := map[string]string{}
	if err := ix.ForEachID(func(id, hash string) error { got[id] = hash; return nil }); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("ForEachID = %v, want %v", got, want)
	}
	stop := errors.New("stop")
	if err := ix.ForEachID(func(string, string) error { return stop }); !errors.Is(err, stop) {
		t.Errorf("ForEachID error = %v, want the callback's", err)
	}
	res := mustSearch(t, ix, Request{Query: "hòa giải"})
	if len(res.Hits) != 1 {
		t.Fatalf("search after replace: %d hits", len(res.Hits))
	}
	if h, err := article.ContentHash(res.Hits[0].Article); err != nil || h != want[changed.ID] {
		t.Errorf("stored article after replace differs: %+v", res.Hits[0].Article)
	}
}

func TestForEachIDPages(t *testing.T) {
	ix, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	// A page of 7 makes 30 documents cross four page boundaries and end
	// on a partial page.
	ix.idPage = 7
	as := synthcorpus.Articles(30, 3)
	if err := ix.Put(as...); err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	if err := ix.ForEachID(func(id, hash string) error {
		if seen[id] || hash == "" {
			t.Errorf("id %s seen twice or without hash", id)
		}
		seen[id] = true
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if len(seen) != len(as) {
		t.Errorf("ForEachID saw %d ids, want %d", len(seen), len(as))
	}
}

func TestOpenLocked(t *testing.T) {
	dir := t.TempDir()
	ix, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	start := time.Now()
	second, err := Open(dir)
	if err == nil {
		second.Close()
		t.Fatal("second Open of a held index succeeded")
	}
	if !errors.Is(err, ErrLocked) {
		t.Errorf("second Open: %v, want ErrLocked", err)
	}
	if d := time.Since(start); d > 3*time.Second {
		t.Errorf("second Open took %v", d)
	}
}

func TestCanceledSearch(t *testing.T) {
	ix := openCorpus(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := ix.Search(ctx, Request{Query: "khanh hoa"}); err == nil {
		t.Error("search with a canceled context succeeded")
	}
}
