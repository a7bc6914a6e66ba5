// Command loadtest measures vksnews serve while a crawl indexes: it serves a
// synthetic portal of N articles on loopback, starts `vksnews serve` on a
// fresh data dir, starts a crawl through POST /api/crawl, and runs searches
// from concurrent clients until every article is indexed, sampling serve's
// RSS from /proc. Then it runs the same searches on the idle server, over
// the full archive, for the comparison. It prints a Markdown report for
// docs/RELIABILITY.md.
//
//	go build -o /tmp/vksnews ./cmd/vksnews
//	go run ./scripts/loadtest --bin /tmp/vksnews --articles 6000
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"html/template"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/vksnews/vksnews/internal/synthcorpus"

	"github.com/vksnews/vksnews/internal/article"
)

func main() {
	bin := flag.String("bin", "/tmp/vksnews", "the vksnews binary")
	n := flag.Int("articles", 6000, "articles on the synthetic portal")
	clients := flag.Int("clients", 4, "concurrent search clients")
	idle := flag.Duration("idle", 20*time.Second, "how long to search the idle server after the crawl")
	limit := flag.Duration("timeout", 15*time.Minute, "give up after this long")
	flag.Parse()
	ctx, cancel := context.WithTimeout(context.Background(), *limit)
	defer cancel()
	if err := run(ctx, *bin, *n, *clients, *idle); err != nil {
		fmt.Fprintln(os.Stderr, "loadtest:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, bin string, n, clients int, idle time.Duration) error {
	portal, err := servePortal(synthcorpus.Articles(n, 11))
	if err != nil {
		return err
	}
	defer portal.Close()
	dir, err := os.MkdirTemp("", "vksnews-loadtest-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	cfg := filepath.Join(dir, "vksnews.yaml")
	doc := fmt.Sprintf(`data_dir: %s/data
crawl: {delay: 0s, parallelism: 4, respect_robots: false}
portals:
  - name: synth
    unit: "VKSND tỉnh Khánh Hòa"
    start_urls: ["%s/tin-tuc/"]
    schedule: "0 0 1 1 *"
    selectors: {article_links: "h3 > a", next_page: "a.next", title: "h1", published: ".date", body: "#content"}
`, dir, portal.URL)
	if err := os.WriteFile(cfg, []byte(doc), 0o644); err != nil {
		return err
	}
	addr, err := freeAddr()
	if err != nil {
		return err
	}
	base := "http://" + addr
	cmd := exec.CommandContext(ctx, bin, "serve", "--config", cfg, "--addr", addr)
	cmd.Env = append(os.Environ(), "VKSNEWS_ADMIN_TOKEN=loadtest")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if p := os.Getenv("LOADTEST_SERVE_STDERR"); p != "" {
		f, err := os.Create(p)
		if err != nil {
			return err
		}
		defer f.Close()
		cmd.Stderr = io.MultiWriter(&stderr, f)
	}
	if err := cmd.Start(); err != nil {
		return err
	}
	defer func() {
		cmd.Process.Signal(os.Interrupt)
		cmd.Wait()
	}()
	if err := waitUp(ctx, base); err != nil {
		return fmt.Errorf("%w\n%s", err, stderr.String())
	}
	pid := cmd.Process.Pid
	startRSS := rss(pid, "VmRSS")

	// The crawl, with searches and RSS samples until every article is in.
	var peak, peakAnon int64
	stopRSS := sample(pid, &peak, &peakAnon)
	req, _ := http.NewRequestWithContext(ctx, "POST", base+"/api/crawl", nil)
	req.Header.Set("Authorization", "Bearer loadtest")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusAccepted {
		return fmt.Errorf("POST /api/crawl: %s", resp.Status)
	}
	began := time.Now()
	done := make(chan struct{})
	var crawlErr error
	go func() {
		defer close(done)
		crawlErr = waitIndexed(ctx, base, n)
	}()
	during := search(ctx, base, clients, done)
	crawlTook := time.Since(began)
	stopRSS()
	if crawlErr != nil {
		return fmt.Errorf("crawl: %w\n%s", crawlErr, stderr.String())
	}
	hwm := rss(pid, "VmHWM")

	// The same searches on the idle server, over the whole archive.
	time.Sleep(3 * time.Second) // let the index's merges settle
	idleRSS := rss(pid, "VmRSS")
	stop := make(chan struct{})
	time.AfterFunc(idle, func() { close(stop) })
	after := search(ctx, base, clients, stop)

	fmt.Printf("machine: %d CPUs, %s/%s, %s; %s\n\n", runtime.NumCPU(), runtime.GOOS, runtime.GOARCH, runtime.Version(), time.Now().UTC().Format("2006-01-02 15:04 UTC"))
	fmt.Printf("crawl of %d articles through POST /api/crawl: %.1f s; %d search clients\n\n", n, crawlTook.Seconds(), clients)
	fmt.Println("| searches | requests | errors | p50 ms | p95 ms | max ms |")
	fmt.Println("|---|---|---|---|---|---|")
	for _, r := range []struct {
		name string
		l    latencies
	}{
		{"during the crawl", during},
		{"during its last third", during.since(began.Add(crawlTook * 2 / 3))},
		{"idle, after it", after},
	} {
		fmt.Printf("| %s | %d | %d | %.1f | %.1f | %.1f |\n", r.name, len(r.l.ms), r.l.errors, r.l.pct(50), r.l.pct(95), r.l.pct(100))
	}
	fmt.Printf("\np95 during / p95 idle: %.2f (last third: %.2f)\n\n", during.pct(95)/after.pct(95),
		during.since(began.Add(crawlTook*2/3)).pct(95)/after.pct(95))
	fmt.Printf("serve RSS: %d MB at start, peak %d MB sampled during the crawl (of which anonymous %d MB; VmHWM %d MB), %d MB idle after it\n",
		startRSS>>20, peak>>20, peakAnon>>20, hwm>>20, idleRSS>>20)
	return nil
}

// queries are the searches the clients cycle through: words with and
// without diacritics, a phrase, a filter, a date sort.
var queries = []string{
	"q=vien+kiem+sat&size=20",
	"q=" + url.QueryEscape(`"phiên tòa rút kinh nghiệm"`),
	"q=" + url.QueryEscape("tập huấn") + "&province_now=" + url.QueryEscape("Khánh Hòa"),
	"q=khanh+hoa&sort=date&level=tinh",
	"q=tong+ket+cong+tac&page=2",
}

type latencies struct {
	ms     []float64
	at     []time.Time // when each search of ms started
	errors int
}

// since keeps the searches that started at t or later.
func (l latencies) since(t time.Time) latencies {
	var out latencies
	for i, at := range l.at {
		if !at.Before(t) {
			out.ms = append(out.ms, l.ms[i])
			out.at = append(out.at, at)
		}
	}
	return out
}

func (l latencies) pct(p int) float64 {
	if len(l.ms) == 0 {
		return 0
	}
	s := slices.Clone(l.ms)
	slices.Sort(s)
	i := (len(s)*p + 99) / 100
	return s[max(0, min(i, len(s))-1)]
}

// search runs clients that search in a loop until stop is closed.
func search(ctx context.Context, base string, clients int, stop <-chan struct{}) latencies {
	var mu sync.Mutex
	var all latencies
	var wg sync.WaitGroup
	for c := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := c; ; i++ {
				select {
				case <-stop:
					return
				case <-ctx.Done():
					return
				default:
				}
				t := time.Now()
				resp, err := http.Get(base + "/api/search?" + queries[i%len(queries)])
				ok := err == nil && resp.StatusCode == http.StatusOK
				if err == nil {
					io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
				}
				ms := float64(time.Since(t).Microseconds()) / 1000
				mu.Lock()
				if ok {
					all.ms = append(all.ms, ms)
					all.at = append(all.at, t)
				} else {
					all.errors++
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	return all
}

// waitIndexed polls the index's total until it reaches n.
func waitIndexed(ctx context.Context, base string, n int) error {
	for {
		var res struct{ Total int }
		resp, err := http.Get(base + "/api/search?size=1")
		if err == nil {
			err = json.NewDecoder(resp.Body).Decode(&res)
			resp.Body.Close()
		}
		if err == nil && res.Total >= n {
			return nil
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("%d of %d articles indexed: %w", res.Total, n, ctx.Err())
		case <-time.After(500 * time.Millisecond):
		}
	}
}

// sample records the highest RSS of pid, and the highest of its anonymous
// part (the Go heap and stacks, without the mmapped store and index files),
// every 100 ms until the returned function is called.
func sample(pid int, peak, peakAnon *int64) func() {
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			*peak = max(*peak, rss(pid, "VmRSS"))
			*peakAnon = max(*peakAnon, rss(pid, "RssAnon"))
			select {
			case <-stop:
				return
			case <-time.After(100 * time.Millisecond):
			}
		}
	}()
	return func() { close(stop); wg.Wait() }
}

// rss reads a size field (VmRSS, VmHWM) of /proc/pid/status, in bytes.
func rss(pid int, field string) int64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, field+":"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			return kb << 10
		}
	}
	return 0
}

func waitUp(ctx context.Context, base string) error {
	for {
		resp, err := http.Get(base + "/healthz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
		}
		select {
		case <-ctx.Done():
			return errors.New("serve did not come up")
		case <-time.After(200 * time.Millisecond):
		}
	}
}

func freeAddr() (string, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer l.Close()
	return l.Addr().String(), nil
}

// perList is how many articles a list page links to.
const perList = 20

var (
	listPage = template.Must(template.New("list").Parse(`<!doctype html><html><head><meta charset="utf-8"><title>Tin tức</title></head><body>
{{range .Articles}}<h3><a href="/tin-tuc/{{.ID}}.html">{{.Title}}</a></h3>
{{end}}{{if .Next}}<a class="next" href="{{.Next}}">Trang sau</a>{{end}}</body></html>`))
	articlePage = template.Must(template.New("article").Parse(`<!doctype html><html><head><meta charset="utf-8"><title>{{.Title}}</title></head><body>
<h1>{{.Title}}</h1><span class="date">{{.Date}}</span><div id="content">{{range .Paras}}<p>{{.}}</p>
{{end}}</div></body></html>`))
)

// servePortal serves arts as a plain news site: list pages of perList
// links under /tin-tuc/ (?page=N), one page per article.
func servePortal(arts []article.Article) (*httpServer, error) {
	byID := map[string]article.Article{}
	for _, a := range arts {
		byID[a.ID] = a
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /tin-tuc/{$}", func(w http.ResponseWriter, r *http.Request) {
		page, _ := strconv.Atoi(r.URL.Query().Get("page"))
		page = max(page, 1)
		lo, hi := (page-1)*perList, min(page*perList, len(arts))
		if lo >= len(arts) {
			http.NotFound(w, r)
			return
		}
		data := struct {
			Articles []article.Article
			Next     string
		}{Articles: arts[lo:hi]}
		if hi < len(arts) {
			data.Next = "/tin-tuc/?page=" + strconv.Itoa(page+1)
		}
		listPage.Execute(w, data)
	})
	mux.HandleFunc("GET /tin-tuc/{file}", func(w http.ResponseWriter, r *http.Request) {
		a, ok := byID[strings.TrimSuffix(r.PathValue("file"), ".html")]
		if !ok {
			http.NotFound(w, r)
			return
		}
		date := ""
		if a.Published != nil {
			date = a.Published.Format("02/01/2006 15:04")
		}
		articlePage.Execute(w, struct {
			Title, Date string
			Paras       []string
		}{a.Title, date, strings.Split(a.Body, "\n\n")})
	})
	return newHTTPServer(mux)
}

// httpServer is a loopback server with its URL.
type httpServer struct {
	URL string
	srv *http.Server
}

func newHTTPServer(h http.Handler) (*httpServer, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	s := &httpServer{URL: "http://" + l.Addr().String(), srv: &http.Server{Handler: h, ReadHeaderTimeout: 5 * time.Second}}
	go s.srv.Serve(l)
	return s, nil
}

func (s *httpServer) Close() { s.srv.Close() }
