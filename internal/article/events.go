package article

// Event-type codes (DESIGN.md, "Event types"). An article may carry several,
// most relevant first.
const (
	EventHoiNghiCanBo          = "hoi_nghi_can_bo"
	EventTrienKhaiCongTac      = "trien_khai_cong_tac"
	EventSoKetTongKet          = "so_ket_tong_ket"
	EventThiDuaKhenThuong      = "thi_dua_khen_thuong"
	EventDanhGiaCanBo          = "danh_gia_can_bo"
	EventToChucCanBo           = "to_chuc_can_bo"
	EventTapHuan               = "tap_huan"
	EventPhienToaRutKinhNghiem = "phien_toa_rut_kinh_nghiem"
	EventKiemSatTrucTiep       = "kiem_sat_truc_tiep"
	EventPhoiHop               = "phoi_hop"
	EventXayDungDang           = "xay_dung_dang"
	EventDoanThe               = "doan_the"
	EventTiepCongDan           = "tiep_cong_dan"
	EventTuyenTruyen           = "tuyen_truyen"
	EventKhac                  = "khac"
)

// EventTypes lists every event-type code in the order of DESIGN.md.
var EventTypes = []string{
	EventHoiNghiCanBo, EventTrienKhaiCongTac, EventSoKetTongKet, EventThiDuaKhenThuong,
	EventDanhGiaCanBo, EventToChucCanBo, EventTapHuan, EventPhienToaRutKinhNghiem,
	EventKiemSatTrucTiep, EventPhoiHop, EventXayDungDang, EventDoanThe,
	EventTiepCongDan, EventTuyenTruyen, EventKhac,
}

// eventLabels are the Vietnamese names of the event types (DESIGN.md), the
// one wording that the UI, the digest and exports show.
var eventLabels = map[string]string{
	EventHoiNghiCanBo:          "Hội nghị cán bộ, công chức, người lao động",
	EventTrienKhaiCongTac:      "Triển khai công tác, kế hoạch công tác năm",
	EventSoKetTongKet:          "Sơ kết, tổng kết công tác",
	EventThiDuaKhenThuong:      "Thi đua, khen thưởng",
	EventDanhGiaCanBo:          "Nhận xét, đánh giá, xếp loại cán bộ",
	EventToChucCanBo:           "Bổ nhiệm, điều động, luân chuyển cán bộ",
	EventTapHuan:               "Tập huấn, hội thảo, bồi dưỡng nghiệp vụ",
	EventPhienToaRutKinhNghiem: "Phiên tòa rút kinh nghiệm",
	EventKiemSatTrucTiep:       "Trực tiếp kiểm sát",
	EventPhoiHop:               "Quy chế phối hợp",
	EventXayDungDang:           "Công tác Đảng",
	EventDoanThe:               "Công đoàn, Đoàn thanh niên, văn thể",
	EventTiepCongDan:           "Tiếp công dân, khiếu nại, tố cáo",
	EventTuyenTruyen:           "Tuyên truyền, phổ biến pháp luật",
	EventKhac:                  "Khác",
}

// EventLabel returns the Vietnamese name of an event-type code, and
// whether the code is known.
func EventLabel(code string) (string, bool) {
	l, ok := eventLabels[code]
	return l, ok
}
