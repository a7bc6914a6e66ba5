package export

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/vksnews/vksnews/internal/article"
)

func TestWriter(t *testing.T) {
	pub := time.Date(2024, 5, 31, 0, 38, 0, 0, time.UTC)
	arts := []article.Article{
		{ID: "a", Title: "Hội nghị, \"tổng kết\"\nnăm 2024", Published: &pub,
			Officials: []article.Official{{Name: "Võ Khôi Tuân", Title: "Viện trưởng"}}, EventTypes: []string{"so_ket_tong_ket", "thi_dua_khen_thuong"}},
		{ID: "b", Title: "=HYPERLINK(\"http://x\")", Summary: "-2+3"},
	}
	loc := time.FixedZone("ICT", 7*3600)
	for _, format := range Formats {
		var buf bytes.Buffer
		w, err := NewWriter(&buf, format, loc)
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range arts {
			if err := w.Write(a); err != nil {
				t.Fatal(err)
			}
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		switch format {
		case "jsonl":
			lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
			var a article.Article
			if len(lines) != 2 || json.Unmarshal([]byte(lines[0]), &a) != nil || a.Title != arts[0].Title {
				t.Errorf("jsonl: %q", buf.String())
			}
		case "csv":
			rows, err := csv.NewReader(&buf).ReadAll()
			if err != nil || len(rows) != 3 {
				t.Fatalf("csv: %v, %d rows", err, len(rows))
			}
			if rows[1][3] != arts[0].Title || rows[1][4] != "2024-05-31T07:38:00+07:00" ||
				rows[1][11] != "Võ Khôi Tuân (Viện trưởng)" || rows[1][12] != "so_ket_tong_ket; thi_dua_khen_thuong" {
				t.Errorf("row 1 = %q", rows[1])
			}
			if rows[2][3] != "'=HYPERLINK(\"http://x\")" || rows[2][15] != "'-2+3" {
				t.Errorf("formula cells not defused: %q", rows[2])
			}
		}
	}
	if _, err := NewWriter(&bytes.Buffer{}, "xml", nil); err == nil {
		t.Error("unknown format accepted")
	}
}
