#!/usr/bin/env bash
# Merging many profiles: memory must follow the distinct stacks, not the
# number of files. Cuts a real perf capture (tests/bench/real_capture.sh
# records one) into N perf script files at sample boundaries, each a small
# real profile, and merges them with --files-from, for N from 1 to 100,000;
# prints time and peak memory, and checks that the merged profile's top
# equals the whole capture's. Not a test: figures only.
#
#   tests/bench/merge_many.sh [PERF_SCRIPT_FILE] [COUNTS...]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
proflens=${PROFLENS:-$root/build/proflens}
bench=${BENCH_DIR:-/tmp/proflens-bench}
input=${1:-$bench/real-200.perf.txt}
shift || true
counts=("$@")
[ ${#counts[@]} -gt 0 ] || counts=(1 100 1000 10000 100000)
"$proflens" --threads 1 top "$input" -n 20 > "$bench/merge-whole.txt"
echo "input: $input, $(stat -c %s "$input") bytes"
echo
echo "| files | merge s | peak MiB | merged top = whole top |"
echo "|---|---|---|---|"
for n in "${counts[@]}"; do
  dir=$bench/pieces-$n
  rm -rf "$dir"
  mkdir -p "$dir"
  python3 - "$input" "$dir" "$n" <<'PY'
import sys
data = open(sys.argv[1], "rb").read()
out, n = sys.argv[2], int(sys.argv[3])
start = 0
for k in range(n):
    end = len(data) if k == n - 1 else data.find(b"\n\n", max(start, len(data) * (k + 1) // n)) + 2
    if end <= 1 or end <= start:
        continue
    open("%s/%06d.perf.txt" % (out, k), "wb").write(data[start:end])
    start = end
PY
  find "$dir" -name '*.perf.txt' | sort > "$dir.list"
  files=$(wc -l < "$dir.list")
  start=$(date +%s%N)
  /usr/bin/time -f "%M" -o "$bench/time.txt" "$proflens" --threads 1 merge --files-from "$dir.list" -o "$bench/merged.pb.gz"
  end=$(date +%s%N)
  "$proflens" --threads 1 top "$bench/merged.pb.gz" -n 20 > "$bench/merge-merged.txt"
  same=no
  # The header names the file and its duration; the rows must be equal.
  diff <(sed -n "/^Showing nodes/,\$p" "$bench/merge-whole.txt") <(sed -n "/^Showing nodes/,\$p" "$bench/merge-merged.txt") > /dev/null && same=yes
  awk -v f="$files" -v ns=$((end - start)) -v kb="$(cat "$bench/time.txt")" -v same="$same" \
    'BEGIN { printf "| %d | %.2f | %.0f | %s |\n", f, ns / 1e9, kb / 1024, same }'
  rm -rf "$dir" "$dir.list"
done
