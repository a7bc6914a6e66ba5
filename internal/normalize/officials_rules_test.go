package normalize

import (
	"testing"

	"github.com/vksnews/vksnews/internal/article"
)

// TestOfficialsHardCases covers the forms the labeled set showed the first
// rules missing: a title heading a body before the name, ranks, offices one is
// elected to, lists joined by "và đồng chí", and names that are not persons.
// A rank before an office is not part of the title (issue 11): the office is;
// a rank alone is the title.
func TestOfficialsHardCases(t *testing.T) {
	tests := []struct {
		text string
		want []article.Official
	}{
		{"Tham dự có Chủ tịch UBND xã Hiệp Thạnh Phạm Văn Hùng cùng hơn 200 người dân.",
			[]article.Official{{Name: "Phạm Văn Hùng", Title: "Chủ tịch UBND xã Hiệp Thạnh"}}},
		{"Viện trưởng VKSND tối cao Nguyễn Huy Tiến đã chủ trì buổi tiếp công dân.",
			[]article.Official{{Name: "Nguyễn Huy Tiến", Title: "Viện trưởng VKSND tối cao", Unit: "VKSND tối cao"}}},
		{"Chủ tọa là Thẩm phán Nguyễn Thị Hoài Thu, Phó Chánh án TAND huyện Đức Trọng. Sau đó",
			[]article.Official{{Name: "Nguyễn Thị Hoài Thu", Title: "Thẩm phán, Phó Chánh án TAND huyện Đức Trọng"}}},
		{"đồng chí Đại tá Nguyễn Văn Thuận, Giám đốc Công an tỉnh ký kết Quy chế.",
			[]article.Official{{Name: "Nguyễn Văn Thuận", Title: "Giám đốc Công an tỉnh"}}},
		{"Đồng chí Nguyễn Mạnh Hùng, Viện trưởng VKSND quận và Thượng tá Lê Văn Sơn, Trưởng Công an quận ký kết.",
			[]article.Official{{Name: "Nguyễn Mạnh Hùng", Title: "Viện trưởng VKSND quận"}, {Name: "Lê Văn Sơn", Title: "Trưởng Công an quận"}}},
		{"Tham dự có Đại tá Nguyễn Văn Thuận cùng lãnh đạo các phòng.",
			[]article.Official{{Name: "Nguyễn Văn Thuận", Title: "Đại tá"}}},
		{"Đại hội đã bầu đồng chí Huỳnh Ngọc Trâm được bầu giữ chức Bí thư Chi đoàn. Đại hội",
			[]article.Official{{Name: "Huỳnh Ngọc Trâm", Title: "Bí thư Chi đoàn"}}},
		{"do đồng chí Nguyễn Quang Huy, Bí thư Đoàn Thanh niên VKSND tối cao làm Trưởng đoàn",
			[]article.Official{{Name: "Nguyễn Quang Huy", Title: "Bí thư Đoàn Thanh niên VKSND tối cao", Unit: "VKSND tối cao"}}},
		{"giữa nguyên đơn ông Kim S. và bị đơn bà Thạch Thị P., cùng cư trú", []article.Official{}},
		{"Phó Viện trưởng VKSND huyện Lâm Hà phát biểu", []article.Official{}},
		{"đồng chí Kim Ngọc Thái, Phó Chủ tịch Ủy ban nhân dân tỉnh Trà Vinh.",
			[]article.Official{{Name: "Kim Ngọc Thái", Title: "Phó Chủ tịch Ủy ban nhân dân tỉnh Trà Vinh"}}},
		{"cho đồng chí Thạch Sô Phanh, Phó Viện trưởng VKSND huyện Cầu Ngang. Sau đó đồng chí Thạch Sô Phanh, Kiểm sát viên trung cấp, Phó Viện trưởng VKSND huyện Cầu Ngang phát biểu.",
			[]article.Official{{Name: "Thạch Sô Phanh", Title: "Kiểm sát viên trung cấp, Phó Viện trưởng VKSND huyện Cầu Ngang", Unit: "VKSND huyện Cầu Ngang"}}},
		{"dự có các đồng chí Phó Viện trưởng VKSND tối cao: Nguyễn Quang Dũng, Nguyễn Duy Giảng và Hoàng Anh Tuyên.",
			[]article.Official{{Name: "Nguyễn Quang Dũng", Title: "Phó Viện trưởng VKSND tối cao"}, {Name: "Nguyễn Duy Giảng", Title: "Phó Viện trưởng VKSND tối cao"}, {Name: "Hoàng Anh Tuyên", Title: "Phó Viện trưởng VKSND tối cao"}}},
		{"các đồng chí Phó Viện trưởng, lãnh đạo các phòng: Nguyễn Văn An", []article.Official{}},
		// Captions: a note on where the person stands, a title after the name.
		{"Ảnh: Đồng chí Lê Văn Ánh (thứ hai từ trái sang), Phó Viện trưởng VKSND tỉnh Bến Tre trao quyết định",
			[]article.Official{{Name: "Lê Văn Ánh", Title: "Phó Viện trưởng VKSND tỉnh Bến Tre", Unit: "VKSND tỉnh Bến Tre"}}},
		{"Viện trưởng VKSND tỉnh Bến Tre Nguyễn Văn Bé (giữa) trao giấy khen cho các tập thể",
			[]article.Official{{Name: "Nguyễn Văn Bé", Title: "Viện trưởng VKSND tỉnh Bến Tre", Unit: "VKSND tỉnh Bến Tre"}}},
		// A comma the page left out between two offices is put back.
		{"đồng chí Võ Khôi Tuân, Bí thư Chi bộ  Viện trưởng VKSND khu vực 1 – Khánh Hòa; các đồng chí",
			[]article.Official{{Name: "Võ Khôi Tuân", Title: "Bí thư Chi bộ, Viện trưởng VKSND khu vực 1 – Khánh Hòa", Unit: "VKSND khu vực 1 – Khánh Hòa"}}},
	}
	for _, tt := range tests {
		got := officialsOf(tt.text, Portal{Unit: "VKSND tỉnh Trà Vinh"})
		if len(got) != len(tt.want) {
			t.Errorf("officialsOf(%q) = %+v, want %+v", tt.text, got, tt.want)
			continue
		}
		for i := range got {
			if got[i].Name != tt.want[i].Name || got[i].Title != tt.want[i].Title || (tt.want[i].Unit != "" && got[i].Unit != tt.want[i].Unit) {
				t.Errorf("officialsOf(%q)[%d] = %+v, want %+v", tt.text, i, got[i], tt.want[i])
			}
		}
	}
}

func TestCountPhrase(t *testing.T) {
	tests := []struct {
		s, phrase string
		want      int
	}{
		{"tổ chức phiên tòa rút kinh nghiệm", "phiên tòa rút kinh nghiệm", 1},
		{"đã tổ chức 58 phiên tòa rút kinh nghiệm, 22 phiên tòa trực tuyến", "phiên tòa rút kinh nghiệm", 0},
		{"phiên tòa rút kinh nghiệm và 3 phiên tòa rút kinh nghiệm", "phiên tòa rút kinh nghiệm", 1},
		{"sơ kết, sơ kết, sơ kết, sơ kết", "sơ kết", 3},
	}
	for _, tt := range tests {
		if got := countPhrase(tt.s, tt.phrase, 3); got != tt.want {
			t.Errorf("countPhrase(%q, %q) = %d, want %d", tt.s, tt.phrase, got, tt.want)
		}
	}
}

func TestArticleSummaryWithoutDate(t *testing.T) {
	pub := "2024-07-26T17:00:00+07:00"
	raw := article.Raw{URL: "u", Title: "Công đoàn VKSND tỉnh Khánh Hòa tổ chức Hội thao", Published: pub,
		Summary:  "Chào mừng kỷ niệm 64 năm Ngày thành lập Ngành, Công đoàn cơ sở tổ chức Hội thao năm 2024.",
		BodyText: "Hướng tới kỷ niệm 64 năm Ngày thành lập ngành Kiểm sát nhân dân (26/7/1960 – 26/7/2024), từ ngày 20 đến ngày 24/7/2024, Công đoàn cơ sở tổ chức Hội thao với nhiều môn thi đấu."}
	a := Article(raw, Portal{Unit: "VKSND tỉnh Khánh Hòa"})
	if a.EventDate == nil || a.EventDate.String() != "2024-07-20" {
		t.Errorf("EventDate = %v, want 2024-07-20 from the body", a.EventDate)
	}
	raw.Summary = "Vừa qua, Công đoàn cơ sở tổ chức Hội thao năm 2024."
	if a := Article(raw, Portal{}); a.EventDate != nil {
		t.Errorf("EventDate = %v, want nil after \"Vừa qua\"", a.EventDate)
	}
}

// TestTitleCompletedFromContext: "Viện trưởng VKSND huyện" names its unit
// by level only; the title takes the article's unit when it is of that
// level, and stays as written, with no unit, when it is not.
func TestTitleCompletedFromContext(t *testing.T) {
	p := Portal{Unit: "VKSND tỉnh Trà Vinh"}
	text := Text("Đồng chí Phan Văn Hiếu, Viện trưởng VKSND huyện chủ trì Hội nghị.")
	tests := []struct {
		context string
		want    article.Official
	}{
		{"VKSND huyện Càng Long", article.Official{Name: "Phan Văn Hiếu", Title: "Viện trưởng VKSND huyện Càng Long", Unit: "VKSND huyện Càng Long"}},
		{"VKSND tỉnh Trà Vinh", article.Official{Name: "Phan Văn Hiếu", Title: "Viện trưởng VKSND huyện"}},
	}
	for _, tt := range tests {
		got := officials(text, p, tt.context, nil)
		if len(got) != 1 || got[0] != tt.want {
			t.Errorf("context %s: %+v, want %+v", tt.context, got, tt.want)
		}
	}
	got := officials(Text("đồng chí Lê Trọng Đức – Phó Viện trưởng VKSND tỉnh, Trưởng ban;"), p, "VKSND tỉnh Trà Vinh", nil)
	if len(got) != 1 || got[0].Title != "Phó Viện trưởng VKSND tỉnh Trà Vinh, Trưởng ban" {
		t.Errorf("got %+v", got)
	}
}

// TestDegreesAndFormerOffices: a degree before the name is no office; a
// former office keeps "nguyên"; a full unit name is never rewritten.
func TestDegreesAndFormerOffices(t *testing.T) {
	text := "Tiến sĩ Trần Văn Ba, Phó Viện trưởng Viện kiểm sát nhân dân tối cao dự. Có đồng chí Lê Văn Bốn, nguyên Viện trưởng VKSND tối cao."
	want := []article.Official{
		{Name: "Trần Văn Ba", Title: "Phó Viện trưởng Viện kiểm sát nhân dân tối cao", Unit: "VKSND tối cao"},
		{Name: "Lê Văn Bốn", Title: "nguyên Viện trưởng VKSND tối cao", Unit: "VKSND tối cao"},
	}
	got := officialsOf(text, Portal{})
	if len(got) != len(want) {
		t.Fatalf("got %+v, want %+v", got, want)
	}
	for i := range got {
		if got[i] != want[i] {
			t.Errorf("[%d] = %+v, want %+v", i, got[i], want[i])
		}
	}
}
