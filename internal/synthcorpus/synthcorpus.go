// Package synthcorpus makes synthetic procuracy news articles for
// benchmarks and tests: titles, bodies, units, officials and dates drawn
// from fixed phrase tables with a seeded generator, so that a corpus of any
// size is the same on every run. It is not real text: word frequencies are
// skewed (a few phrases recur in most articles), which benchmarks that
// tune ranking must keep in mind.
package synthcorpus

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/vksnews/vksnews/internal/article"
	"github.com/vksnews/vksnews/internal/normalize"
)

// synthEvent is an event type with the title and opening phrases that
// report it.
type synthEvent struct {
	code   string
	titles []string
	leads  []string
}

var synthEvents = []synthEvent{
	{article.EventHoiNghiCanBo, []string{"tổ chức Hội nghị công chức, người lao động năm %d"},
		[]string{"tổ chức Hội nghị công chức, người lao động năm %d nhằm đánh giá kết quả thực hiện nhiệm vụ và đề ra phương hướng năm mới"}},
	{article.EventTrienKhaiCongTac, []string{"triển khai kế hoạch công tác năm %d"},
		[]string{"tổ chức Hội nghị triển khai công tác kiểm sát năm %d, quán triệt chỉ thị của Viện trưởng VKSND tối cao"}},
	{article.EventSoKetTongKet, []string{"sơ kết công tác 6 tháng đầu năm %d", "tổng kết công tác năm %d"},
		[]string{"tổ chức Hội nghị tổng kết công tác năm %d, đánh giá kết quả thực hành quyền công tố và kiểm sát hoạt động tư pháp"}},
	{article.EventThiDuaKhenThuong, []string{"phát động phong trào thi đua năm %d", "ký kết giao ước thi đua Cụm thi đua số 5 năm %d"},
		[]string{"tổ chức lễ phát động phong trào thi đua năm %d và ký kết giao ước thi đua giữa các đơn vị"}},
	{article.EventPhienToaRutKinhNghiem, []string{"phối hợp tổ chức phiên tòa rút kinh nghiệm vụ án hình sự", "phiên tòa rút kinh nghiệm vụ án dân sự năm %d"},
		[]string{"phối hợp với Tòa án nhân dân cùng cấp tổ chức phiên tòa hình sự sơ thẩm rút kinh nghiệm năm %d đối với bị cáo về tội trộm cắp tài sản"}},
	{article.EventKiemSatTrucTiep, []string{"trực tiếp kiểm sát việc tạm giữ, tạm giam tại Nhà tạm giữ Công an"},
		[]string{"tiến hành trực tiếp kiểm sát việc tạm giữ, tạm giam và thi hành án hình sự tại Nhà tạm giữ Công an năm %d"}},
	{article.EventTapHuan, []string{"tập huấn nghiệp vụ kỹ năng xét hỏi tại phiên tòa năm %d", "tổ chức cuộc thi Kiểm sát viên giỏi năm %d"},
		[]string{"tổ chức lớp tập huấn nghiệp vụ năm %d về kỹ năng tranh tụng của Kiểm sát viên tại phiên tòa"}},
	{article.EventToChucCanBo, []string{"công bố quyết định bổ nhiệm Phó Viện trưởng"},
		[]string{"tổ chức Lễ công bố và trao quyết định bổ nhiệm cán bộ lãnh đạo quản lý năm %d"}},
	{article.EventPhoiHop, []string{"ký kết quy chế phối hợp với Cơ quan điều tra năm %d"},
		[]string{"tổ chức ký kết quy chế phối hợp với Cơ quan Cảnh sát điều tra Công an và Tòa án nhân dân năm %d"}},
	{article.EventXayDungDang, []string{"Đại hội Chi bộ nhiệm kỳ 2025 – 2030", "học tập, quán triệt Nghị quyết của Đảng năm %d"},
		[]string{"tổ chức Đại hội Chi bộ nhiệm kỳ 2025 – 2030, tổng kết công tác xây dựng Đảng năm %d"}},
	{article.EventDoanThe, []string{"Đoàn thanh niên tổ chức hoạt động thiện nguyện năm %d", "Công đoàn tổ chức giải thể thao năm %d"},
		[]string{"phối hợp với Đoàn thanh niên tổ chức chương trình thiện nguyện, trao quà cho học sinh nghèo năm %d"}},
	{article.EventTiepCongDan, []string{"tiếp công dân, giải quyết khiếu nại, tố cáo quý I năm %d"},
		[]string{"tổ chức tiếp công dân định kỳ và giải quyết đơn khiếu nại, tố cáo thuộc thẩm quyền năm %d"}},
	{article.EventTuyenTruyen, []string{"tuyên truyền, phổ biến pháp luật cho người dân năm %d"},
		[]string{"phối hợp tổ chức tuyên truyền, phổ biến pháp luật về phòng, chống tội phạm cho nhân dân năm %d"}},
}

var synthSentences = []string{
	"Năm qua, đơn vị đã thực hiện tốt chức năng thực hành quyền công tố và kiểm sát hoạt động tư pháp, không để xảy ra oan sai, bỏ lọt tội phạm.",
	"Công tác kiểm sát việc giải quyết tố giác, tin báo về tội phạm và kiến nghị khởi tố được thực hiện chặt chẽ, đúng quy định của Bộ luật Tố tụng hình sự.",
	"Các chỉ tiêu nghiệp vụ theo Nghị quyết số 96/2019/QH14 của Quốc hội đều đạt và vượt yêu cầu đề ra.",
	"Lãnh đạo đơn vị đề nghị công chức tiếp tục nâng cao tinh thần trách nhiệm, đoàn kết, khắc phục khó khăn để hoàn thành tốt nhiệm vụ được giao.",
	"Tại hội nghị, các đại biểu đã thảo luận, đóng góp ý kiến vào báo cáo và thống nhất các giải pháp trọng tâm cho thời gian tới.",
	"Kiểm sát viên đã chuẩn bị tốt đề cương xét hỏi, tranh luận với luật sư và người bào chữa, bảo vệ quan điểm truy tố.",
	"Phiên tòa diễn ra nghiêm túc, đúng quy định của pháp luật, góp phần nâng cao chất lượng tranh tụng tại phiên tòa.",
	"Qua kiểm sát, đơn vị đã ban hành kiến nghị yêu cầu khắc phục vi phạm trong công tác quản lý người bị tạm giữ, tạm giam.",
	"Công tác cải cách tư pháp, chuyển đổi số và ứng dụng công nghệ thông tin được đẩy mạnh, góp phần nâng cao hiệu quả công tác.",
	"Đồng chí Viện trưởng nhấn mạnh việc tiếp tục thực hiện nghiêm Chỉ thị công tác năm của Viện trưởng VKSND tối cao.",
	"Hội nghị cũng đã biểu dương, khen thưởng các tập thể và cá nhân có thành tích xuất sắc trong phong trào thi đua.",
	"Phối hợp chặt chẽ với Cơ quan điều tra, Tòa án nhân dân cùng cấp trong việc giải quyết các vụ án hình sự, dân sự, hành chính.",
	"Nhân dịp này, công chức, người lao động trong cơ quan đóng góp một ngày lương ủng hộ đồng bào bị ảnh hưởng bởi bão, lũ.",
	"Chi bộ đã lãnh đạo cơ quan hoàn thành toàn diện các mặt công tác, xây dựng Chi bộ trong sạch, vững mạnh.",
	"Buổi tuyên truyền đã giúp người dân nâng cao nhận thức pháp luật, tích cực tham gia phòng ngừa, tố giác tội phạm.",
	"Công tác tiếp công dân được duy trì thường xuyên, đơn thư được phân loại, xử lý kịp thời, đúng thẩm quyền.",
	"Ủy ban nhân dân và Hội đồng nhân dân địa phương đánh giá cao sự phối hợp của ngành kiểm sát trong thời gian qua.",
	"Thông qua lớp tập huấn, các Kiểm sát viên, Kiểm tra viên được trang bị thêm kiến thức, kỹ năng nghiệp vụ cần thiết.",
}

var (
	synthSurnames = []string{"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"}
	synthMiddles  = []string{"Văn", "Thị", "Hữu", "Đức", "Minh", "Quốc", "Thanh", "Ngọc", "Khôi", "Xuân"}
	synthGivens   = []string{"Tuân", "Hòa", "Hùng", "Lan", "Dũng", "Thủy", "Hải", "Sơn", "Nam", "Hương", "Khánh", "Tâm", "Phúc", "Quý", "Trung"}
	synthTitles   = []string{"Viện trưởng", "Phó Viện trưởng", "Kiểm sát viên", "Trưởng phòng"}
)

// Articles returns n realistic Vietnamese procuracy news articles of about
// 3 KB each, assembled from phrase tables, the real provinces, generated
// officials and dates. The same n and seed give the same articles.
func Articles(n int, seed int64) []article.Article {
	rng := rand.New(rand.NewPCG(uint64(seed), 0x9e3779b97f4a7c15))
	provinces := normalize.Provinces()
	hcm := normalize.HCM()
	base := time.Date(2022, 1, 1, 7, 0, 0, 0, hcm)
	out := make([]article.Article, 0, n)
	pick := func(xs []string) string { return xs[rng.IntN(len(xs))] }
	for i := range n {
		p := provinces[rng.IntN(len(provinces))]
		unit := synthUnit(rng, p)
		ev := synthEvents[rng.IntN(len(synthEvents))]
		pub := base.Add(time.Duration(rng.IntN(4*365*24)) * time.Hour)
		evDate := article.DateOf(pub.AddDate(0, 0, -rng.IntN(3)))
		year := pub.Year()
		officials := synthOfficials(rng, unit.Name)
		title := unit.Name + " " + withYear(pick(ev.titles), year)
		lead := fmt.Sprintf("Ngày %d/%d/%d, %s %s.", evDate.Day, int(evDate.Month), evDate.Year, unit.Name, withYear(pick(ev.leads), year))
		var body strings.Builder
		body.WriteString(lead)
		body.WriteString("\n\n")
		fmt.Fprintf(&body, "Tham dự hội nghị có đồng chí %s – %s %s; cùng dự có đại diện lãnh đạo các cơ quan tư pháp tỉnh %s.",
			officials[0].Name, officials[0].Title, unit.Name, p.Name)
		for body.Len() < 2900 {
			body.WriteString("\n\n")
			for range 2 + rng.IntN(3) {
				body.WriteString(pick(synthSentences))
				body.WriteByte(' ')
			}
			if rng.IntN(4) == 0 {
				o := officials[rng.IntN(len(officials))]
				fmt.Fprintf(&body, "Phát biểu tại buổi làm việc, đồng chí %s, %s đề nghị tiếp tục phát huy những kết quả đã đạt được.", o.Name, o.Title)
			}
		}
		url := fmt.Sprintf("https://vks%d.example.gov.vn/tin-tuc/%d.html", rng.IntN(64), i)
		types := []string{ev.code}
		if rng.IntN(5) == 0 {
			types = append(types, article.EventKhac)
		}
		out = append(out, synthArticle(rng, url, title, pub, evDate, unit, officials, types, lead, body.String()))
	}
	return out
}

// synthOfficials are one to three generated officials of a unit.
func synthOfficials(rng *rand.Rand, unit string) []article.Official {
	pick := func(xs []string) string { return xs[rng.IntN(len(xs))] }
	officials := make([]article.Official, 1+rng.IntN(3))
	for k := range officials {
		officials[k] = article.Official{
			Name:  pick(synthSurnames) + " " + pick(synthMiddles) + " " + pick(synthGivens),
			Title: pick(synthTitles), Unit: unit,
		}
	}
	return officials
}

// synthArticle is the article of generated parts, on a random portal.
func synthArticle(rng *rand.Rand, url, title string, pub time.Time, evDate article.Date, unit article.Unit,
	officials []article.Official, types []string, lead, body string) article.Article {
	return article.Article{
		ID: article.IDFor(url), URL: url, Portal: fmt.Sprintf("portal%02d", rng.IntN(40)),
		Title: title, Published: &pub, EventDate: &evDate,
		Unit: unit, Units: []article.Unit{unit}, Officials: officials, EventTypes: types,
		Summary: lead, Body: strings.TrimSpace(body), FetchedAt: pub.Add(time.Hour),
	}
}

// synthUnit returns a provincial, regional or district procuracy of p.
func synthUnit(rng *rand.Rand, p normalize.Province) article.Unit {
	u := article.Unit{Province: p.Name, ProvinceNow: p.Now}
	switch rng.IntN(3) {
	case 0:
		u.Name, u.Level = "VKSND tỉnh "+p.Now, article.LevelTinh
		u.Province = p.Now
	case 1:
		u.Name, u.Level = fmt.Sprintf("VKSND khu vực %d – %s", 1+rng.IntN(9), p.Now), article.LevelKhuVuc
		u.Province = p.Now
	default:
		u.Name, u.Level = "VKSND thành phố "+p.Name, article.LevelHuyen
	}
	return u
}

// withYear fills the year into a phrase that has a %d verb; phrases without
// one are used as they are (Sprintf would append "%!(EXTRA …)").
func withYear(phrase string, year int) string {
	if !strings.Contains(phrase, "%d") {
		return phrase
	}
	return fmt.Sprintf(phrase, year)
}

// Queries are queries that exercise a synthetic corpus as analysts
// would: words (common ones, which match most of it, with and without
// diacritics, an abbreviation, a name) and phrases. vksnews bench and the
// search benchmarks use them.
func Queries() (words, phrases []string) {
	words = []string{"kiểm sát", "vien kiem sat", "tập huấn", "khánh hòa", "phien toa", "Nguyễn", "thi đua", "tạm giam", "VKSND", "công tố"}
	phrases = []string{`"phiên tòa rút kinh nghiệm"`, `"tiếp công dân"`, `"ký kết quy chế phối hợp"`, `"kiểm sát viên giỏi"`, `"tổng kết công tác"`}
	return words, phrases
}
