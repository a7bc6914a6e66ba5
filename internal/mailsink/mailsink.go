// Package mailsink is a real SMTP server (emersion/go-smtp) that keeps the
// messages it receives in memory. `vksnews demo` runs one so that a new
// user sees the digest loop offline, and end-to-end tests send to it.
package mailsink

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net"
	"net/mail"
	"net/textproto"
	"strings"
	"sync"
	"time"

	"github.com/emersion/go-smtp"
)

// maxMessageBytes bounds one message; digests are far smaller.
const maxMessageBytes = 10 << 20

// Message is one message the sink accepted.
type Message struct {
	From     string
	To       []string
	Received time.Time
	Data     []byte // the whole RFC 5322 message
}

// Subject returns the decoded Subject header, or "" when it cannot be read.
func (m Message) Subject() string {
	msg, err := mail.ReadMessage(bytes.NewReader(m.Data))
	if err != nil {
		return ""
	}
	s, err := new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject"))
	if err != nil {
		return msg.Header.Get("Subject")
	}
	return s
}

// Sink is a running SMTP server on loopback.
type Sink struct {
	srv  *smtp.Server
	ln   net.Listener
	mu   sync.Mutex
	msgs []Message
	done chan struct{}
}

// Start listens on addr (use "127.0.0.1:0" for any free port) and serves.
func Start(addr string) (*Sink, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("mail sink: %w", err)
	}
	s := &Sink{ln: ln, done: make(chan struct{})}
	s.srv = smtp.NewServer(backend{s})
	s.srv.Domain = "localhost"
	s.srv.MaxMessageBytes = maxMessageBytes
	s.srv.ReadTimeout = 30 * time.Second
	s.srv.WriteTimeout = 30 * time.Second
	go func() {
		defer close(s.done)
		// Serve returns when Close closes the listener.
		_ = s.srv.Serve(ln)
	}()
	return s, nil
}

// Port returns the TCP port the sink listens on.
func (s *Sink) Port() int { return s.ln.Addr().(*net.TCPAddr).Port }

// Host returns the host the sink listens on.
func (s *Sink) Host() string { return s.ln.Addr().(*net.TCPAddr).IP.String() }

// Messages returns the messages received so far, oldest first.
func (s *Sink) Messages() []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Message(nil), s.msgs...)
}

// Close stops the server.
func (s *Sink) Close() error {
	err := s.srv.Close()
	<-s.done
	return err
}

func (s *Sink) add(m Message) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.msgs = append(s.msgs, m)
}

type backend struct{ s *Sink }

func (b backend) NewSession(*smtp.Conn) (smtp.Session, error) { return &session{sink: b.s}, nil }

// session is one SMTP conversation: MAIL, RCPT…, DATA.
type session struct {
	sink *Sink
	from string
	to   []string
}

func (s *session) Mail(from string, _ *smtp.MailOptions) error {
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
	s.sink.add(Message{From: s.from, To: append([]string(nil), s.to...), Received: time.Now(), Data: b})
	return nil
}

func (s *session) Reset()        { s.from, s.to = "", nil }
func (s *session) Logout() error { return nil }

// Parts returns the decoded text/plain and text/html parts of a message
// (a single-part message gives one of them).
func (m Message) Parts() (text, html string, err error) {
	msg, err := mail.ReadMessage(bytes.NewReader(m.Data))
	if err != nil {
		return "", "", fmt.Errorf("read message: %w", err)
	}
	err = walkParts(textproto.MIMEHeader(msg.Header), msg.Body, func(mediaType string, body []byte) {
		switch mediaType {
		case "text/plain":
			text = string(body)
		case "text/html":
			html = string(body)
		}
	})
	return text, html, err
}

// walkParts calls fn with the media type and decoded body of every leaf part.
func walkParts(h textproto.MIMEHeader, r io.Reader, fn func(mediaType string, body []byte)) error {
	mediaType, params, err := mime.ParseMediaType(h.Get("Content-Type"))
	if err != nil {
		mediaType = "text/plain"
	}
	if strings.HasPrefix(mediaType, "multipart/") {
		mr := multipart.NewReader(r, params["boundary"])
		for {
			p, err := mr.NextPart()
			if err == io.EOF {
				return nil
			}
			if err != nil {
				return fmt.Errorf("read part: %w", err)
			}
			if err := walkParts(p.Header, p, fn); err != nil {
				return err
			}
		}
	}
	// multipart.Part already undoes quoted-printable; base64 is left to us.
	if strings.EqualFold(h.Get("Content-Transfer-Encoding"), "base64") {
		r = base64.NewDecoder(base64.StdEncoding, r)
	}
	body, err := io.ReadAll(r)
	if err != nil {
		return fmt.Errorf("read part body: %w", err)
	}
	fn(mediaType, body)
	return nil
}
