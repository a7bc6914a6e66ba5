package web

import (
	"regexp"
	"strings"
)

// The UI speaks Vietnamese, the API English: errorsVN turns the English
// message of a bad request (from the query parser, the filters or the
// paging rules) into a sentence for the analyst. Each rule matches one
// message form of index and filter; the captured values go into the
// Vietnamese text.
var errorsVN = []struct {
	re *regexp.Regexp
	vi string
}{
	{regexp.MustCompile(`unbalanced quote at character (\d+)`), `Thiếu dấu ngoặc kép đóng (dấu " ở ký tự thứ $1 chưa được đóng).`},
	{regexp.MustCompile(`lone "-" at the end`), `Dấu "-" ở cuối không loại trừ gì: viết -từ hoặc -"cụm từ".`},
	{regexp.MustCompile(`lone "-" at character (\d+)`), `Dấu "-" ở ký tự thứ $1 đứng một mình: viết liền -từ hoặc -"cụm từ".`},
	{regexp.MustCompile(`nothing to exclude in -""`), `-"" không có gì để loại trừ.`},
	{regexp.MustCompile(`query is (\d+) characters long \(at most (\d+)\)`), `Từ khóa dài $1 ký tự, tối đa $2.`},
	{regexp.MustCompile(`query has (\d+) words \(at most (\d+)\)`), `Từ khóa có $1 từ, tối đa $2.`},
	{regexp.MustCompile(`(\w+): not valid UTF-8`), `Tham số $1 có ký tự không hợp lệ.`},
	{regexp.MustCompile(`query is not valid UTF-8`), `Từ khóa có ký tự không hợp lệ.`},
	{regexp.MustCompile(`(mentions_level|level): unknown level "([^"]*)"`), `Cấp "$2" không tồn tại.`},
	{regexp.MustCompile(`event_type: unknown event type "([^"]*)"`), `Loại sự kiện "$1" không tồn tại.`},
	{regexp.MustCompile(`(\w+): unknown province "([^"]*)"`), `Không có tỉnh/thành tên "$2".`},
	{regexp.MustCompile(`to:? (\S+) is before from (\S+)`), `Ngày kết thúc $1 trước ngày bắt đầu $2.`},
	{regexp.MustCompile(`(from|to): parse date`), `Ngày không hợp lệ (cần dạng năm-tháng-ngày, ví dụ 2025-07-01).`},
	{regexp.MustCompile(`(from|to): `), `Ngày không hợp lệ (cần dạng năm-tháng-ngày, ví dụ 2025-07-01).`},
	{regexp.MustCompile(`sort`), `Cách sắp xếp không hợp lệ.`},
	{regexp.MustCompile(`page \d+ of size \d+ is past the first (\d+) results`), `Chỉ xem được $1 kết quả đầu tiên; hãy thu hẹp tìm kiếm.`},
	{regexp.MustCompile(`(size|page)`), `Số trang hoặc số bài mỗi trang không hợp lệ.`},
	{regexp.MustCompile(`longer than (\d+) bytes`), `Giá trị lọc dài quá.`},
}

// queryErrorVN is the Vietnamese of a bad-request error, for the UI.
func queryErrorVN(err error) string {
	msg := err.Error()
	for _, e := range errorsVN {
		if m := e.re.FindStringSubmatchIndex(msg); m != nil {
			return string(e.re.ExpandString(nil, e.vi, msg, m))
		}
	}
	return "Yêu cầu không hợp lệ."
}

// exclusionHint notices an unquoted exclusion followed by a word, as in
// -tập huấn, which excludes only "tập": the analyst probably meant the
// whole word, which is written quoted.
var exclusionRun = regexp.MustCompile(`(?:^|\s)-([^\s"-][^\s"]*)\s+([^\s"-][^\s"]*)`)

// exclusionHint suggests the quoted form of -a b, or "".
func exclusionHint(q string) string {
	m := exclusionRun.FindStringSubmatch(q)
	if m == nil || m[2] == "OR" {
		return ""
	}
	return `-` + m[1] + ` chỉ loại trừ "` + m[1] + `". Để loại trừ cả cụm, viết -"` + strings.Join(m[1:3], " ") + `".`
}
