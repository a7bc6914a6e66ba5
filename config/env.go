package config

import (
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"
)

// EnvPrefix starts every environment variable that overrides a field.
const EnvPrefix = "VKSNEWS_"

var durationType = reflect.TypeOf(time.Duration(0))

// ApplyEnv overrides the scalar fields of c from environ (os.Environ() form).
// Each field is reachable as VKSNEWS_ plus its yaml path, upper-cased, with
// "_" between levels (crawl.delay → VKSNEWS_CRAWL_DELAY). Lists and maps are
// not reachable. VKSNEWS_ variables that name no field (VKSNEWS_CONFIG,
// secrets) are ignored. A bad value is an error naming the variable.
func ApplyEnv(c *Config, environ []string) error {
	fields := envFields(reflect.ValueOf(c).Elem(), strings.TrimSuffix(EnvPrefix, "_"))
	var errs []error
	for _, kv := range environ {
		name, value, ok := strings.Cut(kv, "=")
		if !ok || !strings.HasPrefix(name, EnvPrefix) {
			continue
		}
		f, ok := fields[name]
		if !ok {
			continue
		}
		if err := setScalar(f, value); err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", name, err))
		}
	}
	return errors.Join(errs...)
}

// EnvNames lists every environment variable that overrides a field, for help
// texts and documentation.
func EnvNames() []string {
	c := Default()
	fields := envFields(reflect.ValueOf(&c).Elem(), strings.TrimSuffix(EnvPrefix, "_"))
	names := make([]string, 0, len(fields))
	for n := range fields {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

// envFields maps variable names to the settable scalar fields under v.
func envFields(v reflect.Value, prefix string) map[string]reflect.Value {
	m := map[string]reflect.Value{}
	t := v.Type()
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		name := prefix + "_" + strings.ToUpper(yamlName(f))
		fv := v.Field(i)
		switch {
		case f.Type.Kind() == reflect.Struct:
			for k, sub := range envFields(fv, name) {
				m[k] = sub
			}
		case isScalar(f.Type):
			m[name] = fv
		}
	}
	return m
}

func isScalar(t reflect.Type) bool {
	switch t.Kind() {
	case reflect.String, reflect.Bool, reflect.Int, reflect.Int64:
		return true
	}
	return false
}

// setScalar parses s into f with the same syntax the YAML file uses.
func setScalar(f reflect.Value, s string) error {
	switch {
	case f.Type() == durationType:
		d, err := time.ParseDuration(s)
		if err != nil {
			return fmt.Errorf("want %s, got %s", want(f.Type()), quote(s))
		}
		f.SetInt(int64(d))
	case f.Kind() == reflect.String:
		f.SetString(s)
	case f.Kind() == reflect.Bool:
		b, err := strconv.ParseBool(s)
		if err != nil {
			return fmt.Errorf("want %s, got %s", want(f.Type()), quote(s))
		}
		f.SetBool(b)
	case f.Kind() == reflect.Int || f.Kind() == reflect.Int64:
		n, err := strconv.ParseInt(s, 10, f.Type().Bits())
		if err != nil {
			return fmt.Errorf("want %s, got %s", want(f.Type()), quote(s))
		}
		f.SetInt(n)
	default:
		return fmt.Errorf("cannot set a %s from the environment", f.Type())
	}
	return nil
}
