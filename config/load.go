package config

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"os"
	"reflect"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"
)

// Load reads the YAML file at path over Default(), applies the VKSNEWS_*
// overrides found in environ (in os.Environ() form) and validates the
// result. Every error names the file and the field.
func Load(path string, environ []string) (Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return Config{}, fmt.Errorf("config: %w", err)
	}
	c, err := Parse(data, environ)
	if err != nil {
		return Config{}, fmt.Errorf("config %s: %w", path, err)
	}
	return c, nil
}

// Parse is Load from bytes. It reports every problem of the file at once,
// in the file's order, one per line of the error: the keys it does not
// know, the values of the wrong kind, the VKSNEWS_* overrides it cannot
// read and what validation refuses. Each is a *FieldError that names the
// field and, where the file gives it, its line.
func Parse(data []byte, environ []string) (Config, error) {
	c := Default()
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return Config{}, syntaxError(err)
	}
	d := newDecoder()
	if len(root.Content) > 0 { // an empty file: all defaults
		d.decode(root.Content[0], reflect.ValueOf(&c).Elem(), "")
	}
	envErr := ApplyEnv(&c, environ)
	c.fillDefaults()
	var errs []error
	if envErr != nil {
		errs = append(errs, envErr)
	}
	for _, fe := range d.errs {
		errs = append(errs, fe)
	}
	for _, fe := range c.problems() {
		// A value already refused left its default or zero in place:
		// what validation says of that would only repeat the problem.
		if d.refused(fe.Field) {
			continue
		}
		fe.Line = d.lineOf(fe.Field)
		errs = append(errs, fe)
	}
	if len(errs) > 0 {
		sortByLine(errs)
		if more := len(errs) - maxProblems + d.dropped; more > 0 {
			errs = append(errs[:min(len(errs), maxProblems)], fmt.Errorf("and %d more problems", more))
		}
		return Config{}, errors.Join(errs...)
	}
	return c, nil
}

// syntaxError words yaml.v3's parse errors ("yaml: line 3: did not find
// expected key") like the other problems: the YAML is not well formed, so
// nothing else can be checked.
func syntaxError(err error) error {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	var line int
	if _, scanErr := fmt.Sscanf(msg, "line %d:", &line); scanErr == nil {
		msg = strings.TrimSpace(strings.TrimPrefix(msg, fmt.Sprintf("line %d:", line)))
		return fmt.Errorf("line %d: not valid YAML: %s", line, msg)
	}
	return fmt.Errorf("not valid YAML: %s", msg)
}

// refused reports whether field is, or lies within, a value the decoder
// refused.
func (d *decoder) refused(field string) bool {
	for _, b := range d.bad {
		if b == "" || field == b || strings.HasPrefix(field, b+".") || strings.HasPrefix(field, b+"[") {
			return true
		}
	}
	return false
}

// lineOf is the line where field, or the nearest section around it, is
// given; 0 when the file does not mention it ("portals: required").
func (d *decoder) lineOf(field string) int {
	for field != "" {
		if l, ok := d.lines[field]; ok {
			return l
		}
		i := strings.LastIndexAny(field, ".[")
		if i < 0 {
			break
		}
		field = field[:i]
	}
	return 0
}

// sortByLine orders problems by line; those without one (the environment,
// what the file leaves out) come last, each group in its own order.
func sortByLine(errs []error) {
	line := func(err error) int {
		var fe *FieldError
		if errors.As(err, &fe) && fe.Line > 0 {
			return fe.Line
		}
		return math.MaxInt
	}
	slices.SortStableFunc(errs, func(a, b error) int { return cmp.Compare(line(a), line(b)) })
}

// yamlFields maps the yaml key of each exported field of struct type t to it.
func yamlFields(t reflect.Type) map[string]reflect.StructField {
	m := make(map[string]reflect.StructField, t.NumField())
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		m[yamlName(f)] = f
	}
	return m
}

// yamlName is the key yaml.v3 uses for f: its tag name, else the lowercased
// field name.
func yamlName(f reflect.StructField) string {
	name, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
	if name == "" {
		return strings.ToLower(f.Name)
	}
	return name
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// fillDefaults sets the defaults that depend on list items, which Default()
// cannot express.
func (c *Config) fillDefaults() {
	for i := range c.Portals {
		if c.Portals[i].Preset == "" {
			c.Portals[i].Preset = DefaultPreset
		}
	}
}
