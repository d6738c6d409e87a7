// goroutines serves net/http/pprof on a loopback port while its goroutines
// wait in the states a service's goroutine dump shows: channel receives (some
// with pprof labels), a select, a sync.Mutex, a sync.WaitGroup, a sleep, a
// goroutine locked to its thread, and a network read. record.sh takes
// /debug/pprof/goroutine with debug=0, 1 and 2 at the same moment.
//
//	go run . -addr 127.0.0.1:6061 -ready /tmp/ready
package main

import (
	"context"
	"flag"
	"log"
	"net"
	"net/http"
	_ "net/http/pprof"
	"os"
	"runtime"
	"runtime/pprof"
	"sync"
	"time"
)

// queue holds the jobs no one ever sends.
var queue = make(chan int)

//go:noinline
func worker(id int) {
	<-queue
}

// handle is small enough to be inlined into its caller.
func handle(ch chan int) int {
	return <-ch
}

//go:noinline
func consumer(ch chan int) {
	handle(ch)
}

//go:noinline
func poller(a, b chan int, stop <-chan struct{}) {
	select {
	case <-a:
	case <-b:
	case <-stop:
	}
}

//go:noinline
func locked(mu *sync.Mutex) {
	mu.Lock()
	mu.Unlock()
}

//go:noinline
func waiter(wg *sync.WaitGroup) {
	wg.Wait()
}

//go:noinline
func sleeper() {
	time.Sleep(time.Hour)
}

//go:noinline
func pinned(ch chan int) {
	runtime.LockOSThread()
	<-ch
}

//go:noinline
func reader(conn net.Conn) {
	buf := make([]byte, 16)
	conn.Read(buf)
}

func main() {
	addr := flag.String("addr", "127.0.0.1:6061", "where to serve net/http/pprof")
	ready := flag.String("ready", "", "file written once every goroutine waits")
	flag.Parse()

	for i := 0; i < 5; i++ {
		go worker(i)
	}
	// Labelled goroutines: pprof.Do's labels are inherited by the goroutines it starts.
	for _, tenant := range []string{"acme", "globex"} {
		pprof.Do(context.Background(), pprof.Labels("tenant", tenant, "role", "consumer"), func(context.Context) {
			for i := 0; i < 2; i++ {
				go consumer(make(chan int))
			}
		})
	}
	go poller(make(chan int), make(chan int), nil)
	var mu sync.Mutex
	mu.Lock()
	for i := 0; i < 3; i++ {
		go locked(&mu)
	}
	var wg sync.WaitGroup
	wg.Add(1)
	go waiter(&wg)
	go sleeper()
	go pinned(make(chan int))
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		log.Fatal(err)
	}
	go func() {
		conn, err := ln.Accept()
		if err == nil {
			reader(conn)
		}
	}()
	client, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		log.Fatal(err)
	}
	defer client.Close()

	server, err := net.Listen("tcp", *addr)
	if err != nil {
		log.Fatal(err)
	}
	time.Sleep(100 * time.Millisecond)
	// A collection notes since when each goroutine waits (the dump prints a
	// wait of a minute or more, "[chan receive, 1 minutes]"; Go 1.19 printed
	// none for this program's goroutines after 70 s).
	runtime.GC()
	if *ready != "" {
		if err := os.WriteFile(*ready, []byte("ready\n"), 0o644); err != nil {
			log.Fatal(err)
		}
	}
	log.Fatal(http.Serve(server, nil))
}
