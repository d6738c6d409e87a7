// workload is a small Go program that records the pprof samples in samples/.
// It exercises direct recursion (fib), mutual recursion (isEven/isOdd),
// small functions the compiler inlines (square), and allocation sites.
//
//	go run workload.go -cpu ../go-cpu.pb.gz -heap ../go-heap.pb.gz
package main

import (
	"flag"
	"os"
	"runtime"
	"runtime/pprof"
	"sort"
	"strings"
	"time"
)

var sink int

func fib(n int) int {
	if n < 2 {
		return n
	}
	return fib(n-1) + fib(n-2)
}

func isEven(n int) bool {
	if n == 0 {
		return true
	}
	return isOdd(n - 1)
}

func isOdd(n int) bool {
	if n == 0 {
		return false
	}
	return isEven(n - 1)
}

func square(x int) int { return x * x }

func sumSquares(n int) int {
	s := 0
	for i := 0; i < n; i++ {
		s += square(i) % 7
	}
	return s
}

func buildStrings(n int) []string {
	out := make([]string, 0, n)
	for i := 0; i < n; i++ {
		out = append(out, strings.Repeat("x", i%64+1))
	}
	return out
}

func sortWords(words []string) {
	sort.Strings(words)
}

var keep [][]byte

func allocate(n int) {
	for i := 0; i < n; i++ {
		keep = append(keep, make([]byte, 1024+i%4096))
	}
}

func main() {
	cpuPath := flag.String("cpu", "", "write a CPU profile here")
	heapPath := flag.String("heap", "", "write a heap profile here")
	seconds := flag.Float64("seconds", 1.5, "how long to run")
	flag.Parse()
	runtime.MemProfileRate = 4096
	if *cpuPath != "" {
		f, err := os.Create(*cpuPath)
		if err != nil {
			panic(err)
		}
		pprof.StartCPUProfile(f)
		defer pprof.StopCPUProfile()
	}
	deadline := time.Now().Add(time.Duration(*seconds * float64(time.Second)))
	for time.Now().Before(deadline) {
		sink += fib(24)
		for i := 0; i < 2000; i++ {
			if isEven(i) {
				sink++
			}
		}
		sink += sumSquares(200000)
		w := buildStrings(2000)
		sortWords(w)
		allocate(50)
		if len(keep) > 20000 {
			keep = keep[:0]
		}
	}
	if *heapPath != "" {
		f, err := os.Create(*heapPath)
		if err != nil {
			panic(err)
		}
		pprof.WriteHeapProfile(f)
		f.Close()
	}
}
