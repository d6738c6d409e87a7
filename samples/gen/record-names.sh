#!/usr/bin/env bash
# Records the names corpus's real captures (samples/README.md, "Names from
# every language"): Rust with both manglings, C++ templates, Node.js and Java
# JIT frames under perf, and Go generics with runtime/pprof. Needs rustc,
# g++, node, a JDK, golang-go and linux-perf; run from samples/gen.
set -euo pipefail
out=$(cd .. && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd names
rustc -O -g -C force-frame-pointers=yes -C symbol-mangling-version=v0 -o "$tmp/rust_v0" rustwork.rs
rustc -O -g -C force-frame-pointers=yes -o "$tmp/rust_legacy" rustwork.rs
g++ -O1 -g -fno-omit-frame-pointer -o "$tmp/cppnames" cppnames.cc
record() {  # record NAME COMMAND...: perf script text, gzipped, into samples/
  local name=$1; shift
  perf record -F 2000 -g -o "$tmp/$name.data" "$@" >/dev/null 2>&1
  perf script -i "$tmp/$name.data" 2>/dev/null | gzip -9 > "$out/$name.perf.txt.gz"
}
record rust-v0 "$tmp/rust_v0"
record rust-legacy "$tmp/rust_legacy"
record cpp-templates "$tmp/cppnames"
record node-js node --perf-basic-prof app.js
javac -d "$tmp" Shop.java
record java-jit java -cp "$tmp" -XX:+UnlockDiagnosticVMOptions -XX:+DumpPerfMapAtExit -XX:+PreserveFramePointer Shop
(cd gogen && go build -o "$tmp/gogen" . && cd "$tmp" && ./gogen >/dev/null && cp go-generics.pb.gz "$out/")
