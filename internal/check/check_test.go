package check

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/vksnews/vksnews/crawlers"
	"github.com/vksnews/vksnews/crawlers/extract"
	"github.com/vksnews/vksnews/internal/normalize"
	"github.com/vksnews/vksnews/internal/sampleportals"
)

func portalOf(name, preset, title, unit string) Portal {
	return Portal{
		Crawl:     crawlers.Portal{Name: name, Preset: preset},
		Normalize: normalize.Portal{Name: name, Unit: unit},
		Title:     title,
	}
}

// TestSamplePortalsOnlineAndOffline checks every bundled sample portal over
// HTTP, then again from the same pages saved, and wants the same report.
func TestSamplePortalsOnlineAndOffline(t *testing.T) {
	srv, err := sampleportals.Start()
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	ctx := context.Background()
	for _, cp := range srv.Portals() {
		t.Run(cp.Name, func(t *testing.T) {
			p := Portal{
				Crawl:     crawlers.Portal{Name: cp.Name, Preset: cp.Preset, Selectors: extract.Selectors(cp.Selectors)},
				Normalize: normalize.Portal{Name: cp.Name, Unit: cp.Unit},
				Title:     cp.Title,
			}
			online := HTTPSource(nil, crawlers.Options{UserAgent: "vksnews-test"})
			start, err := online.Fetch(ctx, cp.StartURLs[0])
			if err != nil {
				t.Fatal(err)
			}
			rep, err := Run(ctx, p, start, online, 0)
			if err != nil {
				t.Fatalf("online: %v", err)
			}
			if len(rep.Links) < 3 || len(rep.Next) == 0 || len(rep.Articles) != DefaultArticles {
				t.Fatalf("online: %d links, next %q, %d articles", len(rep.Links), rep.Next, len(rep.Articles))
			}
			for _, a := range rep.Articles {
				if a.Err != nil {
					t.Errorf("online: %s: %v", a.URL, a.Err)
				}
				for _, w := range a.Warnings {
					t.Errorf("online: %s: unexpected warning %q", a.URL, w)
				}
			}

			// The same pages, saved: links matched by order, no network.
			var saved []Page
			for _, a := range rep.Articles {
				pg, err := online.Fetch(ctx, a.URL)
				if err != nil {
					t.Fatal(err)
				}
				saved = append(saved, Page{Body: pg.Body})
			}
			off, err := Run(ctx, p, Page{URL: start.URL, Body: start.Body}, Source{Saved: saved}, 0)
			if err != nil {
				t.Fatalf("offline: %v", err)
			}
			if got, want := summary(off), summary(rep); got != want {
				t.Errorf("offline report differs:\n%s\nonline:\n%s", got, want)
			}
		})
	}
}

// summary is the part of a report that must not depend on the network.
func summary(r Report) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d links %q\n", len(r.Links), r.Next)
	for _, a := range r.Articles {
		fmt.Fprintf(&b, "%s | %v | %s | %d | %q\n", a.Article.Title, a.Article.Published, a.Article.Unit.Name, len(a.Article.Body), a.Warnings)
	}
	return b.String()
}

const listHTML = `<html><head><title>Tin tức</title></head><body><div class="list">
<h3><a href="/tin/hoi-nghi-so-ket-cong-tac-quy-mot-101.html">Hội nghị sơ kết công tác kiểm sát quý I năm 2024</a></h3>
<h3><a href="/tin/trao-quyet-dinh-bo-nhiem-pho-vien-truong-102.html">Trao quyết định bổ nhiệm Phó Viện trưởng khu vực 2</a></h3>
<h3><a href="/tin/tap-huan-ky-nang-kiem-sat-vien-103.html">Tập huấn kỹ năng cho Kiểm sát viên hai cấp năm 2024</a></h3>
</div></body></html>`

// articleHTML is a page whose only heading is the site's name, as on a
// template where the title selector finds the header.
func articleHTML(date, body string) string {
	return `<html><head><title>Viện kiểm sát nhân dân tỉnh Khánh Hòa</title></head><body>
<h1>Viện kiểm sát nhân dân tỉnh Khánh Hòa</h1>` + date + `<div class="content"><p>` + body + `</p></div></body></html>`
}

func TestWarnings(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/tin/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, articleHTML("", "Vừa qua, VKSND tỉnh Khánh Hòa tổ chức hội nghị ngắn."))
	})
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, listHTML)
	})
	ts := httptest.NewServer(mux)
	defer ts.Close()
	ctx := context.Background()
	p := portalOf("mau", "generic", "Viện kiểm sát nhân dân tỉnh Khánh Hòa", "VKSND tỉnh Khánh Hòa")
	// The operator's body selector, so that a short body is still a body.
	p.Crawl.Selectors.Body = ".content"
	src := HTTPSource(ts.Client(), crawlers.Options{})
	start, err := src.Fetch(ctx, ts.URL+"/")
	if err != nil {
		t.Fatal(err)
	}
	rep, err := Run(ctx, p, start, src, 3)
	if err != nil {
		t.Fatal(err, rep.Articles)
	}
	if len(rep.Articles) != 3 {
		t.Fatalf("%d articles", len(rep.Articles))
	}
	want := []string{"no date", "title is the site name", "body is ", "same title as article 1"}
	var out strings.Builder
	if err := Write(&out, rep); err != nil {
		t.Fatal(err)
	}
	for _, w := range want {
		if !strings.Contains(out.String(), "WARNING: "+w) {
			t.Errorf("report lacks warning %q:\n%s", w, out.String())
		}
	}
	if !strings.Contains(out.String(), "WARNING: no next page") {
		t.Errorf("report lacks the no-next-page warning")
	}
}

func TestNoArticle(t *testing.T) {
	p := portalOf("mau", "generic", "Mẫu", "")
	for _, tc := range []struct {
		name string
		body string
		src  Source
	}{
		{"empty list, offline", `<html><body><p>Trang chủ</p></body></html>`, Source{}},
		{"links that fail, online", listHTML, Source{Fetch: func(context.Context, string) (Page, error) {
			return Page{}, errors.New("status 404")
		}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Run(context.Background(), p, Page{URL: "http://example.test/", Body: []byte(tc.body)}, tc.src, 3)
			if !errors.Is(err, ErrNoArticle) {
				t.Errorf("err = %v, want ErrNoArticle", err)
			}
		})
	}
}

// An article page given as the start page is checked as one article.
func TestStartPageIsArticle(t *testing.T) {
	body := strings.Repeat("Viện kiểm sát nhân dân tỉnh Khánh Hòa tổ chức hội nghị triển khai công tác năm 2024. ", 8)
	page := `<html><head><title>Tin</title></head><body><h1>Hội nghị triển khai công tác năm 2024 của ngành</h1><div class="date">Thứ hai, 08/01/2024 | 10:00</div><div class="content"><p>` + body + `</p></div></body></html>`
	rep, err := Run(context.Background(), portalOf("mau", "generic", "Mẫu", "VKSND tỉnh Khánh Hòa"), Page{URL: "http://example.test/tin/a-1.html", Body: []byte(page)}, Source{}, 3)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Articles) != 1 || rep.Articles[0].Article.Published == nil || len(rep.Articles[0].Warnings) != 0 {
		t.Fatalf("got %+v", rep.Articles)
	}
}
