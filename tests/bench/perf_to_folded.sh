#!/usr/bin/env bash
# Benchmark: perf script text -> folded stacks, proflens beside
# stackcollapse-perf.pl on the same file, in the same run.
#
#   tests/bench/perf_to_folded.sh [PERF_SCRIPT_FILE] [FLAMEGRAPH_DIR]
#
# Without a file, records one here (perf record -g on samples/gen/perfwork.c,
# about 100 MB of perf script text, left in $BENCH_DIR, never committed).
# FLAMEGRAPH_DIR is a checkout of brendangregg/FlameGraph; without it only
# proflens is measured. Prints input MiB, seconds, MiB/s and peak RSS (from
# /usr/bin/time) for each tool and checks that both outputs are identical.
# Not a test: speed never fails anything.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
proflens=${PROFLENS:-$root/build/proflens}
bench_dir=${BENCH_DIR:-/tmp/proflens-bench}
mkdir -p "$bench_dir"
input=${1:-}
flamegraph=${2:-}

if [ -z "$input" ]; then
  input=$bench_dir/perf-big.txt
  if [ ! -s "$input" ]; then
    echo "recording $input (perf record -g, about 30 s)..." >&2
    gcc -O2 -g -fno-omit-frame-pointer -fno-optimize-sibling-calls -o "$bench_dir/work" "$root/samples/gen/perfwork.c"
    perf record -q -g -F 4000 -e cpu-clock -o "$bench_dir/perf.data" "$bench_dir/work" 2000 2>/dev/null
    perf script -i "$bench_dir/perf.data" > "$input" 2>/dev/null
  fi
fi
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (Debian package: time)" >&2; exit 2; }
. "$root/tests/bench/timing.sh"
mb=$(file_mib "$input")
cat "$input" > /dev/null  # warm the page cache for every tool alike

measure() {  # name, output file, command...
  local name=$1 out=$2
  shift 2
  local start end kb secs
  start=$(date +%s%N)
  /usr/bin/time -f "%M" -o "$bench_dir/time.txt" "$@" > "$out" 2>/dev/null
  end=$(date +%s%N)
  kb=$(cat "$bench_dir/time.txt")
  secs=$(awk -v ns=$((end - start)) 'BEGIN { printf "%.3f", ns / 1e9 }')
  awk -v n="$name" -v mb="$mb" -v s="$secs" -v kb="$kb" \
    'BEGIN { printf "%-28s %9s %9.3f %10.1f %12.1f\n", n, mb, s, (s > 0 ? mb / s : 0), kb / 1024 }'
}

printf "%-28s %9s %9s %10s %12s\n" "tool" "input MiB" "seconds" "MiB/s" "peak RSS MiB"
measure "proflens convert --to folded" "$bench_dir/proflens.folded" "$proflens" convert "$input" --to folded
if [ -n "$flamegraph" ]; then
  measure "stackcollapse-perf.pl" "$bench_dir/perl.folded" perl "$flamegraph/stackcollapse-perf.pl" "$input"
  if cmp -s "$bench_dir/proflens.folded" "$bench_dir/perl.folded"; then
    echo "outputs identical"
  else
    echo "OUTPUTS DIFFER: $bench_dir/proflens.folded $bench_dir/perl.folded"
  fi
fi
