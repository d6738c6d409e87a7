// A real Go heap profile with millions of distinct allocation stacks, for
// tests/bench (never committed): every allocation is recorded
// (runtime.MemProfileRate = 1) and each is made at the end of a random walk
// down 48 mutually recursive functions, 26 calls deep, so nearly every
// allocation's stack is new. The profile is written by the runtime
// (pprof.WriteHeapProfile), as any Go program's is.
//   go run main.go OUT.pb.gz [ALLOCATIONS]
package main

import (
	"math/rand"
	"os"
	"runtime"
	"runtime/pprof"
	"strconv"
)

var keep [][]byte
var rng = rand.New(rand.NewSource(7))

const depth = 26

// step calls one of the functions below at random: a stack is the path taken.
func step(d, size int) {
	if d == 0 {
		b := make([]byte, size)
		if rng.Intn(4) == 0 {
			keep = append(keep, b) // a quarter stay in use
		}
		return
	}
	steps[rng.Intn(len(steps))](d-1, size)
}

//go:noinline
func f00(d, size int) { step(d, size+0) }

//go:noinline
func f01(d, size int) { step(d, size+1) }

//go:noinline
func f02(d, size int) { step(d, size+2) }

//go:noinline
func f03(d, size int) { step(d, size+3) }

//go:noinline
func f04(d, size int) { step(d, size+4) }

//go:noinline
func f05(d, size int) { step(d, size+5) }

//go:noinline
func f06(d, size int) { step(d, size+6) }

//go:noinline
func f07(d, size int) { step(d, size+7) }

//go:noinline
func f08(d, size int) { step(d, size+8) }

//go:noinline
func f09(d, size int) { step(d, size+9) }

//go:noinline
func f10(d, size int) { step(d, size+10) }

//go:noinline
func f11(d, size int) { step(d, size+11) }

//go:noinline
func f12(d, size int) { step(d, size+12) }

//go:noinline
func f13(d, size int) { step(d, size+13) }

//go:noinline
func f14(d, size int) { step(d, size+14) }

//go:noinline
func f15(d, size int) { step(d, size+15) }

//go:noinline
func f16(d, size int) { step(d, size+16) }

//go:noinline
func f17(d, size int) { step(d, size+17) }

//go:noinline
func f18(d, size int) { step(d, size+18) }

//go:noinline
func f19(d, size int) { step(d, size+19) }

//go:noinline
func f20(d, size int) { step(d, size+20) }

//go:noinline
func f21(d, size int) { step(d, size+21) }

//go:noinline
func f22(d, size int) { step(d, size+22) }

//go:noinline
func f23(d, size int) { step(d, size+23) }

//go:noinline
func f24(d, size int) { step(d, size+24) }

//go:noinline
func f25(d, size int) { step(d, size+25) }

//go:noinline
func f26(d, size int) { step(d, size+26) }

//go:noinline
func f27(d, size int) { step(d, size+27) }

//go:noinline
func f28(d, size int) { step(d, size+28) }

//go:noinline
func f29(d, size int) { step(d, size+29) }

//go:noinline
func f30(d, size int) { step(d, size+30) }

//go:noinline
func f31(d, size int) { step(d, size+31) }

//go:noinline
func f32(d, size int) { step(d, size+32) }

//go:noinline
func f33(d, size int) { step(d, size+33) }

//go:noinline
func f34(d, size int) { step(d, size+34) }

//go:noinline
func f35(d, size int) { step(d, size+35) }

//go:noinline
func f36(d, size int) { step(d, size+36) }

//go:noinline
func f37(d, size int) { step(d, size+37) }

//go:noinline
func f38(d, size int) { step(d, size+38) }

//go:noinline
func f39(d, size int) { step(d, size+39) }

//go:noinline
func f40(d, size int) { step(d, size+40) }

//go:noinline
func f41(d, size int) { step(d, size+41) }

//go:noinline
func f42(d, size int) { step(d, size+42) }

//go:noinline
func f43(d, size int) { step(d, size+43) }

//go:noinline
func f44(d, size int) { step(d, size+44) }

//go:noinline
func f45(d, size int) { step(d, size+45) }

//go:noinline
func f46(d, size int) { step(d, size+46) }

//go:noinline
func f47(d, size int) { step(d, size+47) }

var steps []func(int, int)

func init() {
	steps = []func(int, int){f00, f01, f02, f03, f04, f05, f06, f07, f08, f09, f10, f11, f12, f13, f14, f15, f16, f17, f18, f19, f20, f21, f22, f23, f24, f25, f26, f27, f28, f29, f30, f31, f32, f33, f34, f35, f36, f37, f38, f39, f40, f41, f42, f43, f44, f45, f46, f47}
}

func main() {
	runtime.MemProfileRate = 1
	n := 2000000
	if len(os.Args) > 2 {
		n, _ = strconv.Atoi(os.Args[2])
	}
	for i := 0; i < n; i++ {
		step(depth, 16+rng.Intn(512))
	}
	runtime.GC()
	f, err := os.Create(os.Args[1])
	if err != nil {
		panic(err)
	}
	if err := pprof.WriteHeapProfile(f); err != nil {
		panic(err)
	}
	f.Close()
}
