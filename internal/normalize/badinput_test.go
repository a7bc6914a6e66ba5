package normalize

import (
	"fmt"
	"strings"
	"testing"

	"github.com/vksnews/vksnews/internal/article"
	"golang.org/x/text/unicode/norm"
)

// syntheticNames returns n distinct full names built from common parts.
func syntheticNames(n int) []string {
	fam := []string{"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng"}
	mid := []string{"Văn", "Thị", "Minh", "Hữu", "Quốc", "Thanh"}
	given := []string{"An", "Bình", "Cường", "Dũng", "Hà", "Hải", "Lan", "Long", "Mai", "Nam", "Phúc", "Quân", "Sơn", "Tâm", "Vinh", "Yến"}
	var out []string
	for i := 0; len(out) < n; i++ {
		out = append(out, fam[i%len(fam)]+" "+mid[(i/len(fam))%len(mid)]+" "+given[(i/(len(fam)*len(mid)))%len(given)])
	}
	return out
}

// TestOfficialsBadInput feeds the parser the inputs of issue 11's "bad
// input": no panic, and no official the text does not give as one.
func TestOfficialsBadInput(t *testing.T) {
	kh := Portal{Name: "khanhhoa", Unit: "VKSND tỉnh Khánh Hòa"}
	names := syntheticNames(300)

	// A 5,000-word body that names 300 people with no office: a list of
	// those who took part, between paragraphs of prose.
	var b strings.Builder
	for i, n := range names {
		fmt.Fprintf(&b, "Tham gia hội thao có %s cùng đoàn viên của các chi đoàn trong cụm, những người đã tập luyện nhiều tuần trước ngày thi đấu. ", n)
		if i%10 == 9 {
			b.WriteString("\n\n")
		}
	}
	long := b.String()
	if w := len(strings.Fields(long)); w < 5000 {
		t.Fatalf("long body has %d words, want 5,000", w)
	}
	list40 := "Dự hội nghị có các đồng chí " + strings.Join(names[:39], ", ") + " và " + names[39] + ", Kiểm sát viên VKSND tỉnh Khánh Hòa."
	tests := []struct {
		name, text string
		want       []article.Official
	}{
		{"300 names, no office", long, nil},
		{"name in capitals", "Đồng chí NGUYỄN VĂN HÙNG, Viện trưởng VKSND tỉnh Khánh Hòa phát biểu.",
			[]article.Official{{Name: "Nguyễn Văn Hùng", Title: "Viện trưởng VKSND tỉnh Khánh Hòa", Unit: "VKSND tỉnh Khánh Hòa"}}},
		{"headline in capitals", "VKSND TỈNH KHÁNH HÒA TỔ CHỨC HỘI NGHỊ TRIỂN KHAI CÔNG TÁC NĂM 2025", nil},
		{"title with no name", "Viện trưởng VKSND tỉnh Khánh Hòa phát biểu chỉ đạo. Phó Viện trưởng phụ trách trình bày báo cáo.", nil},
		{"mixed NFD", norm.NFD.String("Đồng chí Trần Quang Vinh, Viện trưởng ") + "VKSND tỉnh Khánh Hòa chủ trì.",
			[]article.Official{{Name: "Trần Quang Vinh", Title: "Viện trưởng VKSND tỉnh Khánh Hòa", Unit: "VKSND tỉnh Khánh Hòa"}}},
		{"English", "On 9 July 2025 the Supreme People's Procuracy received Mr Nguyen Van An, Director of the Department, and Ms Tran Thi Binh.", nil},
	}
	for _, tt := range tests {
		got := officialsOf(tt.text, kh)
		if len(got) != len(tt.want) {
			t.Errorf("%s: %d officials %+v, want %+v", tt.name, len(got), got[:min(len(got), 3)], tt.want)
			continue
		}
		for i := range got {
			if got[i] != tt.want[i] {
				t.Errorf("%s: [%d] = %+v, want %+v", tt.name, i, got[i], tt.want[i])
			}
		}
	}
	got := officialsOf(list40, kh)
	if len(got) != 40 {
		t.Fatalf("40-name list: %d officials", len(got))
	}
	for i, o := range got {
		if o.Name != names[i] || o.Title != "Kiểm sát viên VKSND tỉnh Khánh Hòa" {
			t.Errorf("40-name list [%d] = %+v", i, o)
		}
	}
	// The whole article path on the same inputs: no panic, no official.
	for _, body := range []string{long, "VKSND TỈNH KHÁNH HÒA\n\nNGUYỄN VĂN AN", "The procuracy held a meeting. Tin: John Smith"} {
		a := Article(article.Raw{URL: "u", Title: "Bad input", BodyText: body}, kh)
		if len(a.Officials) != 0 {
			t.Errorf("Article(%.40q) officials %+v", body, a.Officials)
		}
	}
}

// FuzzCleanBody: bylines never invent a writer: every name the author field
// gives is text of the page.
func FuzzCleanBody(f *testing.F) {
	for _, s := range []string{"Bài viết.\n\nMai Anh - Tuấn Kiệt", "a\n\nTHU HIỀN", "x\nTL (tổng hợp)", "Nội dung.\n\nNguồn tin: Lê Thu Hà", "\n\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		_, author, _ := cleanBody(s)
		text := Text(s)
		for _, a := range strings.Split(author, ", ") {
			if !strings.Contains(text, a) {
				t.Fatalf("cleanBody(%q) author %q not in the text", s, a)
			}
		}
	})
}
