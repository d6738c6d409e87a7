#!/usr/bin/env bash
# Chrome traces of 100,000 nested B events and their E events (generated
# here, 11 MB; three shapes: names repeating f0..f99; all distinct; and
# f0..f99 nested, under whose innermost frame 100,000 short calls to
# s0..s9 open and close, 21 MB): every command that reads one must end with
# the exit code it should, and prints its wall and CPU time. The bound is on
# CPU time (user + sys, which a loaded host barely changes, where it can
# stretch wall time 4-fold): 10 s, 3 times the most any command takes
# (report --base of the distinct names, docs/limits-and-errors.md); a walk
# quadratic in the depth takes minutes (each read of the third shape took
# 13 s while every call copied the whole stack). 60 s of wall time is the
# hang guard.
# convert to pprof or folded lists every sample's whole stack (depth^2 / 2
# frames: 5e9 here): beyond 100,000,000 frames and 64 times what the input
# stores it is exit 3 naming the output file, nothing written
# (docs/limits-and-errors.md); below, exit 0.
#   tests/hostile/deep_nesting.sh [PROFLENS_BINARY] [DEPTH]     (CTest: hostile_deep_nesting)
set -uo pipefail
proflens=${1:-${PROFLENS:?give the proflens binary}}
depth=${2:-100000}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
python3 - "$dir" "$depth" <<'PY'
import sys
d, n = sys.argv[1], int(sys.argv[2])
for path, names in (("/nested.json", lambda i: "f%d" % (i % 100)), ("/distinct.json", lambda i: "g%d" % i)):
    with open(d + path, "w") as f:
        ev = ['{"name":"%s","ph":"B","ts":%d,"pid":1,"tid":1}' % (names(i), i) for i in range(n)]
        ev += ['{"name":"%s","ph":"E","ts":%d,"pid":1,"tid":1}' % (names(n - 1 - i), n + i) for i in range(n)]
        f.write('{"traceEvents":[\n' + ",\n".join(ev) + "]}\n")
with open(d + "/reopen.json", "w") as f:
    ev = ['{"name":"f%d","ph":"B","ts":%d,"pid":1,"tid":1}' % (i % 100, i) for i in range(n)]
    for j in range(n):
        ev.append('{"name":"s%d","ph":"B","ts":%d,"pid":1,"tid":1}' % (j % 10, n + 2 * j))
        ev.append('{"name":"s%d","ph":"E","ts":%d,"pid":1,"tid":1}' % (j % 10, n + 2 * j + 1))
    ev += ['{"name":"f%d","ph":"E","ts":%d,"pid":1,"tid":1}' % ((n - 1 - i) % 100, 3 * n + i) for i in range(n)]
    f.write('{"traceEvents":[\n' + ",\n".join(ev) + "]}\n")
PY
# What converting to pprof or folded should give at this depth: the frames
# listed and stored (reopen: the chain's stacks are suffixes of s0's, and
# s0..s9 are each stored once, depth + 1 deep).
convert_code() {
  local listed=$1 stored=$2
  if (( listed > 100000000 && listed > 64 * stored )); then echo 3; else echo 0; fi
}
cpu_limit=10
failed=0
run() {
  local what=$1 file=$2 want=$3
  shift 3
  local start end code cpu
  start=$(date +%s.%N)
  # bash's time: the CPU of the command and its children (timeout, proflens).
  TIMEFORMAT='%3U %3S'
  { time timeout 60 "$proflens" "$@" > /dev/null 2> "$dir/err" ; } 2> "$dir/time"
  code=$?
  end=$(date +%s.%N)
  cpu=$(awk '{ print $1 + $2 }' "$dir/time")
  printf '%-16s %-14s exit %3s  %6.2f s wall  %6.2f s CPU\n' "$what" "$file" "$code" "$(echo "$end - $start" | bc)" "$cpu"
  if [ "$code" = 124 ]; then
    echo "FAIL: $what $file: not done in 60 s"
    failed=1
  elif awk -v cpu="$cpu" -v limit=$cpu_limit 'BEGIN { exit !(cpu > limit) }'; then
    echo "FAIL: $what $file: $cpu s of CPU, more than $cpu_limit s (a walk quadratic in the depth?)"
    failed=1
  elif [ "$code" != "$want" ]; then
    echo "FAIL: $what $file: exit $code, expected $want: $(head -c 300 "$dir/err")"
    failed=1
  elif [ "$want" = 3 ] && ! grep -qF "$dir/" "$dir/err"; then
    echo "FAIL: $what $file: the message names no file: $(head -c 300 "$dir/err")"
    failed=1
  elif [ "$want" = 3 ] && [ -e "$dir/x.pb.gz" -o -e "$dir/x.folded" ]; then
    echo "FAIL: $what $file: exit 3 left an output file"
    failed=1
  fi
}
for f in nested.json distinct.json reopen.json; do
  p=$dir/$f
  if [ $f = reopen.json ]; then
    convert_code=$(convert_code $(( depth * (depth + 1) / 2 + 10 * (depth + 1) )) $(( 10 * (depth + 1) )))
  else
    convert_code=$(convert_code $(( depth * (depth + 1) / 2 )) $depth)
  fi
  rm -f "$dir/x.pb.gz" "$dir/x.folded"
  run info $f 0 info "$p"
  run top $f 0 top "$p"
  run peek $f 0 peek "$p" 'f1$|g1$|s1$'
  run dot $f 0 dot "$p" -o "$dir/g.svg"
  run flame $f 0 flame "$p" -o "$dir/f.svg"
  run report $f 0 report "$p" -o "$dir/r.html"
  run check $f 0 check "$p" -a 'cum("f1|g1") < 200%'
  run flame-reverse $f 0 flame --reverse "$p" -o "$dir/f.svg"
  run diff $f 0 diff "$p" "$p"
  run report-base $f 0 report "$p" --base "$p" -o "$dir/r.html"
  run merge $f 0 merge "$p" "$p" -o "$dir/m.callgrind"
  run convert-pprof $f $convert_code convert "$p" -o "$dir/x.pb.gz"
  run convert-folded $f $convert_code convert "$p" --to folded -o "$dir/x.folded"
  run traces $f $convert_code traces "$p"
  run focus $f 0 top "$p" --focus 'f5|g5'
  run ignore $f 0 top "$p" --ignore 'f5$|g5$|s5$'
  run hide $f 0 top "$p" --hide 'f5$|g5$|s5$'
  run show-from $f 0 top "$p" --show-from 'f5$|g5$'
  run prune-from $f 0 top "$p" --prune-from 'f50$|g50$'
done
exit $failed
