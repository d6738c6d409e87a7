#!/usr/bin/env bash
# Benchmark: the HTML report of a large perf capture: how long proflens takes
# to write it, how big it is, and how long Chromium takes to open it.
#
#   tests/bench/report_size.sh [PERF_SCRIPT_FILE] [COPIES]
#
# Without a file it uses the capture tests/bench/perf_to_folded.sh records;
# COPIES (default 3) concatenates it that many times (a bigger file with the
# same stacks, as a longer capture of the same program would be).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
proflens=${PROFLENS:-$root/build/proflens}
bench_dir=${BENCH_DIR:-/tmp/proflens-bench}
input=${1:-$bench_dir/perf-big.txt}
copies=${2:-3}
[ -s "$input" ] || "$root/tests/bench/perf_to_folded.sh" >/dev/null
big=$bench_dir/perf-report-input.txt
: > "$big"
for _ in $(seq "$copies"); do cat "$input" >> "$big"; done
. "$root/tests/bench/timing.sh"
mb=$(file_mib "$big")
start=$(date +%s%N)
/usr/bin/time -f "%M" -o "$bench_dir/time.txt" "$proflens" report "$big" -o "$bench_dir/report.html"
end=$(date +%s%N)
size=$(awk -v b="$(stat -c %s "$bench_dir/report.html")" 'BEGIN { printf "%.2f", b / 1048576 }')
open_s=$(node "$root/tests/browser/open_report.mjs" "$bench_dir/report.html")
printf "%-12s %10s %12s %12s %14s %14s\n" "input" "input MiB" "report s" "peak RSS MiB" "report MiB" "open s"
awk -v mb="$mb" -v s="$(( (end - start) / 1000000 ))" -v kb="$(cat "$bench_dir/time.txt")" -v size="$size" -v o="$open_s" \
  'BEGIN { printf "%-12s %10s %12.2f %12.1f %14s %14s\n", "perf script", mb, s / 1000, kb / 1024, size, o }'
