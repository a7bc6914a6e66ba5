package sampleportals

import "github.com/vksnews/vksnews/config"

// Portals returns the config entries that crawl the running sample
// portals, one per site, with their presets and no selectors.
func (s *Server) Portals() []config.Portal {
	var out []config.Portal
	for _, site := range Sites() {
		p := config.Portal{Name: site.Name, Title: site.Title, Unit: site.Unit, Preset: site.Preset}
		for _, path := range site.StartPaths {
			p.StartURLs = append(p.StartURLs, s.URL(site.Name)+path)
		}
		for _, path := range site.FeedPaths {
			p.Feeds = append(p.Feeds, s.URL(site.Name)+path)
		}
		out = append(out, p)
	}
	return out
}
