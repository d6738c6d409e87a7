// Package gobench is a tiny package whose benchmarks make the go test -bench
// output and profiles in this folder (README.md has the command).
package gobench

import (
	"strconv"
	"strings"
)

// Parse reads "k=v,k=v,..." into a map, allocating as a real parser would.
func Parse(line string) map[string]int {
	fields := strings.Split(line, ",")
	out := make(map[string]int, len(fields))
	for _, f := range fields {
		k, v, _ := strings.Cut(f, "=")
		n, _ := strconv.Atoi(v)
		out[k] = n
	}
	return out
}

// Format writes a map back as "k=v,..." in the order of keys.
func Format(keys []string, m map[string]int) string {
	var b strings.Builder
	for i, k := range keys {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(k)
		b.WriteByte('=')
		b.WriteString(strconv.Itoa(m[k]))
	}
	return b.String()
}
