// Command vksnews collects the news of Vietnam's People's Procuracies,
// normalizes it into structured articles and makes it searchable.
//
// Usage:
//
//	vksnews <command> [flags]
//
// Commands: demo, serve, crawl, extract, search, export, digest, reindex,
// renormalize, bench, version; "vksnews help COMMAND" describes one. Flags
// may stand before or after the arguments. Every command takes --config FILE (default
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

// command runs one subcommand; its help is in docs.
type command func(ctx context.Context, e env, args []string) error

var commands = map[string]command{
	"bench":         runBench,
	"check":         runCheck,
	"bench-extract": runBenchExtract,
	"crawl":         runCrawl,
	"extract":       runExtract,
	"export":        runExport,
	"digest":        runDigest,
	"demo":          runDemo,
	"serve":         runServe,
	"search":        runSearch,
	"reindex":       runReindex,
	"renormalize":   runRenormalize,
	"version":       runVersion,
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
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" {
		printUsage(e.stderr)
		if len(args) == 0 {
			return exitUsage
		}
		return exitOK
	}
	if _, ok := commands[args[0]]; !ok && args[0] != "help" {
		fmt.Fprintf(e.stderr, "vksnews: unknown command %q (run vksnews help)\n", args[0])
		return exitUsage
	}
	var err error
	if args[0] == "help" {
		err = runHelp(ctx, e, args[1:])
	} else {
		err = runCommand(ctx, e, args[0], args[1:])
	}
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

// runCommand runs the command called name.
func runCommand(ctx context.Context, e env, name string, args []string) error {
	return commands[name](ctx, e, args)
}

// oneLine keeps the contract that errors are one line on stderr.
func oneLine(s string) string { return strings.ReplaceAll(strings.TrimSpace(s), "\n", "; ") }

func printUsage(w io.Writer) {
	fmt.Fprintln(w, "usage: vksnews <command> [--config FILE] [--data DIR] [flags]")
	fmt.Fprintln(w, "\ncommands:")
	names := make([]string, 0, len(docs))
	for n := range docs {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-13s %s\n", n, docs[n].summary)
	}
	fmt.Fprintln(w, "\nvksnews help COMMAND (or vksnews COMMAND --help) shows a command's flags, filters and an example.")
	fmt.Fprintln(w, "\nenvironment: VKSNEWS_CONFIG (the config file), VKSNEWS_ADMIN_TOKEN (POST /api/crawl),")
	fmt.Fprintln(w, "the SMTP password variable named by digest.smtp.password_env, and these config overrides:")
	fmt.Fprintln(w, "  "+strings.Join(config.EnvNames(), " "))
}
