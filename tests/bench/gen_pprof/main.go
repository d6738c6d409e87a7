// Writes a large synthetic heap profile for tests/bench/compare_peers.sh
// (never committed): SAMPLES samples, walks down a call graph of 20k
// functions that each call 2 to 6 others (so 2 M mostly distinct stacks over
// some 80 k call edges, as a big program's heap profile has), the
// four heap sample types, a numeric "bytes" label per sample as Go's heap
// profiles have. Uses pprof's own profile package (Debian's
// golang-github-google-pprof-dev):
//   GO111MODULE=off GOPATH=/usr/share/gocode go run main.go OUT.pb.gz SAMPLES
package main

import (
	"fmt"
	"math/rand"
	"os"
	"strconv"

	"github.com/google/pprof/profile"
)

func min(a, b int) int {
	if a < b {
		return a
	}
	return b
}

func main() {
	out, n := os.Args[1], 2000000
	if len(os.Args) > 2 {
		n, _ = strconv.Atoi(os.Args[2])
	}
	rng := rand.New(rand.NewSource(3))
	m := &profile.Mapping{ID: 1, Start: 0x400000, Limit: 0x4000000, File: "/usr/bin/server", HasFunctions: true}
	p := &profile.Profile{
		SampleType: []*profile.ValueType{{Type: "alloc_objects", Unit: "count"}, {Type: "alloc_space", Unit: "bytes"},
			{Type: "inuse_objects", Unit: "count"}, {Type: "inuse_space", Unit: "bytes"}},
		PeriodType: &profile.ValueType{Type: "space", Unit: "bytes"}, Period: 524288, Mapping: []*profile.Mapping{m},
	}
	var locs []*profile.Location
	for i := 0; i < 20000; i++ {
		f := &profile.Function{ID: uint64(i + 1), Name: fmt.Sprintf("pkg%d.(*T%d).method%d", i%300, i%97, i), Filename: fmt.Sprintf("/src/pkg%d/file%d.go", i%300, i%40)}
		p.Function = append(p.Function, f)
		l := &profile.Location{ID: uint64(i + 1), Mapping: m, Address: uint64(0x400000 + i*64), Line: []profile.Line{{Function: f, Line: int64(10 + i%500)}}}
		locs = append(locs, l)
	}
	p.Location = locs
	// A call graph as programs have: each function calls a few others (deeper
	// in the list), and stacks are walks down it from one of a few roots.
	callees := make([][]int, len(locs))
	for i := range callees {
		for c := 0; c < 2+rng.Intn(5) && i+1 < len(locs); c++ {
			callees[i] = append(callees[i], i+1+rng.Intn(min(len(locs)-i-1, 2000)))
		}
	}
	for s := 0; s < n; s++ {
		depth := 6 + rng.Intn(20)
		walk := []int{rng.Intn(50)}
		for len(walk) < depth && len(callees[walk[len(walk)-1]]) > 0 {
			next := callees[walk[len(walk)-1]]
			walk = append(walk, next[rng.Intn(len(next))])
		}
		stack := make([]*profile.Location, len(walk))
		for d := range walk {
			stack[len(walk)-1-d] = locs[walk[d]] // leaf first
		}
		size := int64(16 << uint(rng.Intn(10)))
		objects := int64(1 + rng.Intn(64))
		inuse := objects / int64(1+rng.Intn(4))
		p.Sample = append(p.Sample, &profile.Sample{Location: stack, Value: []int64{objects, objects * size, inuse, inuse * size},
			NumLabel: map[string][]int64{"bytes": {size}}})
	}
	f, err := os.Create(out)
	if err != nil {
		panic(err)
	}
	if err := p.Write(f); err != nil {
		panic(err)
	}
	f.Close()
}
