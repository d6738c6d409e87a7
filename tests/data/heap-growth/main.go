// Writes a series of heap profiles of a growing cache, as a service leaking
// memory would: heap-1.pb.gz ... heap-N.pb.gz, one every INTERVAL.
//
//	cd tests/data/heap-growth && GO111MODULE=off go run main.go 5 2s
//
// Each round puts 2000 entries of 1 KiB (plus the map's own growth) into
// cache.Put's map, then forces a GC so the in-use numbers are current, then
// writes the heap profile (runtime/pprof records the time it was written).
package main

import (
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"
	"strconv"
	"time"
)

type cache struct{ entries map[int][]byte }

//go:noinline
func (c *cache) Put(key int, size int) { c.entries[key] = make([]byte, size) }

func main() {
	rounds, _ := strconv.Atoi(os.Args[1])
	interval, _ := time.ParseDuration(os.Args[2])
	runtime.MemProfileRate = 1 // every allocation: the in-use totals are exact, not sampled
	c := &cache{entries: map[int][]byte{}}
	key := 0
	for round := 1; round <= rounds; round++ {
		for i := 0; i < 2000; i++ {
			c.Put(key, 1024)
			key++
		}
		runtime.GC()
		f, err := os.Create(fmt.Sprintf("heap-%d.pb.gz", round))
		if err != nil {
			panic(err)
		}
		if err := pprof.Lookup("heap").WriteTo(f, 0); err != nil {
			panic(err)
		}
		f.Close()
		if round < rounds {
			time.Sleep(interval)
		}
	}
}
