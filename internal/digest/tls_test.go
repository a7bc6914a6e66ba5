package digest

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"math/big"
	"net"
	"testing"
	"time"

	"github.com/emersion/go-smtp"
)

// selfSigned returns a server certificate for 127.0.0.1 and a client
// configuration that trusts it.
func selfSigned(t *testing.T) (server, client *tls.Config) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1),
		Subject:      pkix.Name{CommonName: "127.0.0.1"},
		IPAddresses:  []net.IP{net.ParseIP("127.0.0.1")},
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(time.Hour),
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	pool := x509.NewCertPool()
	pool.AddCert(cert)
	return &tls.Config{Certificates: []tls.Certificate{{Certificate: [][]byte{der}, PrivateKey: key}}},
		&tls.Config{RootCAs: pool, ServerName: "127.0.0.1", MinVersion: tls.VersionTLS12}
}

// startTLSServer starts an SMTP server that offers STARTTLS (implicit false)
// or speaks TLS from the first byte (implicit true).
func startTLSServer(t *testing.T, mb *mailbox, cfg *tls.Config, implicit bool) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	srv := smtp.NewServer(backend{mb})
	srv.Domain = "localhost"
	srv.TLSConfig = cfg
	if implicit {
		l = tls.NewListener(l, cfg)
	}
	go func() { _ = srv.Serve(l) }()
	t.Cleanup(func() { _ = srv.Close() })
	return port
}

func TestTLSModes(t *testing.T) {
	serverTLS, clientTLS := selfSigned(t)
	tests := []struct {
		name, mode string
		server     func(*testing.T, *mailbox) int
		ok         bool
	}{
		{"starttls", "starttls", func(t *testing.T, mb *mailbox) int { return startTLSServer(t, mb, serverTLS, false) }, true},
		{"implicit tls", "tls", func(t *testing.T, mb *mailbox) int { return startTLSServer(t, mb, serverTLS, true) }, true},
		// starttls is mandatory: a server that does not offer it gets nothing.
		{"starttls required", "starttls", startSMTP, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			mb := &mailbox{}
			st := openStore(t)
			fourArticles(t, st)
			cfg := testConfig(tt.server(t, mb), everything)
			cfg.Digest.SMTP.TLS = tt.mode
			d := newDigest(t, cfg, st, withTLSConfig(clientTLS))
			sent, err := d.Run(context.Background(), day0, false, nil)
			if tt.ok != (err == nil && sent == 1) {
				t.Fatalf("Run = %d, %v", sent, err)
			}
			if got := len(mb.messages()); got != sent {
				t.Errorf("server received %d messages, Run reported %d", got, sent)
			}
			if _, moved := watermark(t, d, st, 0); moved != tt.ok {
				t.Errorf("watermark moved = %v, want %v", moved, tt.ok)
			}
		})
	}
}
