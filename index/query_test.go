package index

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

func TestParseQuery(t *testing.T) {
	w := func(s string) Term { return Term{Text: s} }
	p := func(s string) Term { return Term{Text: s, Phrase: true} }
	good := []struct {
		in   string
		want Query
	}{
		{"", Query{}},
		{"   ", Query{}},
		{"khánh hòa", Query{Groups: [][]Term{{w("khánh")}, {w("hòa")}}}},
		{`"phiên tòa rút kinh nghiệm" -"dân sự"`, Query{Groups: [][]Term{{p("phiên tòa rút kinh nghiệm")}}, Exclude: []Term{p("dân sự")}}},
		{"a -b", Query{Groups: [][]Term{{w("a")}}, Exclude: []Term{w("b")}}},
		{"trộm OR lừa đảo", Query{Groups: [][]Term{{w("trộm"), w("lừa")}, {w("đảo")}}}},
		{"a OR b OR c", Query{Groups: [][]Term{{w("a"), w("b"), w("c")}}}},
		{"OR a", Query{Groups: [][]Term{{w("OR")}, {w("a")}}}},
		{"a OR", Query{Groups: [][]Term{{w("a")}, {w("OR")}}}},
		{"a or b", Query{Groups: [][]Term{{w("a")}, {w("or")}, {w("b")}}}},
		{"title:x", Query{Groups: [][]Term{{w("title:x")}}}},
		{`\`, Query{Groups: [][]Term{{w(`\`)}}}},
		{"covid-19", Query{Groups: [][]Term{{w("covid-19")}}}},
		{`“phiên tòa”`, Query{Groups: [][]Term{{p("phiên tòa")}}}},
		{`"  a   b "`, Query{Groups: [][]Term{{p("a b")}}}},
		{`""`, Query{}},
		{"-a", Query{Exclude: []Term{w("a")}}},
		{`-"tập huấn" -c`, Query{Exclude: []Term{p("tập huấn"), w("c")}}},
		{`a"b c"`, Query{Groups: [][]Term{{w("a")}, {p("b c")}}}},
		{strings.Repeat("a ", 32), Query{Groups: func() [][]Term {
			var g [][]Term
			for range 32 {
				g = append(g, []Term{w("a")})
			}
			return g
		}()}},
	}
	for _, c := range good {
		got, err := ParseQuery(c.in)
		if err != nil {
			t.Errorf("ParseQuery(%q): %v", c.in, err)
			continue
		}
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("ParseQuery(%q) = %#v, want %#v", c.in, got, c.want)
		}
	}
	bad := []struct{ in, msg string }{
		{`"phiên tòa`, "unbalanced quote"},
		{`a "b" "c`, "unbalanced quote"},
		{"-", `lone "-"`},
		{"a - b", `lone "-"`},
		{`-""`, "nothing to exclude"},
		{strings.Repeat("á", 501), "at most 500"},
		{"a\xffb", "UTF-8"},
		{strings.Repeat("a ", 33), "at most 32"},
		{`"` + strings.Repeat("a ", 33) + `"`, "at most 32"},
	}
	for _, c := range bad {
		_, err := ParseQuery(c.in)
		if err == nil || !errors.Is(err, ErrBadRequest) || !strings.Contains(err.Error(), c.msg) {
			t.Errorf("ParseQuery(%q) error = %v, want ErrBadRequest saying %q", c.in, err, c.msg)
		}
	}
}

func TestQueryString(t *testing.T) {
	for _, s := range []string{`a OR b "c d" -e -"f g"`, "khánh hòa"} {
		q, err := ParseQuery(s)
		if err != nil {
			t.Fatal(err)
		}
		if q.String() != s {
			t.Errorf("String() = %q, want %q", q.String(), s)
		}
	}
}

func FuzzParseQuery(f *testing.F) {
	for _, s := range []string{"", "khánh hòa", `"phiên tòa" -"dân sự"`, "a OR b", "-", `"`, `\`, "title:x", "a\xff", "-a", `-""`, "“x”"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		q, err := ParseQuery(s)
		if err != nil {
			if !errors.Is(err, ErrBadRequest) {
				t.Fatalf("ParseQuery(%q): error %v does not wrap ErrBadRequest", s, err)
			}
			return
		}
		// Building the bleve query must not panic either.
		_ = buildQuery(q, nil, nil)
		_ = buildQuery(q, nil, func(_, t string) uint64 { return uint64(len(t) * len(t)) })
	})
}
