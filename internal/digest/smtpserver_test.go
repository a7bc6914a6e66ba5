package digest

import (
	"errors"
	"io"
	"net"
	"sync"
	"testing"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

// received is one message as the test SMTP server accepted it.
type received struct {
	From string
	To   []string
	Data []byte
}

// mailbox is the state of a real in-process SMTP server (emersion/go-smtp):
// what it accepted, and how it should misbehave.
type mailbox struct {
	mu        sync.Mutex
	msgs      []received
	dataCalls int
	refuse    error  // Data returns this (the server refuses every message)
	tempFails int    // the first tempFails messages get a 451
	user      string // when set, AUTH PLAIN with user/pass is required
	pass      string
}

func (mb *mailbox) messages() []received {
	mb.mu.Lock()
	defer mb.mu.Unlock()
	return append([]received(nil), mb.msgs...)
}

func (mb *mailbox) set(fn func(*mailbox)) {
	mb.mu.Lock()
	defer mb.mu.Unlock()
	fn(mb)
}

type backend struct{ mb *mailbox }

func (b backend) NewSession(*smtp.Conn) (smtp.Session, error) { return &session{mb: b.mb}, nil }

// session is one SMTP connection.
type session struct {
	mb     *mailbox
	authed bool
	from   string
	to     []string
}

func (s *session) AuthMechanisms() []string { return []string{sasl.Plain} }

func (s *session) Auth(string) (sasl.Server, error) {
	return sasl.NewPlainServer(func(_, user, pass string) error {
		s.mb.mu.Lock()
		defer s.mb.mu.Unlock()
		if user != s.mb.user || pass != s.mb.pass {
			return errors.New("bad credentials")
		}
		s.authed = true
		return nil
	}), nil
}

func (s *session) Mail(from string, _ *smtp.MailOptions) error {
	s.mb.mu.Lock()
	needAuth := s.mb.user != ""
	s.mb.mu.Unlock()
	if needAuth && !s.authed {
		return smtp.ErrAuthRequired
	}
	s.from = from
	return nil
}

func (s *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	s.to = append(s.to, to)
	return nil
}

func (s *session) Data(r io.Reader) error {
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	s.mb.mu.Lock()
	defer s.mb.mu.Unlock()
	s.mb.dataCalls++
	if s.mb.refuse != nil {
		return s.mb.refuse
	}
	if s.mb.tempFails > 0 {
		s.mb.tempFails--
		return &smtp.SMTPError{Code: 451, EnhancedCode: smtp.EnhancedCode{4, 3, 0}, Message: "try again later"}
	}
	s.mb.msgs = append(s.mb.msgs, received{From: s.from, To: append([]string(nil), s.to...), Data: b})
	return nil
}

func (s *session) Reset()        { s.from, s.to = "", nil }
func (s *session) Logout() error { return nil }

// startSMTP starts a plain SMTP server on 127.0.0.1 and returns its port.
func startSMTP(t *testing.T, mb *mailbox) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := smtp.NewServer(backend{mb})
	srv.Domain = "localhost"
	srv.AllowInsecureAuth = true
	go func() { _ = srv.Serve(l) }()
	t.Cleanup(func() { _ = srv.Close() })
	return l.Addr().(*net.TCPAddr).Port
}

// deadPort returns a port on 127.0.0.1 that nothing listens on.
func deadPort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	return port
}
