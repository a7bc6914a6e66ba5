package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"reflect"
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

// Parse is Load from bytes.
func Parse(data []byte, environ []string) (Config, error) {
	c, err := decode(data)
	if err != nil {
		return Config{}, err
	}
	if err := ApplyEnv(&c, environ); err != nil {
		return Config{}, err
	}
	c.fillDefaults()
	if err := c.Validate(); err != nil {
		return Config{}, err
	}
	return c, nil
}

// decode reads YAML over Default(). Unknown keys are errors: a misspelt key
// would otherwise silently leave a default in force.
func decode(data []byte) (Config, error) {
	c := Default()
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return Config{}, err
	}
	if len(root.Content) == 0 { // empty file: all defaults
		return c, nil
	}
	w := walker{lines: map[int][]string{}}
	if errs := w.walk(root.Content[0], reflect.TypeOf(c), ""); len(errs) > 0 {
		return Config{}, errors.Join(errs...)
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	err := dec.Decode(&c)
	var te *yaml.TypeError
	switch {
	case errors.As(err, &te):
		return Config{}, w.explain(te)
	case err != nil && !errors.Is(err, io.EOF):
		return Config{}, err
	}
	return c, nil
}

// walker checks a YAML document against the Go type it decodes into.
type walker struct {
	lines map[int][]string // line → paths of the values on it
}

// explain rewrites yaml.v3's type errors ("line 7: cannot unmarshal !!str
// `2x` into time.Duration") to name the field ("line 7: crawl.delay: …").
func (w walker) explain(te *yaml.TypeError) error {
	errs := make([]error, 0, len(te.Errors))
	for _, msg := range te.Errors {
		var line int
		if _, err := fmt.Sscanf(msg, "line %d:", &line); err == nil && len(w.lines[line]) == 1 {
			prefix := fmt.Sprintf("line %d:", line)
			msg = prefix + " " + w.lines[line][0] + ":" + strings.TrimPrefix(msg, prefix)
		}
		errs = append(errs, errors.New(msg))
	}
	return errors.Join(errs...)
}

// walk walks a YAML node alongside the Go type it decodes into and reports
// every mapping key that names no field, with its line and full path
// ("line 7: crawl.dealy: unknown field"), which yaml.v3 alone does not give.
// It also notes the path of every value by line, for explain.
func (w walker) walk(n *yaml.Node, t reflect.Type, path string) []error {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	var errs []error
	switch {
	case t.Kind() == reflect.Struct && n.Kind == yaml.MappingNode:
		fields := yamlFields(t)
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			if k.Value == "<<" { // merge key: check the merged mapping in place
				errs = append(errs, w.walk(v, t, path)...)
				continue
			}
			p := join(path, k.Value)
			f, ok := fields[k.Value]
			if !ok {
				errs = append(errs, fmt.Errorf("line %d: %s: unknown field", k.Line, p))
				continue
			}
			if v.Kind == yaml.ScalarNode {
				w.lines[v.Line] = append(w.lines[v.Line], p)
			}
			errs = append(errs, w.walk(v, f.Type, p)...)
		}
	case t.Kind() == reflect.Slice && n.Kind == yaml.SequenceNode:
		for i, item := range n.Content {
			p := fmt.Sprintf("%s[%d]", path, i)
			if item.Kind == yaml.ScalarNode {
				w.lines[item.Line] = append(w.lines[item.Line], p)
			}
			errs = append(errs, w.walk(item, t.Elem(), p)...)
		}
	}
	return errs
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
