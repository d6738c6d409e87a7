// fleetgen records the small Go CPU profiles of python/tests/data/hours/:
// each one a real runtime/pprof capture of a short workload (which functions
// run, and how much, changes from one profile to the next, so no two are
// copies), whose time_nanos is then set with pprof's own profile package to
// the time it would carry had a fleet of three hosts sent one every
// 20 minutes: host h's k-th profile at START + k*20m + h*7m. Only the time
// is set; the samples are as the runtime recorded them.
//
//	cd python/tests/data/gen && GO111MODULE=off GOPATH=/usr/share/gocode \
//	    go run main.go -out ../hours -n 12 -start 2026-12-07T01:00:00Z
package main

import (
	"bytes"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"runtime/pprof"
	"sort"
	"strings"
	"time"

	"github.com/google/pprof/profile"
)

var sink int

func fib(n int) int {
	if n < 2 {
		return n
	}
	return fib(n-1) + fib(n-2)
}

func sortWords(n int) {
	words := make([]string, n)
	for i := range words {
		words[i] = strings.Repeat(string(rune('a'+i%26)), i%17+1)
	}
	sort.Strings(words)
	sink += len(words[0])
}

func hashAll(n int) {
	m := map[int]int{}
	for i := 0; i < n; i++ {
		m[i*7919%n] += i
	}
	sink += len(m)
}

func build(n int) {
	var b strings.Builder
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "%d,", i)
	}
	sink += b.Len()
}

// work runs for about d, spending its time on a mix that depends on seed.
func work(seed int, d time.Duration) {
	end := time.Now().Add(d)
	for i := 0; time.Now().Before(end); i++ {
		switch (seed + i) % (2 + seed%3) {
		case 0:
			sink += fib(18 + seed%5)
		case 1:
			sortWords(2000 + 500*(seed%4))
		case 2:
			hashAll(5000 + 1000*(seed%3))
		default:
			build(3000)
		}
	}
}

func main() {
	out := flag.String("out", "hours", "directory to write to")
	n := flag.Int("n", 12, "profiles per host")
	hosts := flag.Int("hosts", 3, "hosts")
	start := flag.String("start", "2026-12-07T01:00:00Z", "time of the first profile (RFC 3339)")
	every := flag.Duration("every", 20*time.Minute, "time between one host's profiles")
	length := flag.Duration("length", 120*time.Millisecond, "recording time of each profile")
	flag.Parse()
	t0, err := time.Parse(time.RFC3339, *start)
	if err != nil {
		log.Fatal(err)
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		log.Fatal(err)
	}
	for h := 0; h < *hosts; h++ {
		for k := 0; k < *n; k++ {
			var buf bytes.Buffer
			if err := pprof.StartCPUProfile(&buf); err != nil {
				log.Fatal(err)
			}
			work(h*(*n)+k, *length)
			pprof.StopCPUProfile()
			p, err := profile.Parse(&buf)
			if err != nil {
				log.Fatal(err)
			}
			at := t0.Add(time.Duration(k)*(*every) + time.Duration(h)*7*time.Minute)
			p.TimeNanos = at.UnixNano()
			name := filepath.Join(*out, fmt.Sprintf("host%d-%s.pb.gz", h+1, at.Format("20060102T1504")))
			f, err := os.Create(name)
			if err != nil {
				log.Fatal(err)
			}
			if err := p.Write(f); err != nil {
				log.Fatal(err)
			}
			f.Close()
		}
	}
}
