package index

import (
	"testing"
	"time"

	"github.com/vksnews/vksnews/internal/article"
	"github.com/vksnews/vksnews/internal/normalize"
)

// at is a publication instant in Vietnam.
func at(y int, m time.Month, d, h int) *time.Time {
	t := time.Date(y, m, d, h, 0, 0, 0, normalize.HCM())
	return &t
}

func day(y int, m time.Month, d int) *article.Date { return &article.Date{Year: y, Month: m, Day: d} }

func unit(name, level, province, now string) article.Unit {
	return article.Unit{Name: name, Level: level, Province: province, ProvinceNow: now}
}

// corpus is a small set of articles in the style of the seeds; each has
// something that one of the tests looks for.
func corpus() []article.Article {
	return []article.Article{
		{ID: "kh1", Portal: "khanhhoa", Published: at(2026, 2, 5, 8), EventDate: day(2026, 2, 4),
			Title: "VKSND tỉnh Khánh Hòa tổ chức Hội nghị công chức, người lao động năm 2026",
			Body: "Ngày 04 tháng 02 năm 2026, VKSND tỉnh Khánh Hòa tổ chức Hội nghị công chức, người lao động năm 2026.\n\n" +
				"Tham dự và chủ trì hội nghị có đồng chí Võ Khôi Tuân, Viện trưởng. Hội nghị đánh giá kết quả một năm nỗ lực, không để xảy ra oan sai, bỏ lọt tội phạm.",
			Unit: unit("VKSND tỉnh Khánh Hòa", "tinh", "Khánh Hòa", "Khánh Hòa"), EventTypes: []string{"hoi_nghi_can_bo"},
			Officials: []article.Official{{Name: "Võ Khôi Tuân", Title: "Viện trưởng", Unit: "VKSND tỉnh Khánh Hòa"}}},
		{ID: "ct1", Portal: "cantho", Published: at(2025, 9, 10, 9), EventDate: day(2025, 9, 9),
			Title: "Viện KSND thành phố Cần Thơ phối hợp tổ chức phiên tòa rút kinh nghiệm vụ án hình sự",
			Body: "Sáng ngày 09/9/2025, Viện kiểm sát nhân dân thành phố Cần Thơ phối hợp với Tòa án nhân dân thành phố tổ chức phiên tòa hình sự sơ thẩm rút kinh nghiệm đối với bị cáo về tội trộm cắp tài sản.\n\n" +
				"Kiểm sát viên Nguyễn Thị Hương đã xét hỏi, tranh luận sắc bén, bảo vệ quan điểm truy tố.",
			Unit: unit("VKSND thành phố Cần Thơ", "tinh", "Cần Thơ", "Cần Thơ"), EventTypes: []string{"phien_toa_rut_kinh_nghiem"},
			Officials: []article.Official{{Name: "Nguyễn Thị Hương", Title: "Kiểm sát viên"}}},
		{ID: "ct2", Portal: "haugiang", Published: at(2025, 10, 2, 10), EventDate: day(2025, 10, 1),
			Title: "VKSND khu vực 2 – Cần Thơ tổ chức phiên tòa rút kinh nghiệm vụ án dân sự",
			Body: "Ngày 01/10/2025, VKSND khu vực 2 – Cần Thơ phối hợp tổ chức phiên tòa dân sự sơ thẩm rút kinh nghiệm về tranh chấp hợp đồng vay tài sản.\n\n" +
				"Phiên tòa giúp Kiểm sát viên nâng cao kỹ năng kiểm sát việc giải quyết các vụ việc dân sự.",
			Unit: unit("VKSND khu vực 2 – Cần Thơ", "khu_vuc", "Hậu Giang", "Cần Thơ"), EventTypes: []string{"phien_toa_rut_kinh_nghiem"}},
		{ID: "tc1", Portal: "vksndtc", Published: at(2025, 1, 6, 14), EventDate: day(2025, 1, 6),
			Title: "Viện kiểm sát nhân dân tối cao triển khai công tác năm 2025",
			Body: "Chiều ngày 06/01/2025, Viện kiểm sát nhân dân tối cao tổ chức Hội nghị triển khai công tác kiểm sát năm 2025.\n\n" +
				"Đồng chí Nguyễn Huy Tiến, Viện trưởng VKSND tối cao chủ trì hội nghị và quán triệt Chỉ thị công tác năm 2025.",
			Unit: unit("VKSND tối cao", "toi_cao", "", ""), EventTypes: []string{"trien_khai_cong_tac"},
			Officials: []article.Official{{Name: "Nguyễn Huy Tiến", Title: "Viện trưởng"}}},
		{ID: "dn1", Portal: "danang", Published: at(2025, 4, 10, 8), EventDate: day(2025, 4, 9),
			Title: "Viện KSND thành phố Đà Nẵng tập huấn kỹ năng xét hỏi",
			Body:  "Ngày 09/4/2025, Viện KSND thành phố Đà Nẵng tổ chức lớp tập huấn kỹ năng xét hỏi tại phiên tòa, tạo đà cho phong trào thi đua của Kiểm sát viên.",
			Unit:  unit("VKSND thành phố Đà Nẵng", "tinh", "Đà Nẵng", "Đà Nẵng"), EventTypes: []string{"tap_huan"}},
		{ID: "tv1", Portal: "travinh", Published: at(2024, 6, 1, 3), EventDate: day(2024, 5, 31),
			Title: "VKSND tỉnh Trà Vinh tuyên truyền pháp luật tại xã Hòa Minh",
			Body:  "Ngày 31/5/2024, VKSND tỉnh Trà Vinh phối hợp tuyên truyền, phổ biến pháp luật cho nhân dân xã Hòa Minh, huyện Châu Thành. Người dân hòa nhã, tích cực tham gia.",
			Unit:  unit("VKSND tỉnh Trà Vinh", "tinh", "Trà Vinh", "Vĩnh Long"), EventTypes: []string{"tuyen_truyen"}},
		{ID: "dnai1", Portal: "dongnai", Published: at(2024, 7, 15, 9), EventDate: day(2024, 7, 15),
			Title: "Đẩy mạnh chuyển đổi số, số hóa hồ sơ vụ án tại VKSND tỉnh Đồng Nai",
			Body:  "VKSND tỉnh Đồng Nai đẩy mạnh số hóa hồ sơ vụ án hình sự; việc số hóa giúp Kiểm sát viên tra cứu nhanh, hiện đại hóa công tác kiểm sát.",
			Unit:  unit("VKSND tỉnh Đồng Nai", "tinh", "Đồng Nai", "Đồng Nai"), EventTypes: []string{"khac"}},
		{ID: "bt1", Portal: "bentre", Published: at(2023, 11, 28, 16), EventDate: day(2023, 11, 27),
			Title: "VKSND tỉnh Bến Tre trực tiếp kiểm sát việc tạm giữ, tạm giam",
			Body:  "Ngày 27/11/2023, VKSND tỉnh Bến Tre trực tiếp kiểm sát việc tạm giữ, tạm giam tại Nhà tạm giữ Công an huyện Ba Tri, ban hành kiến nghị khắc phục vi phạm.",
			Unit:  unit("VKSND tỉnh Bến Tre", "tinh", "Bến Tre", "Vĩnh Long"), EventTypes: []string{"kiem_sat_truc_tiep"}},
		{ID: "hcm1", Portal: "hcm", Published: at(2024, 3, 1, 10), EventDate: day(2024, 2, 29),
			Title: "VKSND Thành phố Hồ Chí Minh ký kết quy chế phối hợp",
			Body:  "Ngày 29/02/2024, Viện kiểm sát nhân dân Thành phố Hồ Chí Minh và Tòa án nhân dân Thành phố Hồ Chí Minh ký kết quy chế phối hợp trong giải quyết án hình sự. Đồng chí Trần Văn Hùng, Viện trưởng phát biểu.",
			Unit:  unit("VKSND Thành phố Hồ Chí Minh", "tinh", "Hồ Chí Minh", "Hồ Chí Minh"), EventTypes: []string{"phoi_hop"},
			Officials: []article.Official{{Name: "Trần Văn Hùng", Title: "Viện trưởng"}}},
		{ID: "hcm2", Portal: "hcm", EventDate: day(2023, 6, 19),
			Title: "Kiểm sát viên VKSND TP.HCM tranh tụng tại phiên tòa",
			Body:  "Ngày 19/6/2023, KSV VKSND TP.HCM phối hợp với CQĐT và TAND TP HCM trong vụ án lừa đảo; phiên tòa diễn ra nghiêm túc.",
			Unit:  unit("VKSND Thành phố Hồ Chí Minh", "tinh", "Hồ Chí Minh", "Hồ Chí Minh"), EventTypes: []string{"tap_huan"}},
		{ID: "qn1", Portal: "quangninh", Published: at(2022, 12, 20, 9), EventDate: day(2022, 12, 18),
			Title: "Đoàn thanh niên VKSND tỉnh Quảng Ninh tổ chức hoạt động thiện nguyện",
			Body:  "Đoàn thanh niên VKSND tỉnh Quảng Ninh trao tặng áo ấm, giày da và cặp da cho học sinh nghèo; các em da dẻ hồng hào vui mừng nhận quà.",
			Unit:  unit("VKSND tỉnh Quảng Ninh", "tinh", "Quảng Ninh", "Quảng Ninh"), EventTypes: []string{"doan_the"}},
		{ID: "kh2", Portal: "khanhhoa", Published: at(2025, 12, 15, 9), EventDate: day(2025, 12, 14),
			Title: "VKSND khu vực 1 – Khánh Hòa ký kết giao ước thi đua",
			Body:  "Ngày 14/12/2025, Viện KSND khu vực 1 – Khánh Hòa ký kết giao ước thi đua năm 2026 với các đơn vị trong Cụm thi đua; đồng chí Võ Khôi Tuân, Viện trưởng phát biểu. Dân sự và hình sự đều được quan tâm.",
			Unit:  unit("VKSND khu vực 1 – Khánh Hòa", "khu_vuc", "Khánh Hòa", "Khánh Hòa"), EventTypes: []string{"thi_dua_khen_thuong"},
			Units:     []article.Unit{unit("VKSND tỉnh Ninh Thuận", "tinh", "Ninh Thuận", "Khánh Hòa")},
			Officials: []article.Official{{Name: "Võ Khôi Tuân", Title: "Viện trưởng"}}},
	}
}

// openCorpus returns an index of corpus() in a temporary directory.
func openCorpus(t testing.TB) *Index {
	t.Helper()
	ix, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = ix.Close() })
	if err := ix.Put(corpus()...); err != nil {
		t.Fatal(err)
	}
	return ix
}
