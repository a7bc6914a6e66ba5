package sampleportals

import (
	"fmt"
	"html/template"
	"net/url"
	"strings"

	"golang.org/x/text/unicode/norm"
)

// wpView is the data of every WordPress page template.
type wpView struct {
	PageTitle, BodyClass, Canonical string
	Recent                          []link

	Items []link
	Pager pager

	ID                           int
	Title, Date, DateISO, Author string
	Summary                      string
	Body                         template.HTML
	Related                      []link
	PrevPost, NextPost           link
}

const (
	wpListPath    = "/category/tin-hoat-dong/"
	wpPrivatePath = "/private/"
)

// routeWordPress maps a request to its page by path alone: WordPress with
// pretty permalinks ignores query parameters it does not know.
func routeWordPress(u *url.URL) string {
	if strings.HasPrefix(u.Path, "/wp-json/") {
		if n := u.Query().Get("page"); n != "" && n != "1" {
			return u.Path + "?page=" + n
		}
	}
	return u.Path
}

// wpPath is the permalink of an article (/%year%/%monthnum%/%day%/%postname%/),
// or its path under the robots-disallowed prefix.
func wpPath(a *articleData) string {
	if a.has(trapPrivate) {
		return wpPrivatePath + a.Slug + "/"
	}
	return a.published.Format("/2006/01/02/") + a.Slug + "/"
}

// wpImage is the upload path of an article's n-th photo.
func wpImage(a *articleData, n int) string {
	return fmt.Sprintf("/wp-content/uploads/%s/%s-%d-1024x683.jpg", a.published.Format("2006/01"), a.Slug, n)
}

// buildTravinh renders the WordPress portal.
func buildTravinh(site Site) (*siteBuild, error) {
	arts, err := loadContent(site.Name)
	if err != nil {
		return nil, err
	}
	t, err := parseTemplates("travinh.html")
	if err != nil {
		return nil, err
	}
	b := newBuild(site, routeWordPress)

	var public []*articleData
	for _, a := range arts {
		if a.expected() {
			public = append(public, a)
		}
	}
	toLink := func(a *articleData) link {
		return link{ID: a.ID, URL: wpPath(a), Title: a.Title, Date: a.published.Format("02/01/2006"),
			DateISO: a.published.Format("2006-01-02T15:04:05-07:00"), Summary: a.Summary, Image: wpImage(a, 0)}
	}
	var recent []link
	for _, a := range public[:5] {
		recent = append(recent, toLink(a))
	}

	listURL := func(p int) string {
		if p == 1 {
			return wpListPath
		}
		return fmt.Sprintf("%spage/%d/", wpListPath, p)
	}
	ranges, pagers := paginate(len(arts), 4, listURL)
	for i, r := range ranges {
		v := wpView{PageTitle: "Tin hoạt động", BodyClass: "archive category category-tin-hoat-dong category-2 hfeed", Recent: recent, Pager: pagers[i]}
		if i > 0 {
			v.PageTitle = fmt.Sprintf("Tin hoạt động – Trang %d", i+1)
			v.BodyClass += " paged paged-" + fmt.Sprint(i+1)
		}
		for _, a := range arts[r[0]:r[1]] {
			v.Items = append(v.Items, toLink(a))
		}
		if err := b.render(t, "list", listURL(i+1), v); err != nil {
			return nil, err
		}
		b.lists = append(b.lists, listURL(i+1))
	}

	for i, a := range arts {
		p := wpPath(a)
		v := wpView{
			PageTitle: a.Title, BodyClass: fmt.Sprintf("post-template-default single single-post postid-%d single-format-standard", a.ID),
			Canonical: p, Recent: recent, ID: a.ID, Title: a.Title, Date: a.published.Format("02/01/2006"),
			DateISO: a.published.Format("2006-01-02T15:04:05-07:00"), Author: a.Author, Summary: a.Summary,
			Body: renderBlocks(a,
				func(s string) string { return "<p>" + s + "</p>" },
				func(n int, c string) string {
					return fmt.Sprintf(`<figure class="wp-block-image size-large"><img decoding="async" width="1024" height="683" src="%s" alt="" class="wp-image-%d"/><figcaption class="wp-element-caption">%s</figcaption></figure>`, wpImage(a, n), a.ID*10+n, c)
				}),
		}
		if i > 0 && arts[i-1].expected() {
			v.NextPost = toLink(arts[i-1])
		}
		if i+1 < len(arts) && arts[i+1].expected() {
			v.PrevPost = toLink(arts[i+1])
		}
		for j := 1; len(v.Related) < 3 && j < len(public); j++ {
			o := public[(indexOf(public, a)+j*3)%len(public)]
			if o != a {
				v.Related = append(v.Related, toLink(o))
			}
		}
		body, err := execute(t, "article", v)
		if err != nil {
			return nil, err
		}
		if a.has(trapNFD) {
			body = norm.NFD.Bytes(body)
		}
		if err := b.add(p, typeHTML, body); err != nil {
			return nil, err
		}
		if !a.expected() {
			b.private = append(b.private, p)
			continue
		}
		excl := []string{"Chia sẻ:", "Bài viết liên quan", "Bài viết mới", "Chuyên mục", "Vận hành bởi WordPress"}
		if len(v.Related) > 0 {
			excl = append(excl, v.Related[0].Title)
		}
		b.expect(a, p, pickExcludes(a.cleanText(), excl...))
	}

	for path, v := range map[string]wpView{
		"/":            {PageTitle: "Trang chủ", BodyClass: "home page", Recent: recent, Title: "Viện kiểm sát nhân dân tỉnh Trà Vinh", Summary: "Trang thông tin điện tử Viện kiểm sát nhân dân tỉnh Trà Vinh."},
		"/gioi-thieu/": {PageTitle: "Giới thiệu", BodyClass: "page", Recent: recent, Title: "Giới thiệu", Summary: "Viện kiểm sát nhân dân tỉnh Trà Vinh thực hành quyền công tố và kiểm sát hoạt động tư pháp tại địa phương."},
		"/lien-he/":    {PageTitle: "Liên hệ", BodyClass: "page", Recent: recent, Title: "Liên hệ", Summary: "Số 8 Phạm Ngũ Lão, phường 1, thành phố Trà Vinh."},
	} {
		if err := b.render(t, "static", path, v); err != nil {
			return nil, err
		}
	}

	var feed []rssItem
	for _, a := range public {
		feed = append(feed, rssItem{Title: a.Title, Link: wpPath(a), Description: a.Summary, Category: "Tin hoạt động",
			Creator: "Ban biên tập", PubDate: a.published.UTC().Format("Mon, 02 Jan 2006 15:04:05 +0000")})
	}
	rss, err := renderRSS(rssChannel{Title: "Viện kiểm sát nhân dân tỉnh Trà Vinh", Self: "/feed/", Link: "/",
		Description: "Công minh, chính trực, khách quan, thận trọng, khiêm tốn", Generator: "https://wordpress.org/?v=6.4.3", Items: feed})
	if err != nil {
		return nil, err
	}
	if err := b.add("/feed/", typeRSS, rss); err != nil {
		return nil, err
	}
	if err := addWPAPI(b, public); err != nil {
		return nil, err
	}
	robots := "User-agent: *\nDisallow: /wp-admin/\nAllow: /wp-admin/admin-ajax.php\nDisallow: " + wpPrivatePath + "\n"
	if err := b.add("/robots.txt", typeText, []byte(robots)); err != nil {
		return nil, err
	}
	return b, nil
}

// indexOf returns the position of a in arts, or -1.
func indexOf(arts []*articleData, a *articleData) int {
	for i, x := range arts {
		if x == a {
			return i
		}
	}
	return -1
}
