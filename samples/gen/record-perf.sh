#!/usr/bin/env bash
# Records the perf script samples in samples/ (Debian's linux-perf, gcc).
# Run from samples/gen as root (or with perf_event_paranoid <= 1). This machine
# has no hardware counters, so the events are software ones.
set -euo pipefail
out=$(cd .. && pwd)
work=$(mktemp -d)
gcc -O2 -g -fno-omit-frame-pointer -fno-optimize-sibling-calls -o "$work/work" perfwork.c
cd "$work"
# Frame-pointer stacks, one event.
perf record -q -g -F 499 -e cpu-clock -o fp.data ./work 25
perf script -i fp.data > "$out/perf-fp.txt"
# DWARF unwinding: perf script shows "(inlined)" frames.
perf record -q --call-graph dwarf,16384 -F 199 -o dwarf.data ./work 8
perf script -i dwarf.data > "$out/perf-dwarf.txt"
# Two events in one capture, with perf's --header block; gzipped.
perf record -q -g -e cpu-clock/period=1000000/,page-faults/period=20/ -o multi.data ./work 6
perf script -i multi.data --header | gzip -9n > "$out/perf-multi.txt.gz"
# Source lines after each frame (-F +srcline); gzipped.
perf script -i fp.data -F +srcline | gzip -9n > "$out/perf-srcline.txt.gz"
# A tracepoint: text after the event name.
perf record -q -e sched:sched_switch -g -o tp.data -- sh -c 'for i in 1 2 3; do sleep 0.01; done'
perf script -i tp.data > "$out/perf-tracepoint.txt"
# A slow and a fast build of the same program, for diffs.
gcc -O0 -g -fno-omit-frame-pointer -o "$work/work" "$OLDPWD/perfwork.c"
perf record -q -g -F 499 -e cpu-clock -o slow.data ./work 12
perf script -i slow.data | gzip -9n > "$out/perf-slow.txt.gz"
gcc -O2 -g -fno-omit-frame-pointer -fno-optimize-sibling-calls -o "$work/work" "$OLDPWD/perfwork.c"
perf record -q -g -F 499 -e cpu-clock -o fast.data ./work 12
perf script -i fast.data | gzip -9n > "$out/perf-fast.txt.gz"
rm -rf "$work"
