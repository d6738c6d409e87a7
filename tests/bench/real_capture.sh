#!/usr/bin/env bash
# Benchmark on a real capture, never a repeated one: records (once) a
# 2-thread perf record -g of tests/bench/realwork.c, whose threads walk a
# random call tree so that nearly every stack is new, then times proflens and
# stackcollapse-perf.pl on it and prints a table with the input's size,
# samples and distinct folded stacks. Peers run on a 200 MiB slice cut at a
# sample boundary (stackcollapse-perf.pl takes minutes on the whole), and
# proflens on both. Then a real Go heap profile (tests/bench/gen_heap: every
# allocation recorded, about 2 M distinct stacks) read by proflens and by
# go tool pprof (needs golang-go), with igzip -dc's time beside info's
# (inflating alone; Debian package isal). proflens's time is the median of 3 runs
# (tests/bench/timing.sh), their range printed after the table. Not a test:
# speed never fails anything.
#
#   tests/bench/real_capture.sh [FLAMEGRAPH_DIR] [SECONDS]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
proflens=${PROFLENS:-$root/build/proflens}
bench=${BENCH_DIR:-/tmp/proflens-bench}
flamegraph=${1:-}
seconds=${2:-52}
mkdir -p "$bench"
if [ ! -s "$bench/real.perf.txt" ]; then
  gcc -O1 -g -fno-omit-frame-pointer -pthread -o "$bench/realwork" "$root/tests/bench/realwork.c"
  perf record -F 20000 -g -o "$bench/real.data" "$bench/realwork" "$seconds" 2 >/dev/null 2>&1
  perf script -i "$bench/real.data" > "$bench/real.perf.txt" 2>/dev/null
fi
[ -s "$bench/real-200.perf.txt" ] || python3 - "$bench/real.perf.txt" "$bench/real-200.perf.txt" <<'PY'
import sys
src = open(sys.argv[1], "rb").read(200 << 20)
open(sys.argv[2], "wb").write(src[:src.rindex(b"\n\n") + 2])
PY
. "$root/tests/bench/timing.sh"
for input in real.perf.txt real-200.perf.txt; do
  samples=$("$proflens" info "$bench/$input" | sed -n 's/^Samples: \([0-9]*\) records.*/\1/p')
  "$proflens" convert "$bench/$input" --to folded -o "$bench/$input.folded"
  stacks=$(wc -l < "$bench/$input.folded")
  echo "$input: $(file_mib "$bench/$input") MiB, $samples samples, $stacks distinct folded stacks"
done
echo
echo "| job | input MiB | proflens s | MiB/s | proflens peak MiB | peer s | peer/proflens | peer peak MiB |"
echo "|---|---|---|---|---|---|---|---|"
row() {  # label, input, proflens command..., then PEER and the peer's command (or nothing)
  local label=$1 input=$2
  shift 2
  local cmd=() peer=()
  while [ $# -gt 0 ] && [ "$1" != PEER ]; do cmd+=("$1"); shift; done
  [ $# -gt 0 ] && shift && peer=("$@")
  cat "$input" > /dev/null  # page cache, for every tool alike
  run_median "$bench/out.txt" "${cmd[@]}"
  local ps=$secs pm=$mib peer_s=- ratio=- peer_m=-
  spreads+=("$label: $spread s")
  if [ ${#peer[@]} -gt 0 ]; then
    run "$bench/peer.txt" "${peer[@]}"
    peer_s=$secs peer_m=$mib
    ratio=$(speedup "$peer_s" "$ps")
  fi
  local m
  m=$(file_mib "$input")
  echo "| $label | $m | $ps | $(mib_rate "$m" "$ps") | $pm | $peer_s | $ratio | $peer_m |"
}
spreads=()  # each row's three proflens runs, fastest-slowest
full=$bench/real.perf.txt slice=$bench/real-200.perf.txt
row "perf script -> folded, 1 thread" "$full" "$proflens" --threads 1 convert "$full" --to folded
row "perf script -> folded, 2 threads" "$full" "$proflens" --threads 2 convert "$full" --to folded
row "perf script -> top, 2 threads" "$full" "$proflens" --threads 2 top "$full"
row "perf script -> HTML report, 2 threads" "$full" "$proflens" --threads 2 report "$full" -o "$bench/real.html"
if [ -n "$flamegraph" ]; then
  row "200 MiB slice -> folded (stackcollapse-perf.pl)" "$slice" "$proflens" convert "$slice" --to folded \
    PEER perl "$flamegraph/stackcollapse-perf.pl" "$slice"
  cmp -s "$bench/out.txt" "$bench/peer.txt" && echo "(the slice's folded output is identical to stackcollapse-perf.pl's)"
  # The slice's folded stacks (328 k distinct) drawn, and the whole pipeline
  # from perf script to a page, against flamegraph.pl and the perl pair.
  row "200 MiB slice folded -> flame SVG (flamegraph.pl)" "$slice.folded" "$proflens" flame "$slice.folded" \
    PEER perl "$flamegraph/flamegraph.pl" "$slice.folded"
  row "200 MiB slice -> HTML report (stackcollapse-perf.pl, then flamegraph.pl)" "$slice" \
    "$proflens" report "$slice" -o "$bench/slice.html" \
    PEER sh -c "perl '$flamegraph/stackcollapse-perf.pl' '$slice' | perl '$flamegraph/flamegraph.pl'"
fi

if command -v go > /dev/null; then
  heap=$bench/heap-real-2m.pb.gz
  if [ ! -s "$heap" ]; then
    cp "$root/tests/bench/gen_heap/main.go" "$bench/gen_heap.go"
    (cd "$bench" && go run gen_heap.go "$heap" 2000000)
  fi
  echo
  echo "$(basename "$heap"): $(file_mib "$heap") MiB gzipped, $("$proflens" info "$heap" | sed -n 's/^Samples: \([0-9]*\) records, \([0-9]*\) distinct.*/\1 samples, \2 distinct (stack, labels)/p')"
  echo
  echo "| job | input MiB | proflens s | MiB/s | proflens peak MiB | peer s | peer/proflens | peer peak MiB |"
  echo "|---|---|---|---|---|---|---|---|"
  row "Go heap profile -> top (go tool pprof -top)" "$heap" "$proflens" top "$heap" PEER go tool pprof -top "$heap"
  cmp -s "$bench/out.txt" "$bench/peer.txt" && echo "(top's output is identical to go tool pprof's)"
  row "Go heap profile -> info" "$heap" "$proflens" info "$heap"
  # The floor for info: inflating the file and nothing else, by ISA-L's own
  # command-line tool (Debian package isal), the fastest inflate on Debian 12,
  # into /dev/null as info writes no inflated bytes anywhere.
  if command -v igzip > /dev/null; then
    run_median "$bench/peer.txt" sh -c "igzip -dc '$heap' > /dev/null"
    echo "(igzip -dc alone, inflating only: $secs s [$spread], $mib MiB)"
  fi
fi
echo
echo "proflens s is the median of 3 runs (peak: the largest); the runs' range, fastest-slowest:"
for spread_line in "${spreads[@]}"; do echo "  $spread_line"; done
