package main

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/vksnews/vksnews/internal/extractbench"
	"github.com/vksnews/vksnews/internal/extractbench/extractors"
)

// runBenchExtract runs an extractor over the public article-extraction
// benchmark in DIR, writes DIR/output/NAME.json for its evaluate.py and
// prints the same F1, precision and recall.
func runBenchExtract(_ context.Context, e env, args []string) error {
	var c common
	fs := newFlags("bench-extract", e, &c)
	names := make([]string, 0, len(extractors.All))
	for n := range extractors.All {
		names = append(names, n)
	}
	sort.Strings(names)
	which := fs.String("extractor", "generic", "extractor to run: "+strings.Join(names, " | "))
	name := fs.String("name", "", "output `name` (default vksnews for generic, else the extractor's name)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usagef("want one benchmark DIR (holding ground-truth.json and html/)")
	}
	ex, ok := extractors.All[*which]
	if !ok {
		return usagef("unknown extractor %q (want %s)", *which, strings.Join(names, ", "))
	}
	if *name == "" {
		*name = *which
		if *which == "generic" {
			*name = "vksnews"
		}
	}
	dir := fs.Arg(0)
	pages, err := extractbench.Load(dir)
	if err != nil {
		return err
	}
	r := extractbench.Run(pages, ex)
	if err := extractbench.WriteOutput(dir, *name, *which, r.Bodies); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%s (%s) on %d pages: F1 %.3f  precision %.3f  recall %.3f  refused %d  %.1f ms/page\n",
		*name, *which, len(pages), r.Score.F1, r.Score.Precision, r.Score.Recall, len(r.Refused),
		float64(r.Duration.Microseconds())/1000/float64(len(pages)))
	fmt.Fprintf(e.stdout, "wrote %s/output/%s.json; score it with: cd %s && python3 evaluate.py --n-bootstrap 200\n", dir, *name, dir)
	return nil
}
