// Writes tests/data/deep-stack.pb (location ids from 32, so its packed list reads as text bytes):
//   GO111MODULE=off GOPATH=/usr/share/gocode go run deep-stack.go deep-stack.pb
package main

import (
	"os"

	"github.com/google/pprof/profile"
)

func main() {
	f := &profile.Function{ID: 1, Name: "recurse", SystemName: "recurse"}
	var locs []*profile.Location
	for i := 0; i < 10000; i++ {
		locs = append(locs, &profile.Location{ID: uint64(i + 32), Address: uint64(0x1000 + i), Line: []profile.Line{{Function: f, Line: int64(i + 1)}}})
	}
	p := &profile.Profile{SampleType: []*profile.ValueType{{Type: "samples", Unit: "count"}}, Function: []*profile.Function{f}, Location: locs,
		Sample: []*profile.Sample{{Location: locs, Value: []int64{7}}}}
	out, _ := os.Create(os.Args[1])
	p.WriteUncompressed(out)
}
