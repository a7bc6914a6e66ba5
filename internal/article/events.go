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
