package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"strings"
	"time"

	"github.com/vksnews/vksnews/config"
	"github.com/vksnews/vksnews/internal/archive"
	"github.com/vksnews/vksnews/internal/article"
	"github.com/vksnews/vksnews/internal/filter"
	"github.com/vksnews/vksnews/internal/store"
)

// errHelp means -h was asked for and the usage was printed: exit 0.
var errHelp = errors.New("help shown")

// common are the flags every command takes.
type common struct {
	configPath string
	dataDir    string
}

// newFlags returns a flag set with the common flags registered. Its output
// is where --help writes; a parse error is returned, never printed there
// (see parseFlags).
func newFlags(name string, e env, c *common) *flag.FlagSet {
	fs := flag.NewFlagSet("vksnews "+name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {}
	def := e.getenv("VKSNEWS_CONFIG")
	if def == "" {
		def = "config/vksnews.yaml"
	}
	fs.StringVar(&c.configPath, "config", def, "config `file` (env VKSNEWS_CONFIG)")
	fs.StringVar(&c.dataDir, "data", "", "data `dir` (overrides data_dir)")
	return fs
}

// parseFlags parses args, turning flag errors into one-line usage errors.
// Flags may stand before or after the arguments (DESIGN.md): the standard
// parser stops at the first argument, so parsing resumes after each one.
// After "--" everything is an argument. Once an argument was seen, a word
// such as "-tập" that names no flag is an argument too (an excluded query
// word), not an error. --help prints the command's help (errHelp).
func parseFlags(fs *flag.FlagSet, args []string) error {
	out := fs.Output()
	fs.SetOutput(io.Discard) // the error is returned, printed once by run
	defer fs.SetOutput(out)
	var pos []string
	for {
		if len(pos) > 0 {
			for len(args) > 0 && args[0] != "--" && strings.HasPrefix(args[0], "-") && !isFlag(fs, args[0]) {
				pos, args = append(pos, args[0]), args[1:]
			}
		}
		err := fs.Parse(args)
		if errors.Is(err, flag.ErrHelp) {
			printCommandHelp(out, fs)
			return errHelp
		}
		if err != nil {
			return usageError{err.Error()}
		}
		rest := fs.Args()
		if used := len(args) - len(rest); used > 0 && args[used-1] == "--" {
			pos = append(pos, rest...)
			break
		}
		if len(rest) == 0 {
			break
		}
		pos, args = append(pos, rest[0]), rest[1:]
	}
	// Leave the arguments in fs.Args(), where the commands read them.
	return fs.Parse(append([]string{"--"}, pos...))
}

// isFlag reports whether arg ("-x", "--x" or "--x=v") names a flag of fs,
// or asks for help.
func isFlag(fs *flag.FlagSet, arg string) bool {
	name := strings.TrimLeft(arg, "-")
	name, _, _ = strings.Cut(name, "=")
	return name == "h" || name == "help" || fs.Lookup(name) != nil
}

// loadConfig reads the config file and applies --data.
func (c common) loadConfig(e env) (config.Config, error) {
	cfg, err := config.Load(c.configPath, e.environ)
	if errors.Is(err, fs.ErrNotExist) {
		return config.Config{}, fmt.Errorf("%w (point at a config with --config FILE or VKSNEWS_CONFIG=FILE; the default is config/vksnews.yaml, relative to the current directory)", err)
	}
	if err != nil {
		return config.Config{}, err
	}
	if c.dataDir != "" {
		cfg.DataDir = c.dataDir
	}
	return cfg, nil
}

// openArchive loads the config and opens its store, for the commands that
// work on stored articles.
func (c common) openArchive(e env) (config.Config, *time.Location, *store.Store, error) {
	cfg, err := c.loadConfig(e)
	if err != nil {
		return cfg, nil, nil, err
	}
	loc, err := cfg.Location()
	if err != nil {
		return cfg, nil, nil, err
	}
	st, err := openStore(cfg.DataDir)
	return cfg, loc, st, err
}

// archiveOptions is opts with the configured time zone, which a new index
// counts months in.
func archiveOptions(cfg config.Config, opts archive.Options) (archive.Options, error) {
	loc, err := cfg.Location()
	opts.Location = loc
	return opts, err
}

// openStore opens the store of a data dir alone, creating the dir; a
// second process fails at once instead of waiting.
func openStore(dataDir string) (*store.Store, error) { return archive.OpenStore(dataDir) }

// multiFlag collects a repeatable string flag (--portal a --portal b).
type multiFlag []string

func (m *multiFlag) String() string     { return fmt.Sprint(*m) }
func (m *multiFlag) Set(s string) error { *m = append(*m, s); return nil }

// filterFlags registers the filters of DESIGN.md as flags.
func filterFlags(fs *flag.FlagSet) map[string]*string {
	vals := map[string]*string{}
	for _, n := range filter.Names {
		vals[n] = fs.String(n, "", filterHelp(n))
	}
	return vals
}

// filterHelp describes a filter flag: what it matches and its valid values.
func filterHelp(name string) string {
	levels := strings.Join(article.Levels, "|")
	switch name {
	case "province":
		return "the article's own unit's province, as named (\"Trà Vinh\"; case and diacritics ignored)"
	case "province_now":
		return "the article's own unit's province after the 2025 merger (\"Vĩnh Long\")"
	case "level":
		return "the article's own unit's level: " + levels
	case "unit":
		return "the article's own unit (\"VKSND tỉnh Khánh Hòa\")"
	case "mentions_unit":
		return "any unit the article names"
	case "mentions_province":
		return "the province, as named, of any unit the article names"
	case "mentions_province_now":
		return "the province after the merger of any unit the article names"
	case "mentions_level":
		return "the level of any unit the article names: " + levels
	case "event_type":
		return "event type code: " + strings.Join(article.EventTypes, "|")
	case "official":
		return "an official's name (\"Võ Khôi Tuân\")"
	case "portal":
		return "portal name of the config (\"khanhhoa\")"
	case "from":
		return "from this `date` (YYYY-MM-DD, inclusive; publication date, else event date)"
	case "to":
		return "up to this `date` (YYYY-MM-DD, inclusive)"
	}
	return "filter: " + name
}

// parseFilterFlags validates the filter flags that were given.
func parseFilterFlags(vals map[string]*string) (filter.Filters, error) {
	var f filter.Filters
	for _, n := range filter.Names {
		if v := *vals[n]; v != "" {
			if err := f.Set(n, v); err != nil {
				return f, usageError{err.Error()}
			}
		}
	}
	if f.From != nil && f.To != nil && f.To.Before(*f.From) {
		return f, usagef("--to %s is before --from %s", f.To, f.From)
	}
	return f, nil
}

// closeInto closes c and reports its error into *err if there was none.
func closeInto(err *error, c io.Closer, what string) {
	if cerr := c.Close(); cerr != nil && *err == nil {
		*err = fmt.Errorf("close %s: %w", what, cerr)
	}
}
