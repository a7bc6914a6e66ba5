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

func TestParts(t *testing.T) {
	raw := "Subject: x\r\nMIME-Version: 1.0\r\nContent-Type: multipart/alternative; boundary=B\r\n\r\n" +
		"--B\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\nVi=E1=BB=87n ki=E1=BB=83m s=C3=A1t\r\n" +
		"--B\r\nContent-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\nPHA+Vmnhu4duPC9w\r\nPg==\r\n--B--\r\n"
	text, html, err := Message{Data: []byte(raw)}.Parts()
	if err != nil {
		t.Fatal(err)
	}
	if strings.TrimSpace(text) != "Viện kiểm sát" || html != "<p>Viện</p>" {
		t.Errorf("Parts() = %q, %q", text, html)
	}
}
