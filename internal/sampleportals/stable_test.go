package sampleportals

import (
	"net"
	"strings"
	"testing"
)

func TestStartStable(t *testing.T) {
	// Find a free run of ports by listening on :0 and using what follows.
	probe, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	base := probe.Addr().(*net.TCPAddr).Port
	probe.Close()
	a, err := StartStable(base)
	if err != nil {
		t.Fatal(err)
	}
	first := map[string]string{}
	for _, d := range siteDefs {
		first[d.site.Name] = a.URL(d.site.Name)
	}
	a.Close()
	b, err := StartStable(base)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	same := 0
	for name, u := range first {
		if b.URL(name) == u {
			same++
		}
		if !strings.HasPrefix(u, "http://127.0.0.1:") {
			t.Errorf("%s: %s", name, u)
		}
	}
	// Another process may take a port between the runs; most stay.
	if same < len(first)-1 {
		t.Errorf("only %d of %d sites kept their URL across restarts", same, len(first))
	}
	// A taken port falls back to a free one.
	c, err := StartStable(base)
	if err != nil {
		t.Fatalf("ports in use: %v", err)
	}
	c.Close()
}
