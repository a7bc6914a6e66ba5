package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"time"

	"github.com/vksnews/vksnews/config"
	"github.com/vksnews/vksnews/internal/archive"
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

// newFlags returns a flag set with the common flags registered.
func newFlags(name string, e env, c *common) *flag.FlagSet {
	fs := flag.NewFlagSet("vksnews "+name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	def := e.getenv("VKSNEWS_CONFIG")
	if def == "" {
		def = "config/vksnews.yaml"
	}
	fs.StringVar(&c.configPath, "config", def, "config `file` (env VKSNEWS_CONFIG)")
	fs.StringVar(&c.dataDir, "data", "", "data `dir` (overrides data_dir)")
	return fs
}

// parseFlags parses args, turning flag errors into usage errors.
func parseFlags(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return errHelp
		}
		return usageError{err.Error()}
	}
	return nil
}

// loadConfig reads the config file and applies --data.
func (c common) loadConfig(e env) (config.Config, error) {
	cfg, err := config.Load(c.configPath, e.environ)
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
		vals[n] = fs.String(n, "", "filter: "+n)
	}
	return vals
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
