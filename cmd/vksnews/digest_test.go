package main

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/vksnews/vksnews/internal/mailsink"
)

// withDigest appends a digest section sending to sink to a config file.
func withDigest(t *testing.T, cfgPath string, sink *mailsink.Sink, smtpExtra string) {
	t.Helper()
	f, err := os.OpenFile(cfgPath, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	fmt.Fprintf(f, `digest:
  since: 87600h
  smtp: {host: %s, port: %d, from: "vksnews <noreply@example.org>", tls: none%s}
  subscriptions:
    - to: ["khanhhoa@example.org"]
      filters: {portal: khanhhoa}
    - to: ["phientoa@example.org"]
      query: '"phiên tòa"'
`, sink.Host(), sink.Port(), smtpExtra)
}

func TestDigestCommandSendsOnce(t *testing.T) {
	srv := startSamples(t)
	sink, err := mailsink.Start("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer sink.Close()
	cfgPath, _ := sampleConfig(t, srv, 4)
	withDigest(t, cfgPath, sink, "")
	if r := runCLI(t, "", "crawl", "--config", cfgPath); r.code != exitOK {
		t.Fatalf("crawl: %s", r.stderr)
	}

	r := runCLI(t, "", "digest", "--config", cfgPath, "--dry-run", "--raw")
	if r.code != exitOK || strings.Count(r.stdout, "Subject: ") != 2 || !strings.Contains(r.stdout, "Content-Type: text/html") {
		t.Fatalf("dry run --raw: %d %s\n%.2000s", r.code, r.stderr, r.stdout)
	}
	// Without --raw the messages are decoded for reading.
	r = runCLI(t, "", "digest", "--config", cfgPath, "--dry-run")
	if r.code != exitOK || strings.Count(r.stdout, "Subject: Tin VKSND") != 2 || strings.Contains(r.stdout, "Content-Transfer-Encoding") {
		t.Fatalf("dry run: %d %s\n%.2000s", r.code, r.stderr, r.stdout)
	}
	if len(sink.Messages()) != 0 {
		t.Fatal("--dry-run sent mail")
	}

	if r := runCLI(t, "", "digest", "--config", cfgPath); r.code != exitOK {
		t.Fatalf("digest: %d %s", r.code, r.stderr)
	}
	msgs := sink.Messages()
	if len(msgs) != 2 {
		t.Fatalf("sent %d messages, want 2", len(msgs))
	}
	for _, m := range msgs {
		switch m.To[0] {
		case "khanhhoa@example.org":
			if !strings.Contains(m.Subject(), "11 bài mới") {
				t.Errorf("khanhhoa digest subject %q", m.Subject())
			}
		case "phientoa@example.org":
			// The digest holds exactly what a search for the query finds.
			found := runCLI(t, "", "search", "--config", cfgPath, "--json", "--size", "100", `"phiên tòa"`)
			n := strings.Count(found.stdout, "\n")
			if n == 0 || n >= 44 || !strings.Contains(m.Subject(), fmt.Sprintf(": %d bài mới", n)) {
				t.Errorf("query digest subject %q, want %d articles", m.Subject(), n)
			}
		default:
			t.Errorf("mail to %q", m.To)
		}
	}

	// Nothing new: nothing sent again.
	if r := runCLI(t, "", "digest", "--config", cfgPath); r.code != exitOK {
		t.Fatalf("second digest: %s", r.stderr)
	}
	if n := len(sink.Messages()); n != 2 {
		t.Errorf("after a second run %d messages, want still 2", n)
	}
}

func TestServeRefusesBadDigestConfig(t *testing.T) {
	srv := startSamples(t)
	sink, err := mailsink.Start("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer sink.Close()
	cfgPath, _ := sampleConfig(t, srv, 4)
	withDigest(t, cfgPath, sink, `, username: "vks", password_env: VKSNEWS_TEST_NO_SUCH_PASSWORD`)
	r := runCLI(t, "", "serve", "--config", cfgPath, "--addr", "127.0.0.1:0")
	if r.code != exitFail || !strings.Contains(r.stderr, "password_env") {
		t.Errorf("serve with a missing password: code %d, %q", r.code, r.stderr)
	}
}
