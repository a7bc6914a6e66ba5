package config

import (
	"fmt"
	"reflect"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// maxVisits bounds the values one decode walks. Aliases can make a small
// file expand exponentially ("billion laughs"); a real config has a few
// thousand values.
const maxVisits = 200_000

// maxProblems is the most problems one load reports.
const maxProblems = 30

// decoder fills a Go value from a yaml.Node by walking both side by side.
// yaml.v3's own decoder stops the walk of a field at its first problem and
// words it for Go programmers ("cannot unmarshal !!str `many` into int");
// this one keeps going, so that every problem of the file is reported at
// once, each with its line, its field path and what was wanted, in words.
type decoder struct {
	errs    []*FieldError
	lines   map[string]int // field path → line where it is given
	bad     []string       // paths whose value was refused
	visits  int
	dropped int // problems past maxProblems, counted only
}

func newDecoder() *decoder { return &decoder{lines: map[string]int{}} }

// fail records a problem with the value at path, given on line. Past
// maxProblems it only counts: a list of a thousand wrong items needs one
// fix, not a thousand lines.
func (d *decoder) fail(line int, path, format string, args ...any) {
	if len(d.bad) < maxVisits {
		d.bad = append(d.bad, path)
	}
	if d.dropped > 0 || len(d.errs) == maxProblems {
		d.dropped++
		return
	}
	d.errs = append(d.errs, &FieldError{Line: line, Field: path, Msg: fmt.Sprintf(format, args...)})
}

// decode sets v, which must be settable, from n. A null value leaves v as
// it is, except that it empties a list, a mapping or an optional section,
// as yaml.v3 does.
func (d *decoder) decode(n *yaml.Node, v reflect.Value, path string) {
	if !d.visit(n, path) {
		return
	}
	for depth := 0; n.Kind == yaml.AliasNode; depth++ {
		if n.Alias == nil || depth > 100 {
			d.fail(n.Line, path, "an alias that leads nowhere")
			return
		}
		n = n.Alias
	}
	if isNull(n) {
		switch v.Kind() {
		case reflect.Pointer, reflect.Slice, reflect.Map:
			v.SetZero()
		}
		return
	}
	t := v.Type()
	switch {
	case t.Kind() == reflect.Pointer:
		if v.IsNil() {
			v.Set(reflect.New(t.Elem()))
		}
		d.decode(n, v.Elem(), path)
	case t.Kind() == reflect.Struct && t != durationType:
		d.structure(n, v, path)
	case t.Kind() == reflect.Slice:
		d.list(n, v, path)
	case t.Kind() == reflect.Map:
		d.mapping(n, v, path)
	default:
		d.scalar(n, v, path)
	}
}

// isMerge reports whether k is YAML's merge key (a plain <<, not "<<").
func isMerge(k *yaml.Node) bool {
	return k.Kind == yaml.ScalarNode && k.ShortTag() == "!!merge"
}

// visit counts one more value walked and reports whether the walk may go
// on.
func (d *decoder) visit(n *yaml.Node, path string) bool {
	if d.visits++; d.visits > maxVisits {
		if d.visits == maxVisits+1 {
			d.fail(n.Line, path, "the file expands to more than %d values (aliases within aliases?)", maxVisits)
		}
		return false
	}
	return true
}

func isNull(n *yaml.Node) bool {
	return n.Kind == 0 || n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null"
}

// structure decodes a mapping into the struct v, key by key.
func (d *decoder) structure(n *yaml.Node, v reflect.Value, path string) {
	fields := yamlFields(v.Type())
	if n.Kind != yaml.MappingNode {
		d.fail(n.Line, path, "want a mapping of keys (%s), got %s", strings.Join(fieldNames(v.Type()), ", "), describe(n))
		return
	}
	// Merged mappings (<<: *anchor) first, so that the keys written here
	// win over them, as YAML wants.
	for i := 0; i+1 < len(n.Content); i += 2 {
		if isMerge(n.Content[i]) {
			d.merge(n.Content[i+1], v, path)
		}
	}
	d.eachKey(n, path, true, func(k, val *yaml.Node, p string) {
		f, ok := fields[k.Value]
		if !ok {
			d.fail(k.Line, p, "unknown key%s", hint(k.Value, fieldNames(v.Type())))
			if meant, ok := closest(k.Value, fieldNames(v.Type())); ok {
				// "start_urls: required" would only repeat this.
				d.bad = append(d.bad, join(path, meant))
			}
			return
		}
		d.lines[p] = k.Line
		d.decode(val, v.FieldByIndex(f.Index), p)
	})
}

// eachKey calls fn with each key of the mapping n, its value and its path,
// after refusing keys that are not plain names and keys given twice.
// With skipMerge, merge keys (<<), which structure has applied, are passed
// over.
func (d *decoder) eachKey(n *yaml.Node, path string, skipMerge bool, fn func(k, val *yaml.Node, p string)) {
	seen := map[string]int{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := n.Content[i], n.Content[i+1]
		if skipMerge && isMerge(k) {
			continue
		}
		if k.Kind != yaml.ScalarNode {
			d.fail(k.Line, path, "a key must be a plain name, got %s", describe(k))
			continue
		}
		p := join(path, k.Value)
		if first, dup := seen[k.Value]; dup {
			d.fail(k.Line, p, "given twice (first on line %d)", first)
			continue
		}
		seen[k.Value] = k.Line
		fn(k, val, p)
	}
}

// merge applies the value of a merge key: a mapping or a list of them.
func (d *decoder) merge(n *yaml.Node, v reflect.Value, path string) {
	if !d.visit(n, path) {
		return
	}
	if n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	switch n.Kind {
	case yaml.MappingNode:
		d.structure(n, v, path)
	case yaml.SequenceNode:
		// The first mapping listed wins: apply them last to first.
		for i := len(n.Content) - 1; i >= 0; i-- {
			d.merge(n.Content[i], v, path)
		}
	default:
		d.fail(n.Line, path, "<< merges a mapping or a list of mappings, got %s", describe(n))
	}
}

// list decodes a sequence into the slice v.
func (d *decoder) list(n *yaml.Node, v reflect.Value, path string) {
	if n.Kind != yaml.SequenceNode {
		example := `one "- " line per item`
		if n.Kind == yaml.ScalarNode {
			example = fmt.Sprintf("[%s], or %s", quote(n.Value), example)
		}
		d.fail(n.Line, path, "want a list (%s), got %s", example, describe(n))
		return
	}
	out := reflect.MakeSlice(v.Type(), len(n.Content), len(n.Content))
	for i, item := range n.Content {
		p := fmt.Sprintf("%s[%d]", path, i)
		d.lines[p] = item.Line
		d.decode(item, out.Index(i), p)
	}
	v.Set(out)
}

// mapping decodes a mapping into the map v, whose keys are strings.
func (d *decoder) mapping(n *yaml.Node, v reflect.Value, path string) {
	if n.Kind != yaml.MappingNode {
		d.fail(n.Line, path, "want a mapping of names to values, got %s", describe(n))
		return
	}
	if v.IsNil() {
		v.Set(reflect.MakeMap(v.Type()))
	}
	d.eachKey(n, path, false, func(k, val *yaml.Node, p string) {
		d.lines[p] = k.Line
		e := reflect.New(v.Type().Elem()).Elem()
		d.decode(val, e, p)
		v.SetMapIndex(reflect.ValueOf(k.Value).Convert(v.Type().Key()), e)
	})
}

// scalar decodes a plain value. yaml.v3 itself reads it, so that its rules
// stay in force (durations as "2s", 0x10, yes/no for booleans); only the
// words of a refusal are ours.
func (d *decoder) scalar(n *yaml.Node, v reflect.Value, path string) {
	if n.Kind != yaml.ScalarNode {
		d.fail(n.Line, path, "want %s, got %s", want(v.Type()), describe(n))
		return
	}
	tmp := reflect.New(v.Type())
	if err := n.Decode(tmp.Interface()); err != nil {
		msg := fmt.Sprintf("want %s, got %s", want(v.Type()), describe(n))
		switch tag := n.ShortTag(); {
		case v.Type() != durationType:
		case tag == "!!int" || tag == "!!float":
			msg += fmt.Sprintf(" (a number needs its unit, as in %ss)", n.Value)
		case strings.HasSuffix(n.Value, "d"):
			msg += " (the largest unit is h: a day is 24h)"
		}
		d.fail(n.Line, path, "%s", msg)
		return
	}
	v.Set(tmp.Elem())
}

// want says in words what a value of type t looks like.
func want(t reflect.Type) string {
	switch {
	case t == durationType:
		return "a duration such as 2s, 90m or 24h"
	case t.Kind() == reflect.Bool:
		return "true or false"
	case t.Kind() >= reflect.Int && t.Kind() <= reflect.Uint64:
		return "a whole number"
	case t.Kind() == reflect.Float32 || t.Kind() == reflect.Float64:
		return "a number"
	case t.Kind() == reflect.String:
		return "a single value (text)"
	}
	return t.String()
}

// describe says in words what a node holds.
func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping (key: value lines)"
	case yaml.SequenceNode:
		return "a list"
	case yaml.AliasNode:
		return "an alias"
	}
	switch n.ShortTag() {
	case "!!int", "!!float", "!!bool":
		// Shown as written: quotes would suggest the file has them.
		if len(n.Value) <= 30 {
			return n.Value
		}
	}
	return quote(n.Value)
}

// quote quotes s, cut to a length that fits in one error line.
func quote(s string) string {
	const max = 60
	if utf8.RuneCountInString(s) > max {
		s = string([]rune(s)[:max]) + "…"
	}
	return fmt.Sprintf("%q", s)
}

// fieldNames lists the yaml keys of struct type t in their order.
func fieldNames(t reflect.Type) []string {
	var names []string
	for i := 0; i < t.NumField(); i++ {
		if f := t.Field(i); f.IsExported() {
			names = append(names, yamlName(f))
		}
	}
	return names
}
