package mailsink

import (
	"net/smtp"
	"strconv"
	"strings"
	"testing"
)

func TestSinkReceives(t *testing.T) {
	s, err := Start("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	msg := "From: a@example.org\r\nTo: b@example.org\r\nSubject: =?utf-8?q?Tin_VKSND_22/11/2026:_12_b=C3=A0i_m=E1=BB=9Bi?=\r\n\r\nbody\r\n"
	addr := s.Host() + ":" + strconv.Itoa(s.Port())
	if err := smtp.SendMail(addr, nil, "a@example.org", []string{"b@example.org", "c@example.org"}, []byte(msg)); err != nil {
		t.Fatal(err)
	}
	got := s.Messages()
	if len(got) != 1 || got[0].From != "a@example.org" || len(got[0].To) != 2 || !strings.Contains(string(got[0].Data), "body") {
		t.Fatalf("messages = %+v", got)
	}
	if sub := got[0].Subject(); sub != "Tin VKSND 22/11/2026: 12 bài mới" {
		t.Errorf("Subject() = %q", sub)
	}
}
