#!/usr/bin/env bash
# Benchmark: proflens beside each peer tool on the same large input, in one
# run. First the real inputs (tests/bench/real_capture.sh: a real perf
# capture and a real Go heap profile, nothing repeated) and merging many real
# profiles (tests/bench/merge_many.sh); then, labelled as such, the earlier
# synthetic and repeated inputs, kept for comparison. Prints one table: job, input MiB, proflens
# seconds and MiB/s, peer seconds, ratio, and both peak RSS (/usr/bin/time).
# proflens's time is the median of 3 runs, its peak the largest of them;
# peers run once (tests/bench/timing.sh says why).
# Then how proflens's time and memory grow with input size (1x, 4x, 16x).
#
#   tests/bench/compare_peers.sh [FLAMEGRAPH_DIR] [GPROF2DOT_DIR]
#
# Inputs are made in $BENCH_DIR (default /tmp/proflens-bench), never committed:
#   perf-783.txt   a perf record -g capture of samples/gen/perfwork.c (perf_to_folded.sh
#                  records it), copied 6 times with timestamps moved on
#   heap-2m.pb.gz  2 M heap samples (tests/bench/gen_pprof, pprof's Go package)
#   big.folded     365 k distinct stacks; big.prof: 59 k functions (gen_inputs.py)
# Peers: stackcollapse-perf.pl and flamegraph.pl (FLAMEGRAPH_DIR, a checkout of
# brendangregg/FlameGraph), go tool pprof (golang-go), gprof2dot.py
# (GPROF2DOT_DIR, a checkout of jrfonseca/gprof2dot). A missing peer is skipped.
# Not a test: speed never fails anything.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
proflens=${PROFLENS:-$root/build/proflens}
bench=${BENCH_DIR:-/tmp/proflens-bench}
flamegraph=${1:-}
gprof2dot=${2:-}
mkdir -p "$bench"
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (Debian package: time)" >&2; exit 2; }

echo "## Real inputs"
echo
"$root/tests/bench/real_capture.sh" "$flamegraph"
echo
echo "## Merging many real profiles (the 200 MiB slice cut into N files)"
echo
"$root/tests/bench/merge_many.sh" "$bench/real-200.perf.txt" 1 100 1000 10000
echo
echo "## Synthetic and repeated inputs (a repeated capture makes the reader's caches hit: not a real figure)"
echo

# --- inputs -------------------------------------------------------------------
[ -s "$bench/perf-big.txt" ] || "$root/tests/bench/perf_to_folded.sh" > /dev/null
scale_perf() {  # copies, output: the capture repeated, each copy's timestamps after the last
  python3 - "$bench/perf-big.txt" "$1" "$2" "${3:-0}" <<'PY'
import re, sys
src, copies, out, cut = open(sys.argv[1], "rb").read(), int(sys.argv[2]), sys.argv[3], int(sys.argv[4])
if cut:  # the first CUT bytes, ended at a sample boundary
    src = src[:src.index(b"\n\n", cut) + 2]
stamp = re.compile(rb"^(\S.*? )(\d+\.\d+)(: )", re.M)
times = [float(m.group(2)) for m in stamp.finditer(src)]
span = max(times) - min(times) + 1
with open(out, "wb") as f:
    for k in range(copies):
        f.write(src if k == 0 else stamp.sub(lambda m: m.group(1) + b"%.6f" % (float(m.group(2)) + k * span) + m.group(3), src))
PY
}
[ -s "$bench/perf-783.txt" ] || scale_perf 6 "$bench/perf-783.txt"
[ -s "$bench/heap-2m.pb.gz" ] || (cd "$root/tests/bench/gen_pprof" && GO111MODULE=off GOPATH=/usr/share/gocode go run main.go "$bench/heap-2m.pb.gz" 2000000)
[ -s "$bench/big.folded" ] || python3 "$root/tests/bench/gen_inputs.py" folded "$bench/big.folded" 365000
[ -s "$bench/big.prof" ] || python3 "$root/tests/bench/gen_inputs.py" pstats "$bench/big.prof" 59000

# --- measuring ----------------------------------------------------------------
. "$root/tests/bench/timing.sh"
row() {  # job, input, proflens command..., --, peer command... (peer may be empty)
  local job=$1 input=$2 mb p_s p_m q_s=- q_m=- ratio=- rate
  shift 2
  local ours=() theirs=()
  while [ $# -gt 0 ] && [ "$1" != "--" ]; do ours+=("$1"); shift; done
  [ $# -gt 0 ] && shift
  theirs=("$@")
  mb=$(file_mib "$input")
  cat "$input" > /dev/null  # page cache, for every tool alike
  run_median "$bench/ours.out" "${ours[@]}"; p_s=$secs; p_m=$mib
  rate=$(mib_rate "$mb" "$p_s")
  if [ ${#theirs[@]} -gt 0 ]; then
    run "$bench/theirs.out" "${theirs[@]}"; q_s=$secs; q_m=$mib
    ratio=$(speedup "$q_s" "$p_s")
  fi
  printf "| %s | %s | %s | %s | %s | %s | %s | %s |\n" "$job" "$mb" "$p_s" "$rate" "$q_s" "$ratio" "$p_m" "$q_m"
}

echo "| job | input MiB | proflens s | MiB/s | peer s | peer/proflens | proflens peak MiB | peer peak MiB |"
echo "|---|---|---|---|---|---|---|---|"
peer_sc=() peer_fg=() peer_g2d=() peer_pprof=()
[ -n "$flamegraph" ] && peer_sc=(-- perl "$flamegraph/stackcollapse-perf.pl" "$bench/perf-783.txt")
[ -n "$flamegraph" ] && peer_fg=(-- perl "$flamegraph/flamegraph.pl" "$bench/big.folded")
[ -n "$gprof2dot" ] && peer_g2d=(-- python3 "$gprof2dot/gprof2dot.py" -f pstats "$bench/big.prof")
command -v go > /dev/null && peer_pprof=(-- go tool pprof -top "$bench/heap-2m.pb.gz")
row "[repeated] perf script -> folded, 1 thread (stackcollapse-perf.pl)" "$bench/perf-783.txt" \
  "$proflens" --threads 1 convert "$bench/perf-783.txt" --to folded "${peer_sc[@]}"
cp "$bench/ours.out" "$bench/ours-1.folded"
[ -n "$flamegraph" ] && { cmp -s "$bench/ours.out" "$bench/theirs.out" && echo "  (outputs identical)" >&2 || echo "  OUTPUTS DIFFER" >&2; }
row "[repeated] perf script -> folded, 2 threads" "$bench/perf-783.txt" "$proflens" --threads 2 convert "$bench/perf-783.txt" --to folded
cmp -s "$bench/ours.out" "$bench/ours-1.folded" && echo "  (2 threads = 1 thread, byte for byte)" >&2 || echo "  THREADS DIFFER" >&2
row "[synthetic] pprof heap, 2 M samples -> top (go tool pprof -top)" "$bench/heap-2m.pb.gz" \
  "$proflens" top "$bench/heap-2m.pb.gz" "${peer_pprof[@]}"
row "[synthetic] folded, 365 k stacks -> flame SVG (flamegraph.pl)" "$bench/big.folded" \
  "$proflens" flame "$bench/big.folded" -o - "${peer_fg[@]}"
row "[synthetic] folded, 365 k stacks -> HTML report (flamegraph.pl)" "$bench/big.folded" \
  "$proflens" report "$bench/big.folded" -o "$bench/report.html" "${peer_fg[@]}"
row "[synthetic] cProfile, 59 k functions -> DOT (gprof2dot)" "$bench/big.prof" \
  "$proflens" dot "$bench/big.prof" -o - "${peer_g2d[@]}"

echo
echo "| [repeated] perf script input | MiB | proflens s (1 thread) | MiB/s | peak MiB |"
echo "|---|---|---|---|---|"
for copies in 1 4 16; do
  f=$bench/perf-scale-$copies.txt
  [ -s "$f" ] || scale_perf "$copies" "$f" 50000000
  mb=$(file_mib "$f")
  cat "$f" > /dev/null
  run_median "$bench/ours.out" "$proflens" --threads 1 convert "$f" --to folded
  echo "| ${copies}x | $mb | $secs | $(mib_rate "$mb" "$secs") | $mib |"
done
