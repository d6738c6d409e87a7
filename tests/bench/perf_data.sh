#!/usr/bin/env bash
# perf.data read directly against the path it replaces: records (once) a
# 10 s, 25 kHz, 2-thread frame-pointer capture of tests/bench/realwork.c
# (and, with --dwarf, a 10 s, 2 kHz, 2-thread --call-graph dwarf one: each
# sample holds 8 KiB of stack, so 25 kHz would write 4 GB), then runs
#   proflens convert perf.data --to folded             (direct)
#   perf script -i perf.data | proflens convert - --to folded   (the text path)
# printing wall time, CPU time (user + system, of every process of the path:
# steadier than wall time on a shared machine), MB/s of the perf.data file, and peak memory
# (/usr/bin/time -v; the text path's peak is the larger of perf script's and
# proflens's), the samples, distinct stacks and distinct addresses, and
# whether the two folded outputs are identical. Not a test: speed never
# fails anything. Run it alone, nice'd:
#   nice tests/bench/perf_data.sh [--dwarf]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
proflens=${PROFLENS:-$root/build/proflens}
bench=${BENCH_DIR:-/tmp/proflens-bench-perfdata}
modes=(fp)
[ "${1:-}" = --dwarf ] && modes+=(dwarf)
mkdir -p "$bench"
gcc -O1 -g -fno-omit-frame-pointer -pthread -o "$bench/realwork" "$root/tests/bench/realwork.c"

# Wall seconds, CPU seconds and peak MiB of a command line (run by bash), into $secs, $cpu and $mib.
measure() {
  /usr/bin/time -v -o "$bench/time.txt" bash -c "$1" > /dev/null
  secs=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$bench/time.txt" |
         awk -F: '{ s = 0; for (i = 1; i <= NF; ++i) s = s * 60 + $i; printf "%.2f", s }')
  cpu=$(awk -F': ' '/User time|System time/ { s += $2 } END { printf "%.2f", s }' "$bench/time.txt")
  mib=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$bench/time.txt" | awk '{ printf "%.0f", $1 / 1024 }')
}

echo "| capture | MiB | samples | distinct stacks | distinct addresses | path | wall s | CPU s | MB/s | peak MiB |"
echo "|---|---|---|---|---|---|---|---|---|---|"
for mode in "${modes[@]}"; do
  data=$bench/perfdata-$mode.data
  if [ ! -s "$data" ]; then
    hz=25000
    [ "$mode" = dwarf ] && hz=2000
    perf record -q -F "$hz" --call-graph "$mode" -o "$data" "$bench/realwork" 10 2 > /dev/null 2>&1
  fi
  cat "$data" > /dev/null  # page cache, for both paths alike
  size_mb=$(stat -c %s "$data" | awk '{ printf "%.1f", $1 / 1e6 }')
  size_mib=$(stat -c %s "$data" | awk '{ printf "%.1f", $1 / 1048576 }')
  samples=$("$proflens" info "$data" | sed -n 's/^Sample records: //p')
  measure "'$proflens' convert '$data' --to folded -o '$bench/direct.folded'"
  direct_s=$secs direct_cpu=$cpu direct_mib=$mib
  # perf script's own peak, then the whole pipe's time (proflens's peak beside it).
  /usr/bin/time -v -o "$bench/script-time.txt" perf script -i "$data" > "$bench/script.txt" 2> /dev/null
  script_mib=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$bench/script-time.txt" | awk '{ printf "%.0f", $1 / 1024 }')
  measure "perf script -i '$data' 2>/dev/null | '$proflens' convert - --to folded -o '$bench/text.folded'"
  text_s=$secs text_cpu=$cpu text_mib=$(( mib > script_mib ? mib : script_mib ))
  stacks=$(wc -l < "$bench/direct.folded")
  addresses=$(awk '/^[ \t]/ { print $1, $NF }' "$bench/script.txt" | sort -u | wc -l)
  same=differ
  cmp -s "$bench/direct.folded" "$bench/text.folded" && same=identical
  rate() { awk -v m="$size_mb" -v s="$1" 'BEGIN { printf "%.0f", (s > 0 ? m / s : 0) }'; }
  echo "| $mode | $size_mib | $samples | $stacks | $addresses | perf.data direct | $direct_s | $direct_cpu | $(rate "$direct_s") | $direct_mib |"
  echo "| $mode | $size_mib | $samples | $stacks | $addresses | perf script \| proflens convert - | $text_s | $text_cpu | $(rate "$text_s") | $text_mib |"
  ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", (b > 0 ? a / b : 0) }'; }
  echo "$mode: folded outputs $same; direct is $(ratio "$text_s" "$direct_s")x faster in wall time, $(ratio "$text_cpu" "$direct_cpu")x in CPU time" >&2
done
