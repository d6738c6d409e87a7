#!/usr/bin/env bash
# Records the legacy-format samples in samples/legacy/ (pprof's formats from
# before profile.proto, which go tool pprof still reads):
#   gperf.cpu   gperftools' CPU profiler (binary, 64-bit words) of gperfwork.c
#   gperf.heap  gperftools' heap profiler (text "heap profile: ... @ heapprofile"), its dump at exit
#   go-legacy.{heap,goroutine,mutex,block,threadcreate}  Go's debug=1 text profiles of gowork.go
# Needs libgoogle-perftools-dev and golang-go (Debian 12). Run from anywhere.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=$here/../../legacy
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$out"
gcc -O1 -g -fno-omit-frame-pointer -o "$tmp/gperfwork" "$here/gperfwork.c" -Wl,--no-as-needed -lprofiler -ltcmalloc
(cd "$tmp" && CPUPROFILE=$tmp/gperf.cpu CPUPROFILE_FREQUENCY=1000 HEAPPROFILE=$tmp/gperf \
  HEAP_PROFILE_ALLOCATION_INTERVAL=400000000 ./gperfwork 36)
cp "$tmp/gperf.cpu" "$out/gperf.cpu"
cp "$(ls "$tmp"/gperf.*.heap | tail -1)" "$out/gperf.heap"
cp "$here/gowork.go" "$tmp/gowork.go"
(cd "$tmp" && go build -o gowork gowork.go && ./gowork "$out")
