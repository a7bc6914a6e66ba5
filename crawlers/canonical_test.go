package crawlers

import "testing"

func TestCanonicalize(t *testing.T) {
	tests := []struct {
		in, want string
		wantErr  bool
	}{
		{"http://Example.GOV.vn/vi/news/a-1.html#top", "http://example.gov.vn/vi/news/a-1.html", false},
		{"https://example.gov.vn:443/a?utm_source=fb&utm_medium=x&id=3", "https://example.gov.vn/a?id=3", false},
		{"http://example.gov.vn:80", "http://example.gov.vn/", false},
		{"http://127.0.0.1:8080/chitiet.asp?id=12&fbclid=abc", "http://127.0.0.1:8080/chitiet.asp?id=12", false},
		{"http://h/tintuc.asp?cat=2&page=1", "http://h/tintuc.asp?cat=2&page=1", false},
		{"http://h/a?", "http://h/a", false},
		{"http://user:pw@h/a", "http://h/a", false},
		{"mailto:a@b.c", "", true},
		{"/relative/path", "", true},
		{"javascript:void(0)", "", true},
		{"http://[::1", "", true},
	}
	for _, tt := range tests {
		got, err := Canonicalize(tt.in)
		if (err != nil) != tt.wantErr {
			t.Errorf("Canonicalize(%q) error = %v, wantErr %v", tt.in, err, tt.wantErr)
			continue
		}
		if got != tt.want {
			t.Errorf("Canonicalize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func FuzzCanonicalize(f *testing.F) {
	for _, s := range []string{"http://a/b?utm_x=1#f", "https://x.vn:443/", "::", "http://h/?a=%zz&utm_b=2"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := Canonicalize(s)
		if err != nil {
			return
		}
		again, err := Canonicalize(c)
		if err != nil || again != c {
			t.Fatalf("not idempotent: %q -> %q -> %q (%v)", s, c, again, err)
		}
	})
}
