// A tiny Go service for proflens's URL and serve tests: net/http/pprof on a
// free loopback port, with CPU work running, memory held and goroutines
// waiting, so that /debug/pprof/profile, /heap and /goroutine all have
// something to show. It prints "listening on 127.0.0.1:PORT" and exits when
// its standard input closes (so a test that dies leaves nothing running).
//
//	go build -o /tmp/pprof_service tests/data/pprof_service/main.go
package main

import (
	"fmt"
	"io"
	"net"
	"net/http"
	_ "net/http/pprof"
	"os"
	"runtime"
	"sync"
)

var (
	mu       sync.Mutex
	retained [][]byte
	sink     uint64
)

func fib(n int) int {
	if n < 2 {
		return n
	}
	return fib(n-1) + fib(n-2)
}

func checksum(data []byte) uint64 {
	var h uint64 = 14695981039346656037
	for _, b := range data {
		h ^= uint64(b)
		h *= 1099511628211
	}
	return h
}

// cpuWork never ends: recursion and a loop over bytes, in two functions a
// CPU profile tells apart.
func cpuWork() {
	data := make([]byte, 1<<16)
	for i := range data {
		data[i] = byte(i)
	}
	for {
		mu.Lock()
		sink += uint64(fib(22)) + checksum(data)
		mu.Unlock()
	}
}

// holdMemory keeps blocks of two sizes, from two call sites.
func holdMemory() {
	for i := 0; i < 64; i++ {
		retained = append(retained, make([]byte, 64<<10))
	}
	holdSmall()
}

func holdSmall() {
	for i := 0; i < 4096; i++ {
		retained = append(retained, make([]byte, 512))
	}
}

func wait(ch chan struct{}) { <-ch }

func main() {
	runtime.MemProfileRate = 4096
	holdMemory()
	never := make(chan struct{})
	for i := 0; i < 5; i++ {
		go wait(never)
	}
	go cpuWork()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Printf("listening on %s\n", ln.Addr())
	go func() {
		io.Copy(io.Discard, os.Stdin)
		os.Exit(0)
	}()
	http.Serve(ln, nil)
}
