package normalize

import (
	"strings"
	"testing"

	"github.com/vksnews/vksnews/internal/article"
)

func TestOfficials(t *testing.T) {
	kh := Portal{Unit: "VKSND tỉnh Khánh Hòa"}
	tests := []struct {
		text    string
		exclude []string
		want    []article.Official
	}{
		{"Tham dự có đồng chí Võ Khôi Tuân, Ủy viên Ban Chấp hành Đảng bộ VKSND tỉnh Khánh Hòa, Viện trưởng VKSND khu vực 1 – Khánh Hòa; các đồng chí Phó Viện trưởng. Sau đó đồng chí Tuân phát biểu.", nil,
			[]article.Official{{Name: "Võ Khôi Tuân", Title: "Ủy viên Ban Chấp hành Đảng bộ VKSND tỉnh Khánh Hòa, Viện trưởng VKSND khu vực 1 – Khánh Hòa", Unit: "VKSND khu vực 1 – Khánh Hòa"}}},
		{"Đ/c Trần Thanh Sơn phát biểu tại Hội nghị", nil, []article.Official{{Name: "Trần Thanh Sơn"}}},
		{"do đồng chí Trần Thanh Sơn – Viện trưởng chủ trì hội nghị", nil, []article.Official{{Name: "Trần Thanh Sơn", Title: "Viện trưởng", Unit: "VKSND tỉnh Khánh Hòa"}}},
		{"có đồng chí Lương Minh Thống, Vụ trưởng Vụ 8 VKSND tối cao (phụ trách Cụm thi đua số 3).", nil,
			[]article.Official{{Name: "Lương Minh Thống", Title: "Vụ trưởng Vụ 8 VKSND tối cao", Unit: "VKSND tối cao"}}},
		{"Đồng chí Lê Minh Hải, Trưởng phòng 1 phát biểu tham luận tại Hội nghị.", nil, []article.Official{{Name: "Lê Minh Hải", Title: "Trưởng phòng 1", Unit: "VKSND tỉnh Khánh Hòa"}}},
		{"Viện trưởng Nguyễn Văn An trao quyết định", nil, []article.Official{{Name: "Nguyễn Văn An", Title: "Viện trưởng", Unit: "VKSND tỉnh Khánh Hòa"}}},
		// A procuracy office with no unit takes the article's (here the
		// portal's); an office of another body does not.
		{"Thẩm phán Nguyễn Văn Bình chủ tọa phiên tòa", nil, []article.Official{{Name: "Nguyễn Văn Bình", Title: "Thẩm phán"}}},
		{"ông Trần Văn Dũng, Chủ tịch UBND xã Long Hồ cho biết", nil, []article.Official{{Name: "Trần Văn Dũng", Title: "Chủ tịch UBND xã Long Hồ"}}},
		{"các đồng chí Nguyễn Văn An, Trần Thị Bình và Lê Văn Cường", nil,
			[]article.Official{{Name: "Nguyễn Văn An"}, {Name: "Trần Thị Bình"}, {Name: "Lê Văn Cường"}}},
		{"cùng dự còn có các đồng chí Đoàn thanh niên, Ban Thanh tra nhân dân", nil, []article.Official{}},
		{"đồng chí Hội nghị và đồng chí Ban Chấp hành", nil, []article.Official{}},
		{"đồng chí Phạm Văn Hùng phát biểu", []string{"Phạm Văn Hùng"}, []article.Official{}},
	}
	for _, tt := range tests {
		got := officialsOf(tt.text, kh, tt.exclude...)
		if len(got) != len(tt.want) {
			t.Errorf("officialsOf(%q) = %+v, want %+v", tt.text, got, tt.want)
			continue
		}
		for i := range got {
			if got[i] != tt.want[i] {
				t.Errorf("officialsOf(%q)[%d] = %+v, want %+v", tt.text, i, got[i], tt.want[i])
			}
		}
	}
}

func FuzzOfficials(f *testing.F) {
	for _, s := range []string{"đồng chí Võ Khôi Tuân, Viện trưởng", "các đồng chí A, B và C", "Viện trưởng Nguyễn Văn An", "Đ/c"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		// No invented official: every name is two or more syllables the
		// text itself gives (names in capitals come back in title case).
		text := strings.ToLower(Text(s))
		for _, o := range officialsOf(s, Portal{}) {
			if indexSpace(o.Name) == len(o.Name) || !strings.Contains(text, strings.ToLower(o.Name)) {
				t.Fatalf("officialsOf(%q) returned invalid name %q", s, o.Name)
			}
		}
	})
}

func indexSpace(s string) int {
	for i := 0; i < len(s); i++ {
		if s[i] == ' ' {
			return i
		}
	}
	return len(s)
}
