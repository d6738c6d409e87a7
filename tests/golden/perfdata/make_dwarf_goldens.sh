#!/usr/bin/env bash
# Remakes the --call-graph dwarf captures here and their goldens (Debian's
# linux-perf 6.1, gcc 12, rustc; root or perf_event_paranoid <= 1), after
# building proflens (make_goldens.sh runs it too):
#   tests/golden/perfdata/make_dwarf_goldens.sh [PROFLENS_BINARY]
# Both programs need no C library and no frame pointers, and carry DWARF
# (CFI to unwind with, inlined functions for perf script to list); user
# space only (cpu-clock:u), 1 KiB of stack a sample, so the captures stay small.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
proflens=${1:-$here/../../../build/proflens}
cd "$here"
gcc_flags=(-O2 -g -fomit-frame-pointer -static -nostdlib -fno-exceptions -fno-rtti -fno-stack-protector
           -fno-asynchronous-unwind-tables -funwind-tables -Wl,--eh-frame-hdr -Wl,--build-id)
g++ "${gcc_flags[@]}" -o dwarf_cpp dwarf_cpp.cc
rustc --edition 2021 -C opt-level=2 -C debuginfo=2 -C symbol-mangling-version=v0 -C panic=abort \
  -C force-frame-pointers=no -C relocation-model=static -C link-arg=-nostartfiles -C link-arg=-nostdlib \
  -C link-arg=-static -C link-arg=-Wl,--eh-frame-hdr -C link-arg=-Wl,--build-id -o dwarf_rust dwarf_rust.rs
perf record -q -F 250 --call-graph dwarf,1024 -e cpu-clock:u -o dwarf_cpp.data ./dwarf_cpp
perf record -q -F 250 --call-graph dwarf,1024 -e cpu-clock:u -o dwarf_rust.data ./dwarf_rust
chmod 644 dwarf_cpp.data dwarf_rust.data
# The goldens: perf script's text (its unwinding and inlined frames) through
# the perf script reader, which is byte for byte stackcollapse-perf.pl.
for capture in dwarf_cpp dwarf_rust; do
  perf script -i "$capture.data" | "$proflens" convert - --to folded -o "$capture.folded"
  # The binary in the build-id cache the tests read with (--buildid-dir debug).
  id=$(perf buildid-list -i "$capture.data" | awk -v c="$capture" '$2 ~ ("/" c "$") {print $1}')
  rm -rf "debug/.build-id/${id:0:2}/${id:2}"
  mkdir -p "debug/.build-id/${id:0:2}/${id:2}"
  cp "$capture" "debug/.build-id/${id:0:2}/${id:2}/elf"
done
