package normalize

import (
	"testing"

	"github.com/vksnews/vksnews/internal/article"
)

func TestProvinceTables(t *testing.T) {
	if n := len(Provinces()); n != 63 {
		t.Errorf("Provinces() has %d entries, want 63", n)
	}
	if n := len(ProvincesNow()); n != 34 {
		t.Errorf("ProvincesNow() has %d entries, want 34: %v", n, ProvincesNow())
	}
	merged := map[string]string{
		"Trà Vinh": "Vĩnh Long", "Bến Tre": "Vĩnh Long", "Hậu Giang": "Cần Thơ", "Sóc Trăng": "Cần Thơ",
		"Ninh Thuận": "Khánh Hòa", "Khánh Hoà": "Khánh Hòa", "Thừa Thiên - Huế": "Huế", "Hà Giang": "Tuyên Quang",
		"Bình Dương": "Hồ Chí Minh", "Bà Rịa – Vũng Tàu": "Hồ Chí Minh", "Quảng Nam": "Đà Nẵng",
		"Kon Tum": "Quảng Ngãi", "Bình Định": "Gia Lai", "Phú Yên": "Đắk Lắk", "Đắk Nông": "Lâm Đồng",
		"Bình Thuận": "Lâm Đồng", "Long An": "Tây Ninh", "Tiền Giang": "Đồng Tháp", "Kiên Giang": "An Giang",
		"Bạc Liêu": "Cà Mau", "Hòa Bình": "Phú Thọ", "Vĩnh Phúc": "Phú Thọ", "Hà Nam": "Ninh Bình",
		"Nam Định": "Ninh Bình", "Thái Bình": "Hưng Yên", "Hải Dương": "Hải Phòng", "Bắc Giang": "Bắc Ninh",
		"Bắc Kạn": "Thái Nguyên", "Yên Bái": "Lào Cai", "Quảng Bình": "Quảng Trị", "Bình Phước": "Đồng Nai",
		"Cao Bằng": "Cao Bằng", "TP. Hồ Chí Minh": "Hồ Chí Minh",
	}
	for old, want := range merged {
		if got, ok := ProvinceNow(old); !ok || got != want {
			t.Errorf("ProvinceNow(%q) = %q, %v; want %q", old, got, ok, want)
		}
	}
	if _, ok := ProvinceNow("Atlantis"); ok {
		t.Error("ProvinceNow(Atlantis) ok, want not found")
	}
}

func TestUnit(t *testing.T) {
	kh := Portal{Name: "khanhhoa", Unit: "VKSND tỉnh Khánh Hòa"}
	tv := Portal{Name: "travinh", Unit: "VKSND tỉnh Trà Vinh"}
	none := Portal{}
	u := func(name, level, prov, now string) article.Unit {
		return article.Unit{Name: name, Level: level, Province: prov, ProvinceNow: now}
	}
	tests := []struct {
		text string
		p    Portal
		want article.Unit
		ok   bool
	}{
		{"VKSND tỉnh Khánh Hòa", none, u("VKSND tỉnh Khánh Hòa", "tinh", "Khánh Hòa", "Khánh Hòa"), true},
		{"Viện kiểm sát nhân dân khu vực 1 – Khánh Hòa tổ chức Hội nghị", none, u("VKSND khu vực 1 – Khánh Hòa", "khu_vuc", "Khánh Hòa", "Khánh Hòa"), true},
		{"Viện kiểm sát nhân dân khu vực 1 tổ chức", kh, u("VKSND khu vực 1 – Khánh Hòa", "khu_vuc", "Khánh Hòa", "Khánh Hòa"), true},
		{"Ngày 25/01/2021, VKSND huyện Tiểu Cần tổ chức", none, u("VKSND huyện Tiểu Cần", "huyen", "Trà Vinh", "Vĩnh Long"), true},
		{"VKSND cấp cao tại Đà Nẵng tổ chức Hội nghị", none, u("VKSND cấp cao tại Đà Nẵng", "cap_cao", "Đà Nẵng", "Đà Nẵng"), true},
		{"Viện cấp cao 2 đã chỉ đạo", none, u("VKSND cấp cao tại Đà Nẵng", "cap_cao", "Đà Nẵng", "Đà Nẵng"), true},
		{"VKSND cấp cao tại TP Hồ Chí Minh", none, u("VKSND cấp cao tại TP Hồ Chí Minh", "cap_cao", "Hồ Chí Minh", "Hồ Chí Minh"), true},
		{"VKS quân sự Quân khu 5.", none, u("VKS quân sự Quân khu 5", "quan_su", "", ""), true},
		{"Viện kiểm sát quân sự Trung ương", none, u("VKS quân sự Trung ương", "quan_su", "", ""), true},
		{"Viện trưởng VKSND tối cao", none, u("VKSND tối cao", "toi_cao", "", ""), true},
		{"theo chỉ đạo của VKSNDTC", none, u("VKSND tối cao", "toi_cao", "", ""), true},
		{"Viện KSND tỉnh Trà Vinh công nhận", none, u("VKSND tỉnh Trà Vinh", "tinh", "Trà Vinh", "Vĩnh Long"), true},
		{"VKSND thành phố Cần Thơ tổ chức", none, u("VKSND thành phố Cần Thơ", "tinh", "Cần Thơ", "Cần Thơ"), true},
		{"Viện trưởng VKSND tỉnh phát biểu", tv, u("VKSND tỉnh Trà Vinh", "tinh", "Trà Vinh", "Vĩnh Long"), true},
		{"VKSND tỉnh Thừa Thiên - Huế", none, u("VKSND tỉnh Thừa Thiên Huế", "tinh", "Thừa Thiên Huế", "Huế"), true},
		{"VKSND thành phố Huế phát động thi đua", none, u("VKSND thành phố Huế", "tinh", "Huế", "Huế"), true},
		{"VKSND quận Ba Đình", none, u("VKSND quận Ba Đình", "huyen", "Hà Nội", "Hà Nội"), true},
		{"VKSND thành phố Nha Trang", none, u("VKSND thành phố Nha Trang", "huyen", "Khánh Hòa", "Khánh Hòa"), true},
		{"Tòa án nhân dân tỉnh Khánh Hòa", none, article.Unit{}, false},
		{"Công an tỉnh Trà Vinh", none, article.Unit{}, false},
		{"VKSND hai cấp", none, article.Unit{}, false},
		{"", none, article.Unit{}, false},
	}
	for _, tt := range tests {
		got, ok := unitOf(tt.text, tt.p)
		if ok != tt.ok || got != tt.want {
			t.Errorf("unitOf(%q) = %+v, %v; want %+v, %v", tt.text, got, ok, tt.want, tt.ok)
		}
	}
}

func TestUnitsList(t *testing.T) {
	got := unitsOf("Cụm thi đua số 3 (gồm VKSND các tỉnh Cao Bằng, Điện Biên, Hà Giang và Lạng Sơn) và VKSND tỉnh Cao Bằng", Portal{})
	want := []string{"VKSND tỉnh Cao Bằng", "VKSND tỉnh Điện Biên", "VKSND tỉnh Hà Giang", "VKSND tỉnh Lạng Sơn"}
	if len(got) != len(want) {
		t.Fatalf("Units = %+v, want names %v", got, want)
	}
	for i := range want {
		if got[i].Name != want[i] {
			t.Errorf("Units[%d] = %q, want %q", i, got[i].Name, want[i])
		}
	}
}

func FuzzUnit(f *testing.F) {
	for _, s := range []string{"VKSND huyện Tiểu Cần", "Viện cấp cao 2", "VKSND khu vực 1 – Khánh Hòa", "VKS quân sự Quân khu 5", "VKSND các tỉnh A, B"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		u, ok := unitOf(s, Portal{Unit: "VKSND tỉnh Khánh Hòa"})
		if ok && u.Level == "" {
			t.Fatalf("unitOf(%q) = %+v without a level", s, u)
		}
		_ = unitsOf(s, Portal{})
	})
}

func TestMilitaryRegional(t *testing.T) {
	for text, want := range map[string]string{
		"Viện kiểm sát quân sự khu vực 52 phối hợp": "VKS quân sự khu vực 52",
		"VKS quân sự Quân khu 9 và":                 "VKS quân sự Quân khu 9",
		"VKS quân sự khu phố":                       "VKS quân sự",
	} {
		u, ok := unitOf(text, Portal{})
		if !ok || u.Name != want || u.Level != "quan_su" || u.Province != "" {
			t.Errorf("unitOf(%q) = %+v, %v; want %q at quan_su with no province", text, u, ok, want)
		}
	}
}

// TestUnitFormsOfThePress covers the forms of issue 11: the press form with
// the abbreviation in brackets, the comma forms of the regional units on
// another province's portal, misspellings, and districts named on the
// portal of another province.
func TestUnitFormsOfThePress(t *testing.T) {
	qt := Portal{Unit: "VKSND tỉnh Quảng Trị"}
	tests := []struct {
		text string
		p    Portal
		want article.Unit
	}{
		{"Viện kiểm sát nhân dân (VKSND) tỉnh Quảng Trị tổ chức", Portal{}, article.Unit{Name: "VKSND tỉnh Quảng Trị", Level: "tinh", Province: "Quảng Trị", ProvinceNow: "Quảng Trị"}},
		{"Viện KSND Khu vực 1, tỉnh Hà Tĩnh làm việc", qt, article.Unit{Name: "VKSND khu vực 1 – Hà Tĩnh", Level: "khu_vuc", Province: "Hà Tĩnh", ProvinceNow: "Hà Tĩnh"}},
		{"VKSND Khu vực 5, tỉnh Quảng Trị", Portal{Unit: "VKSND tỉnh Hà Tĩnh"}, article.Unit{Name: "VKSND khu vực 5 – Quảng Trị", Level: "khu_vuc", Province: "Quảng Trị", ProvinceNow: "Quảng Trị"}},
		{"VKSND Khu vực 5, nơi tổ chức", qt, article.Unit{Name: "VKSND khu vực 5 – Quảng Trị", Level: "khu_vuc", Province: "Quảng Trị", ProvinceNow: "Quảng Trị"}},
		{"Viện kỉểm sát nhân dân (VKSND) Khu vực 5, tỉnh Quảng Trị", Portal{}, article.Unit{Name: "VKSND khu vực 5 – Quảng Trị", Level: "khu_vuc", Province: "Quảng Trị", ProvinceNow: "Quảng Trị"}},
		{"VKSND huyện Châu Thành A", Portal{Unit: "VKSND thành phố Cần Thơ"}, article.Unit{Name: "VKSND huyện Châu Thành A", Level: "huyen", Province: "Hậu Giang", ProvinceNow: "Cần Thơ"}},
		{"VKSND thị xã Long Mỹ", Portal{Unit: "VKSND tỉnh Hậu Giang"}, article.Unit{Name: "VKSND thị xã Long Mỹ", Level: "huyen", Province: "Hậu Giang", ProvinceNow: "Cần Thơ"}},
	}
	for _, tt := range tests {
		if got, _ := unitOf(tt.text, tt.p); got != tt.want {
			t.Errorf("unitOf(%q) = %+v, want %+v", tt.text, got, tt.want)
		}
	}
}

// TestArticleUnitIsTheLeadsActor: a guest's unit in the lead is not the
// article's; the unit that held the event is, before the portal's.
func TestArticleUnitIsTheLeadsActor(t *testing.T) {
	raw := article.Raw{URL: "u", Title: "Hội nghị triển khai công tác năm 2025",
		BodyText: "Ngày 09/01/2025, dự hội nghị có đồng chí Trần Đình Hưng, Phó Viện trưởng VKSND tỉnh Quảng Trị; VKSND huyện Gio Linh đã tổ chức hội nghị triển khai công tác năm 2025 với toàn thể công chức."}
	a := Article(raw, Portal{Unit: "VKSND tỉnh Quảng Trị"})
	if a.Unit.Name != "VKSND huyện Gio Linh" {
		t.Errorf("unit %+v, want VKSND huyện Gio Linh", a.Unit)
	}
	if len(a.Units) != 2 {
		t.Errorf("units %+v, want both units named", a.Units)
	}
}
