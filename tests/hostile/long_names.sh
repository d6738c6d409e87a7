#!/usr/bin/env bash
# A 100 MB function name in each format that can carry one (callgrind fn=, a
# perf script frame, a folded frame, a Chrome trace event's name): dot to SVG,
# report, top and flame must each end in exit 0 or 3 within 60 s under
# `ulimit -v 1500000`, and every name drawn must be cut (ShownText's bounds:
# 500 code points in pictures and tables, 4000 in tooltips and data).
# Graphviz once aborted on such a label (GLib failing to allocate 400 MB).
# The 100 MB names are where the faults were (the perf frame in every
# command, the callgrind fn= in dot and report); the other files carry 5 MB
# names, which check the same cuts at a twentieth of the time.
#   tests/hostile/long_names.sh [PROFLENS_BINARY]     (CTest: hostile_long_names)
set -uo pipefail
proflens=${1:-${PROFLENS:?give the proflens binary}}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
python3 - "$dir" <<'PY'
import sys
d = sys.argv[1]
name = "x" * (100 << 20)
short = "x" * (5 << 20)
callgrind = "events: Ir\nfl=a.c\nfn=main\n1 10\ncfn=%s\ncalls=1 2\n1 100\nfn=%s\n2 100\n"
open(d + "/long.callgrind", "w").write(callgrind % (name, name))
open(d + "/long5.callgrind", "w").write(callgrind % (short, short))
open(d + "/long.perf.txt", "w").write("app 1/1 [000] 1.000000: 1000 cpu-clock:\n\t 1000 " + name + " (/bin/app)\n\t 2000 main (/bin/app)\n\n")
open(d + "/long5.folded", "w").write("main;" + short + " 1\n")
open(d + "/long5.json", "w").write('{"traceEvents":[{"name":"' + short + '","ph":"X","ts":0,"dur":5,"pid":1,"tid":1}]}')
PY
failed=0
# run NAME EXPECTED_CODES COMMAND...: one command under the memory limit and a 60 s guard.
run() {
  local what=$1 codes=$2
  shift 2
  local start end code
  start=$(date +%s.%N)
  (ulimit -v 1500000; exec timeout 60 "$proflens" "$@" > "$dir/out" 2> "$dir/err")
  code=$?
  end=$(date +%s.%N)
  printf '%-40s exit %s  %.1f s\n' "$what" "$code" "$(echo "$end - $start" | bc)"
  if [[ " $codes " != *" $code "* ]]; then
    echo "FAIL: $what: exit $code (expected one of $codes): $(head -c 300 "$dir/err")"
    failed=1
  fi
}
# longest NAME FILE: fails when FILE holds a run of x longer than a shown name.
longest() {
  local what=$1 file=$2 limit=$3 n
  n=$(grep -o 'x*' "$file" | awk '{ if (length($0) > m) m = length($0) } END { print m + 0 }')
  if [ "$n" -gt "$limit" ]; then
    echo "FAIL: $what: a name of $n characters (at most $limit expected)"
    failed=1
  fi
}
well_formed() {
  python3 -c 'import sys, xml.etree.ElementTree as E; E.parse(sys.argv[1])' "$1" || { echo "FAIL: $1 is not well-formed XML"; failed=1; }
}
for f in long.callgrind long5.callgrind long.perf.txt long5.folded long5.json; do
  run "$f dot -o x.svg" "0 3" dot "$dir/$f" -o "$dir/$f.svg"
  [ -s "$dir/$f.svg" ] && { well_formed "$dir/$f.svg"; longest "$f dot" "$dir/$f.svg" 4000; }
  run "$f report" "0 3" report "$dir/$f" -o "$dir/$f.html"
  [ -s "$dir/$f.html" ] && longest "$f report" "$dir/$f.html" 4000
  [ "$f" = long.callgrind ] && continue  # its top is long5.callgrind's
  run "$f top" "0 3" top "$dir/$f"
  longest "$f top" "$dir/out" 500
  if [ "$f" != long5.callgrind ]; then  # a graph profile has no flame graph (exit 2)
    run "$f flame" "0 3" flame "$dir/$f" -o "$dir/$f.flame.svg"
    [ -s "$dir/$f.flame.svg" ] && { well_formed "$dir/$f.flame.svg"; longest "$f flame" "$dir/$f.flame.svg" 4000; }
  fi
done
# The labels Graphviz lays out are cut at 500 characters.
for f in long.perf.txt long5.folded; do
  n=$(grep -o '<text[^>]*>x*' "$dir/$f.svg" | sed 's/<text[^>]*>//' | awk '{ if (length($0) > m) m = length($0) } END { print m + 0 }')
  if [ "$n" -gt 500 ]; then echo "FAIL: $f: a call-graph label of $n characters"; failed=1; fi
done
exit $failed
