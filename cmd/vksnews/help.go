package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"runtime/debug"
	"strings"
)

// commandDoc is the help of one command: a one-line summary, its synopsis
// (the arguments it takes) and an example.
type commandDoc struct {
	summary, synopsis, example string
}

// docs holds each command's help. It is apart from commands, whose run
// functions print it: one table referring to the other would be an
// initialization cycle.
var docs = map[string]commandDoc{
	"bench":         {"measure indexing and search on a synthetic corpus (prints Markdown)", "bench [--articles N] [--clients N] [--queries N] [--compact] [--data DIR]", "vksnews bench --articles 20000"},
	"bench crawl":   {"crawl a synthetic NukeViet portal on loopback and measure the crawl (prints Markdown)", "bench crawl [--articles N] [--parallelism N] [--data DIR]", "vksnews bench crawl --articles 20000"},
	"bench-extract": {"score an extractor on the public article-extraction benchmark in DIR", "bench-extract [--extractor generic|trafilatura] [--name NAME] DIR", "vksnews bench-extract /tmp/aeb"},
	"crawl":         {"one crawl pass now; prints a summary per portal", "crawl [--portal NAME]... [--max-pages N] [--refresh]", "vksnews crawl --portal khanhhoa --max-pages 20"},
	"extract":       {"extract and normalize one saved page; prints the article JSON", "extract (--portal NAME | --preset P) --url URL FILE|-", "vksnews extract --preset nukeviet --url https://example.gov.vn/a.html page.html"},
	"export":        {"write every matching article to stdout (jsonl or csv)", "export [--format jsonl|csv] [filters] [QUERY]", "vksnews export --format csv --province_now \"Khánh Hòa\" --from 2025-01-01 > khanhhoa.csv"},
	"digest":        {"build the digest email and send it (--dry-run prints it)", "digest [--since 24h] [--dry-run [--raw]] [--subscription N]", "vksnews digest --dry-run --since 48h"},
	"demo":          {"crawl the bundled sample portals into a fresh data dir and show the result", "demo [--addr HOST:PORT]", "vksnews demo --addr 127.0.0.1:8080"},
	"serve":         {"serve the API, run scheduled crawls, until SIGINT/SIGTERM", "serve [--addr HOST:PORT]", "vksnews serve --config /etc/vksnews.yaml"},
	"search":        {"search the index; --json prints one article JSON per line", "search [--json] [--sort relevance|date] [--page N] [--size N] [filters] QUERY", "vksnews search \"tập huấn\" -\"phiên tòa\" --level tinh --size 5"},
	"reindex":       {"rebuild the search index from the store", "reindex", "vksnews reindex --data ./data"},
	"renormalize":   {"reapply the current normalization rules to every stored page", "renormalize", "vksnews renormalize --data ./data"},
	"version":       {"print the version and the build's commit", "version", "vksnews version"},
}

// printCommandHelp writes the help of the command of fs: synopsis, flags
// (with each filter's valid values) and an example.
func printCommandHelp(w io.Writer, fs *flag.FlagSet) {
	name := strings.TrimPrefix(fs.Name(), "vksnews ")
	d := docs[name]
	if d.synopsis == "" {
		d.synopsis = name + " [flags]"
	}
	fmt.Fprintf(w, "usage: vksnews %s\n\n", d.synopsis)
	if d.summary != "" {
		fmt.Fprintf(w, "%s.\n\n", strings.ToUpper(d.summary[:1])+d.summary[1:])
	}
	fmt.Fprintln(w, "flags (before or after the arguments; -- ends them):")
	out := fs.Output()
	fs.SetOutput(w)
	fs.PrintDefaults()
	fs.SetOutput(out)
	if d.example != "" {
		fmt.Fprintf(w, "\nexample:\n  %s\n", d.example)
	}
}

// runHelp is "vksnews help [COMMAND]".
func runHelp(ctx context.Context, e env, args []string) error {
	if len(args) == 0 {
		printUsage(e.stdout)
		return nil
	}
	// A command's name is one word or, for a subcommand, two ("bench crawl").
	name := strings.Join(args, " ")
	if _, ok := docs[name]; !ok || len(args) > 2 {
		return usagef("unknown command %q (run vksnews help)", name)
	}
	// The command prints its own help, with its real flags.
	e.stderr = e.stdout
	err := runCommand(ctx, e, args[0], append(args[1:], "--help"))
	if err == errHelp {
		return nil
	}
	return err
}

// buildCommit is the commit, for builds without the toolchain's VCS stamp
// (GOFLAGS=-buildvcs=false, go run, a source tarball):
// go build -ldflags "-X main.buildCommit=$(git rev-parse HEAD)". The linker
// sets it; nothing assigns it at run time.
var buildCommit string

// runVersion prints the module version and the commit the binary was built
// from, as the Go toolchain recorded them.
func runVersion(ctx context.Context, e env, args []string) error {
	var c common
	fs := newFlags("version", e, &c)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("unexpected argument %q", fs.Arg(0))
	}
	fmt.Fprintln(e.stdout, versionLine(debug.ReadBuildInfo()))
	return nil
}

// versionLine formats the build information: "vksnews VERSION (commit C,
// TIME[, modified]) GOVERSION".
func versionLine(bi *debug.BuildInfo, ok bool) string {
	if !ok {
		return "vksnews (devel) (no build information)"
	}
	version := bi.Main.Version
	if version == "" {
		version = "(devel)"
	}
	set := map[string]string{}
	for _, s := range bi.Settings {
		set[s.Key] = s.Value
	}
	commit := set["vcs.revision"]
	if commit == "" {
		commit = buildCommit
	}
	if commit == "" {
		commit = "unknown"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "vksnews %s (commit %s", version, commit)
	if t := set["vcs.time"]; t != "" {
		fmt.Fprintf(&b, ", %s", t)
	}
	if set["vcs.modified"] == "true" {
		b.WriteString(", modified")
	}
	fmt.Fprintf(&b, ") %s", bi.GoVersion)
	return b.String()
}
