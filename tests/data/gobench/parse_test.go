package gobench

import (
	"strconv"
	"strings"
	"testing"
)

func input() (string, []string) {
	var keys []string
	var parts []string
	for i := 0; i < 400; i++ {
		k := "key" + strconv.Itoa(i)
		keys = append(keys, k)
		parts = append(parts, k+"="+strconv.Itoa(i*31))
	}
	return strings.Join(parts, ","), keys
}

func BenchmarkParse(b *testing.B) {
	line, _ := input()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		Parse(line)
	}
}

func BenchmarkFormat(b *testing.B) {
	line, keys := input()
	m := Parse(line)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		Format(keys, m)
	}
}
