// synthetic writes samples/synthetic.pb.gz with pprof's own profile package:
// drop_frames/keep_frames, an unsymbolized location, a location with inlined
// lines, direct and mutual recursion, labels, comments and two sample types.
//
//	GO111MODULE=off GOPATH=/usr/share/gocode go run main.go ../../synthetic.pb.gz
package main

import (
	"os"

	"github.com/google/pprof/profile"
)

func main() {
	bin := &profile.Mapping{ID: 1, Start: 0x400000, Limit: 0x500000, File: "/usr/bin/server", BuildID: "abc123", HasFunctions: true}
	libc := &profile.Mapping{ID: 2, Start: 0x7f0000000000, Limit: 0x7f0000100000, File: "/opt/none/libc-test.so.6"}
	fn := map[string]*profile.Function{}
	var fns []*profile.Function
	for i, name := range []string{"main", "serve", "handle", "parse", "parseValue", "malloc", "operator new(unsigned long)",
		"std::vector<int>::push_back(int const&)", "walk", "even", "odd", "hash"} {
		f := &profile.Function{ID: uint64(i + 1), Name: name, SystemName: name, Filename: "src/" + name + ".cc", StartLine: int64(10 * (i + 1))}
		fn[name] = f
		fns = append(fns, f)
	}
	var locs []*profile.Location
	loc := func(addr uint64, m *profile.Mapping, names ...string) *profile.Location {
		l := &profile.Location{ID: uint64(len(locs) + 1), Mapping: m, Address: addr}
		for i, n := range names {
			l.Line = append(l.Line, profile.Line{Function: fn[n], Line: int64(100 + i)})
		}
		locs = append(locs, l)
		return l
	}
	lMain := loc(0x401000, bin, "main")
	lServe := loc(0x401100, bin, "serve")
	lHandle := loc(0x401200, bin, "handle")
	lParse := loc(0x401300, bin, "parseValue", "parse") // parseValue inlined into parse
	lMalloc := loc(0x7f0000001000, libc, "malloc")
	lNew := loc(0x401400, bin, "operator new(unsigned long)")
	lPush := loc(0x401500, bin, "std::vector<int>::push_back(int const&)")
	lWalk := loc(0x401600, bin, "walk")
	lEven := loc(0x401700, bin, "even")
	lOdd := loc(0x401800, bin, "odd")
	lHash := loc(0x401900, bin, "hash", "handle") // hash inlined into handle, at another address
	lUnknown := loc(0x7f0000002000, libc)        // no symbol
	stacks := []struct {
		locs   []*profile.Location
		v      []int64
		labels map[string][]string
	}{
		{[]*profile.Location{lParse, lHandle, lServe, lMain}, []int64{30, 300}, map[string][]string{"phase": {"parse"}}},
		{[]*profile.Location{lMalloc, lNew, lPush, lParse, lHandle, lServe, lMain}, []int64{12, 120}, nil},
		{[]*profile.Location{lMalloc, lNew, lHandle, lServe, lMain}, []int64{7, 70}, nil},
		{[]*profile.Location{lMalloc, lMain}, []int64{3, 30}, nil},
		{[]*profile.Location{lWalk, lWalk, lWalk, lServe, lMain}, []int64{9, 90}, map[string][]string{"phase": {"walk"}}},
		{[]*profile.Location{lEven, lOdd, lEven, lOdd, lHandle, lServe, lMain}, []int64{11, 110}, nil},
		{[]*profile.Location{lHash, lServe, lMain}, []int64{5, 50}, nil},
		{[]*profile.Location{lUnknown, lHandle, lServe, lMain}, []int64{2, 20}, nil},
		{[]*profile.Location{lUnknown}, []int64{1, 10}, nil},
		{[]*profile.Location{lServe, lMain}, []int64{4, 40}, nil},
	}
	p := &profile.Profile{
		SampleType:    []*profile.ValueType{{Type: "samples", Unit: "count"}, {Type: "cpu", Unit: "nanoseconds"}},
		PeriodType:    &profile.ValueType{Type: "cpu", Unit: "nanoseconds"},
		Period:        10,
		TimeNanos:     1700000000000000000,
		DurationNanos: 2000,
		Comments:      []string{"built by samples/gen/synthetic", "#hidden comment"},
		DropFrames:    "malloc|operator new|std::vector<.*>::push_back",
		KeepFrames:    "std::vector<.*>::push_back",
		Mapping:       []*profile.Mapping{bin, libc},
		Function:      fns,
		Location:      locs,
	}
	for _, s := range stacks {
		p.Sample = append(p.Sample, &profile.Sample{Location: s.locs, Value: s.v, Label: s.labels})
	}
	if err := p.CheckValid(); err != nil {
		panic(err)
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
