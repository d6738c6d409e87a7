// gowork writes the Go runtime's debug=1 text profiles, which go tool pprof
// reads as legacy formats: heap, goroutine, threadcreate, mutex and block
// (see record.sh).
package main

import (
	"os"
	"runtime"
	"runtime/pprof"
	"sync"
	"time"
)

var sink [][]byte

func allocSmall(n int) {
	for i := 0; i < n; i++ {
		sink = append(sink, make([]byte, 64+i%512))
	}
}

func allocLarge(n int) {
	for i := 0; i < n; i++ {
		b := make([]byte, 256<<10)
		b[i%len(b)] = 1
	}
}

func contend(mu *sync.Mutex, wg *sync.WaitGroup, rounds int) {
	defer wg.Done()
	for i := 0; i < rounds; i++ {
		mu.Lock()
		time.Sleep(20 * time.Microsecond)
		mu.Unlock()
	}
}

func waitOn(ch chan int, wg *sync.WaitGroup) {
	defer wg.Done()
	<-ch
}

func write(name, file string) {
	f, err := os.Create(file)
	if err != nil {
		panic(err)
	}
	defer f.Close()
	if err := pprof.Lookup(name).WriteTo(f, 1); err != nil {
		panic(err)
	}
}

func main() {
	dir := os.Args[1]
	runtime.MemProfileRate = 4096
	runtime.SetMutexProfileFraction(1)
	runtime.SetBlockProfileRate(1)
	allocSmall(20000)
	allocLarge(200)
	var mu sync.Mutex
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go contend(&mu, &wg, 200)
	}
	wg.Wait()
	ch := make(chan int)
	var waiters sync.WaitGroup
	for i := 0; i < 3; i++ {
		waiters.Add(1)
		go waitOn(ch, &waiters)
	}
	time.Sleep(50 * time.Millisecond)
	runtime.GC()
	write("goroutine", dir+"/go-legacy.goroutine")
	close(ch)
	waiters.Wait()
	write("heap", dir+"/go-legacy.heap")
	write("threadcreate", dir+"/go-legacy.threadcreate")
	write("mutex", dir+"/go-legacy.mutex")
	write("block", dir+"/go-legacy.block")
}
