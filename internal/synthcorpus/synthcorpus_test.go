package synthcorpus

import (
	"strings"
	"testing"
)

func TestSyntheticHasNoFormatErrors(t *testing.T) {
	for _, a := range Articles(500, 3) {
		if strings.Contains(a.Title+a.Body, "%!") {
			t.Fatalf("format error in synthetic article: %q", a.Title)
		}
	}
}

func TestResample(t *testing.T) {
	sources := []Source{
		{Title: "VKSND tỉnh Khánh Hòa tổ chức phiên tòa rút kinh nghiệm", EventType: "phien_toa_rut_kinh_nghiem",
			Body:  "Ngày 12/3/2024, VKSND tỉnh Khánh Hòa phối hợp tổ chức phiên tòa. Kiểm sát viên Lê Văn An xét hỏi bị cáo.\nPhiên tòa diễn ra đúng quy định!",
			Names: []string{"Lê Văn An"}},
		{Title: "Hội nghị tổng kết công tác năm 2025", EventType: "so_ket_tong_ket",
			Body:  "Sáng 5/1/2026, hội nghị tổng kết được tổ chức tại Hà Nội. Đồng chí Trần Thị Bình phát biểu. Các đơn vị báo cáo kết quả.",
			Names: []string{"Trần Thị Bình"}},
	}
	a, origins := Resample(sources, 200, 1)
	b, _ := Resample(sources, 200, 1)
	if len(a) != 200 || len(origins) != 200 {
		t.Fatalf("%d articles and %d origins, want 200", len(a), len(origins))
	}
	for i := range a {
		if a[i].Body != b[i].Body || a[i].Title != b[i].Title {
			t.Fatal("the same seed gave other articles")
		}
		text := a[i].Title + a[i].Body
		for _, leftover := range []string{"\x01", "\x02", "\x03", "Lê Văn An", "Trần Thị Bình", "Khánh Hòa tổ chức phiên"} {
			if strings.Contains(text, leftover) && !(leftover == "Khánh Hòa tổ chức phiên" && a[i].Unit.ProvinceNow == "Khánh Hòa") {
				t.Fatalf("article %d keeps %q: %q", i, leftover, text)
			}
		}
		if src := sources[origins[i]]; len(a[i].EventTypes) == 1 && a[i].EventTypes[0] != src.EventType {
			t.Fatalf("article %d has event type %v, its origin %q", i, a[i].EventTypes, src.EventType)
		}
		if a[i].ID == "" || len(a[i].EventTypes) != 1 || a[i].Published == nil {
			t.Fatalf("article %d incomplete: %+v", i, a[i])
		}
	}
	if arts, _ := Resample(nil, 5, 1); arts != nil {
		t.Error("no sources: want nil")
	}
	if got := sentences("Một. Hai!\nBa? Bốn"); strings.Join(got, "|") != "Một.|Hai!|Ba?|Bốn" {
		t.Errorf("sentences = %q", got)
	}
}
