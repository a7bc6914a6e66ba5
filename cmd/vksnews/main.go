// Command vksnews collects the news of Vietnam's People's Procuracies,
// normalizes it into structured articles and makes it searchable.
//
// Usage:
//
//	vksnews <command> [flags]
//
// Commands: demo, crawl, extract, export (and the others of DESIGN.md as
// they are built). Every command takes --config FILE (default
// config/vksnews.yaml, env VKSNEWS_CONFIG) and --data DIR. Exit codes: 0
// success, 1 failure, 2 bad usage.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sort"
	"strings"
	"syscall"

	"github.com/vksnews/vksnews/config"
)

// Exit codes of the command-line contract.
const (
	exitOK    = 0
	exitFail  = 1
	exitUsage = 2
)

// env is what a command sees of the world; tests pass their own.
type env struct {
	stdin   io.Reader
	stdout  io.Writer
	stderr  io.Writer
	environ []string
}

// getenv looks a variable up in e.environ.
func (e env) getenv(key string) string {
	for _, kv := range e.environ {
		if k, v, ok := strings.Cut(kv, "="); ok && k == key {
			return v
		}
	}
	return ""
}

// command is one subcommand.
type command struct {
	summary string
	run     func(ctx context.Context, e env, args []string) error
}

var commands = map[string]command{
	"check":       {"show what a crawl would take from a portal's start page, with warnings", runCheck},
	"bench":       {"measure indexing and search on a synthetic corpus (prints Markdown)", runBench},
	"crawl":       {"one crawl pass now; prints a summary per portal", runCrawl},
	"extract":     {"extract and normalize one saved page; prints the article JSON", runExtract},
	"export":      {"write every matching article to stdout (jsonl or csv)", runExport},
	"digest":      {"build the digest email and send it (--dry-run prints it)", runDigest},
	"demo":        {"crawl the bundled sample portals into a fresh data dir and show the result", runDemo},
	"serve":       {"serve the API, run scheduled crawls, until SIGINT/SIGTERM", runServe},
	"search":      {"search the index; --json prints one article JSON per line", runSearch},
	"reindex":     {"rebuild the search index from the store", runReindex},
	"renormalize": {"reapply the current normalization rules to every stored page", runRenormalize},
}

// usageError is a mistake in the command line: exit code 2.
type usageError struct{ msg string }

func (u usageError) Error() string { return u.msg }

func usagef(format string, args ...any) error { return usageError{fmt.Sprintf(format, args...)} }

func main() { os.Exit(runMain(os.Args[1:])) }

// runMain runs the command line of the process: SIGINT and SIGTERM cancel
// the context, so that serve and crawl shut down cleanly.
func runMain(args []string) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return run(ctx, args, env{os.Stdin, os.Stdout, os.Stderr, os.Environ()})
}

// run executes one command line and returns the exit code.
func run(ctx context.Context, args []string, e env) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		printUsage(e.stderr)
		if len(args) == 0 {
			return exitUsage
		}
		return exitOK
	}
	cmd, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(e.stderr, "vksnews: unknown command %q (run vksnews help)\n", args[0])
		return exitUsage
	}
	err := cmd.run(ctx, e, args[1:])
	var ue usageError
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, errHelp):
		return exitOK
	case errors.As(err, &ue):
		fmt.Fprintf(e.stderr, "vksnews %s: %s\n", args[0], oneLine(err.Error()))
		return exitUsage
	default:
		fmt.Fprintf(e.stderr, "vksnews %s: %s\n", args[0], oneLine(err.Error()))
		return exitFail
	}
}

// oneLine keeps the contract that errors are one line on stderr.
func oneLine(s string) string { return strings.ReplaceAll(strings.TrimSpace(s), "\n", "; ") }

func printUsage(w io.Writer) {
	fmt.Fprintln(w, "usage: vksnews <command> [--config FILE] [--data DIR] [flags]")
	fmt.Fprintln(w, "\ncommands:")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-11s %s\n", n, commands[n].summary)
	}
	fmt.Fprintln(w, "\nenvironment: VKSNEWS_CONFIG (the config file), VKSNEWS_ADMIN_TOKEN (POST /api/crawl),")
	fmt.Fprintln(w, "the SMTP password variable named by digest.smtp.password_env, and these config overrides:")
	fmt.Fprintln(w, "  "+strings.Join(config.EnvNames(), " "))
}
