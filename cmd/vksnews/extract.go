package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/vksnews/vksnews/crawlers"
	"github.com/vksnews/vksnews/crawlers/extract"
	"github.com/vksnews/vksnews/internal/normalize"
)

func runExtract(ctx context.Context, e env, args []string) error {
	var c common
	fs := newFlags("extract", e, &c)
	portalName := fs.String("portal", "", "extract as this configured portal `name` (its preset, selectors and unit)")
	preset := fs.String("preset", "", "extract with this preset ("+strings.Join(extract.Presets(), ", ")+")")
	pageURL := fs.String("url", "", "the `URL` the page was saved from (required)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if (*portalName == "") == (*preset == "") {
		return usagef("give exactly one of --portal or --preset")
	}
	if *pageURL == "" {
		return usagef("--url is required")
	}
	if fs.NArg() != 1 {
		return usagef("want one FILE (or - for standard input)")
	}
	p := crawlers.Portal{Name: "extract", Preset: *preset}
	np := normalize.Portal{Name: "extract"}
	if *portalName != "" {
		cfg, err := c.loadConfig(e)
		if err != nil {
			return err
		}
		cp, ok := cfg.Portal(*portalName)
		if !ok {
			return usagef("unknown portal %q", *portalName)
		}
		loc, err := cfg.Location()
		if err != nil {
			return err
		}
		p = crawlers.Portal{Name: cp.Name, Preset: cp.Preset, Selectors: cp.Selectors}
		np = normalize.Portal{Name: cp.Name, Unit: cp.Unit, Location: loc}
	}
	body, err := readInput(e, fs.Arg(0))
	if err != nil {
		return err
	}
	page, err := crawlers.ExtractFile(p, *pageURL, body)
	if err != nil {
		return fmt.Errorf("extract %s: %w", fs.Arg(0), err)
	}
	enc := json.NewEncoder(e.stdout)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	a := normalize.Article(page.Raw, np)
	a.Images = page.Raw.Images
	return enc.Encode(a)
}

// maxInput bounds what extract reads, like the crawler's max_body_bytes.
const maxInput = 64 << 20

func readInput(e env, name string) ([]byte, error) {
	var r io.Reader = e.stdin
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		r = f
	}
	b, err := io.ReadAll(io.LimitReader(r, maxInput+1))
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	if len(b) > maxInput {
		return nil, fmt.Errorf("read %s: larger than %d bytes", name, maxInput)
	}
	return b, nil
}
