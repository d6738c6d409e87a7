// taglabels writes samples/tag-labels.pb.gz with pprof's own profile package:
// a heap-like profile whose samples carry the numeric labels pprof filters by
// range: "bytes" with the unit "bytes", "request" and "alignment" with no unit
// (pprof takes them as bytes), "pid" with no unit, and a string label.
//
//	GO111MODULE=off GOPATH=/usr/share/gocode go run main.go ../../tag-labels.pb.gz
package main

import (
	"os"

	"github.com/google/pprof/profile"
)

func main() {
	var fns []*profile.Function
	var locs []*profile.Location
	for i, name := range []string{"main", "small", "medium", "large", "huge"} {
		f := &profile.Function{ID: uint64(i + 1), Name: name, SystemName: name}
		fns = append(fns, f)
		locs = append(locs, &profile.Location{ID: uint64(i + 1), Address: uint64(0x1000 * (i + 1)), Line: []profile.Line{{Function: f}}})
	}
	p := &profile.Profile{
		SampleType: []*profile.ValueType{{Type: "alloc_objects", Unit: "count"}, {Type: "alloc_space", Unit: "bytes"}},
		Function:   fns,
		Location:   locs,
		TimeNanos:  1700000000000000000,
	}
	sizes := []int64{48, 4096, 400 * 1024, 4 << 20}
	for i, size := range sizes {
		for j, align := range []int64{8, 64} {
			p.Sample = append(p.Sample, &profile.Sample{
				Location: []*profile.Location{locs[i+1], locs[0]},
				Value:    []int64{int64(1 + j), size * int64(1+j)},
				Label:    map[string][]string{"pool": {[]string{"hot", "cold"}[j]}},
				NumLabel: map[string][]int64{"bytes": {size}, "request": {size - 8}, "alignment": {align}, "pid": {int64(100 + i)}},
				NumUnit:  map[string][]string{"bytes": {"bytes"}},
			})
		}
	}
	f, err := os.Create(os.Args[1])
	if err != nil {
		panic(err)
	}
	defer f.Close()
	if err := p.Write(f); err != nil {
		panic(err)
	}
}
