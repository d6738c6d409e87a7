package main

import (
	"fmt"
	"os"
	"runtime/pprof"
	"sort"
	"time"
)

type Number interface{ ~int | ~int64 | ~float64 }

func Sum[T Number](xs []T) T {
	var s T
	for _, x := range xs {
		s += x
	}
	return s
}

type Stack[T any] struct{ items []T }

func (s *Stack[T]) Push(x T) { s.items = append(s.items, x) }
func (s *Stack[T]) Sorted(less func(a, b T) bool) []T {
	out := append([]T(nil), s.items...)
	sort.Slice(out, func(i, j int) bool { return less(out[i], out[j]) })
	return out
}

func main() {
	f, _ := os.Create("go-generics.pb.gz") // in the working directory
	pprof.StartCPUProfile(f)
	defer pprof.StopCPUProfile()
	var st Stack[int64]
	total := 0.0
	t0 := time.Now()
	for time.Since(t0) < 2*time.Second {
		for i := 0; i < 1000; i++ {
			st.Push(int64(i * 7919 % 1000))
		}
		xs := st.Sorted(func(a, b int64) bool { return a < b })
		total += float64(Sum(xs)) + Sum([]float64{1.5, 2.5})
		if len(st.items) > 20000 {
			st.items = st.items[:0]
		}
	}
	fmt.Println(total)
}
