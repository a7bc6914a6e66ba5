package normalize

import (
	"bufio"
	"fmt"
	"strings"
)

// eachTSVRow calls fn with the tab-separated columns of every row of an
// embedded table, skipping blank lines and # comments. Errors name the file
// and the line.
func eachTSVRow(file, tsv string, fn func(cols []string) error) error {
	sc := bufio.NewScanner(strings.NewReader(tsv))
	line := 0
	for sc.Scan() {
		line++
		row := sc.Text()
		if strings.TrimSpace(row) == "" || strings.HasPrefix(row, "#") {
			continue
		}
		if err := fn(strings.Split(row, "\t")); err != nil {
			return fmt.Errorf("%s line %d: %w", file, line, err)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%s: %w", file, err)
	}
	return nil
}
