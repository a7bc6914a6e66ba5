package normalize

import (
	"strings"
	"testing"
	"time"

	"github.com/vksnews/vksnews/internal/article"
)

func TestEventTypesEveryCode(t *testing.T) {
	titles := map[string]string{
		article.EventHoiNghiCanBo:          "VKSND tỉnh A tổ chức Hội nghị cán bộ, công chức năm 2024",
		article.EventTrienKhaiCongTac:      "Hội nghị triển khai công tác năm 2024",
		article.EventSoKetTongKet:          "Sơ kết công tác 6 tháng đầu năm",
		article.EventThiDuaKhenThuong:      "Cụm thi đua số 3 tổng kết thi đua, khen thưởng",
		article.EventDanhGiaCanBo:          "Hội nghị nhận xét, đánh giá, xếp loại lãnh đạo",
		article.EventToChucCanBo:           "Trao quyết định bổ nhiệm Phó Viện trưởng",
		article.EventTapHuan:               "Tập huấn kỹ năng kiểm sát",
		article.EventPhienToaRutKinhNghiem: "Phiên tòa rút kinh nghiệm vụ án trộm cắp",
		article.EventKiemSatTrucTiep:       "Trực tiếp kiểm sát Nhà tạm giữ",
		article.EventPhoiHop:               "Ký kết quy chế phối hợp với Công an tỉnh",
		article.EventXayDungDang:           "Đại hội chi bộ nhiệm kỳ 2025-2027",
		article.EventDoanThe:               "Công đoàn tổ chức hội thao",
		article.EventTiepCongDan:           "Lãnh đạo Viện tiếp công dân định kỳ",
		article.EventTuyenTruyen:           "Tuyên truyền, phổ biến pháp luật tại xã",
		article.EventKhac:                  "Thông báo lịch nghỉ Tết",
	}
	for _, code := range article.EventTypes {
		title, ok := titles[code]
		if !ok {
			t.Errorf("no test for %s", code)
			continue
		}
		got := eventTypesOf(title, "", "")
		if len(got) == 0 || got[0] != code {
			t.Errorf("eventTypesOf(%q) = %v, want %s first", title, got, code)
		}
	}
}

func TestEventDate(t *testing.T) {
	pub := time.Date(2024, 3, 20, 0, 0, 0, 0, HCM())
	jan := time.Date(2024, 1, 2, 0, 0, 0, 0, HCM())
	tests := []struct {
		lead string
		pub  *time.Time
		want string
	}{
		{"Ngày 25/01/2021, VKSND huyện Tiểu Cần tổ chức", nil, "2021-01-25"},
		{"Sáng ngày 04/01/2022, tại trụ sở cơ quan", nil, "2022-01-04"},
		{"Ngày 04 tháng 02 năm 2026, Viện kiểm sát", nil, "2026-02-04"},
		{"Chiều 15/3, VKSND tỉnh tổ chức", &pub, "2024-03-15"},
		{"Chiều 15/3, VKSND tỉnh tổ chức", nil, ""},
		{"Ngày 28/12, VKSND tỉnh tổ chức", &jan, "2023-12-28"},
		{"Trong hai ngày, từ ngày 10 đến 12/3/2024, VKSND tỉnh", nil, "2024-03-10"},
		{"Vừa qua, VKSND tỉnh Cao Bằng tổ chức", &pub, ""},
		{"Mới đây, VKSND tỉnh tổ chức", &pub, ""},
		{"thực hiện Nghị quyết số 96/2019/QH14 ngày 27/11/2019 của Quốc hội", nil, ""},
		{"theo Chỉ thị số 01/CT-VKSTC ngày 31/12/2020 của Viện trưởng", nil, ""},
		{"Kế hoạch số 20/KH-VKS ngày 15/01/2021 của Viện", nil, ""},
		{"hoàn thành trước ngày 31/10/2023.", nil, ""},
		{"kể từ sau ngày 01/7/2025, song", nil, ""},
		{"28/11/2023", nil, ""},
		{"Ngày 31/02/2024, VKSND", nil, ""},
		{"Ngày 12/01/2090, VKSND", nil, ""},
	}
	for _, tt := range tests {
		got := eventDateOf(tt.lead, tt.pub)
		s := ""
		if got != nil {
			s = got.String()
		}
		if s != tt.want {
			t.Errorf("eventDateOf(%q) = %q, want %q", tt.lead, s, tt.want)
		}
	}
}

func TestSectionsSeed001(t *testing.T) {
	body := readSeed(t, "001")
	pub := time.Date(2023, 11, 28, 0, 0, 0, 0, HCM())
	ss := sectionsOf(body, &pub, Portal{Unit: "VKSND tối cao"})
	if len(ss) != 3 {
		t.Fatalf("got %d sections, want 3", len(ss))
	}
	wantProv := []string{"Cao Bằng", "Hà Tĩnh", "Cần Thơ"}
	wantDate := []string{"", "2023-11-27", "2023-11-24"}
	for i, s := range ss {
		if s.Unit.Province != wantProv[i] {
			t.Errorf("section %d unit %+v, want province %s", i, s.Unit, wantProv[i])
		}
		d := ""
		if s.EventDate != nil {
			d = s.EventDate.String()
		}
		if d != wantDate[i] {
			t.Errorf("section %d event date %q, want %q", i, d, wantDate[i])
		}
	}
	if len(ss[2].EventTypes) == 0 || ss[2].EventTypes[0] != article.EventDanhGiaCanBo {
		t.Errorf("section 3 event types %v", ss[2].EventTypes)
	}
}

func FuzzEventDate(f *testing.F) {
	for _, s := range []string{"Ngày 25/01/2021, VKSND", "từ ngày 10 đến 12/3/2024", "Chiều 15/3", "ngày 4 tháng 2"} {
		f.Add(s)
	}
	pub := time.Date(2024, 3, 20, 0, 0, 0, 0, HCM())
	f.Fuzz(func(t *testing.T, s string) {
		if d := eventDateOf(s, &pub); d != nil {
			if _, ok := article.NewDate(d.Year, d.Month, d.Day); !ok {
				t.Fatalf("eventDateOf(%q) = %v: not a calendar date", s, d)
			}
		}
	})
}

func BenchmarkArticle(b *testing.B) {
	body := strings.Repeat("Ngày 25/01/2021, VKSND huyện Tiểu Cần tổ chức Hội nghị triển khai Kế hoạch công tác kiểm sát năm 2021 do đồng chí Trần Thanh Sơn – Viện trưởng chủ trì hội nghị, cùng với sự tham dự của tập thể lãnh đạo.\n\n", 12)
	raw := article.Raw{URL: "https://x/a", Title: "VKSND huyện Tiểu Cần triển khai công tác năm 2021", Published: "25/01/2021", BodyText: body}
	p := Portal{Name: "travinh", Unit: "VKSND tỉnh Trà Vinh"}
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		Article(raw, p)
	}
}
