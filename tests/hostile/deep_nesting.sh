#!/usr/bin/env bash
# A Chrome trace of 100,000 nested B events and their E events (generated
# here, 11 MB; two shapes: names repeating f0..f99, and all distinct): every
# command that reads it must end within the 60 s guard with the exit code
# it should, and prints its time (not a timed test: the times are for
# reading; each took minutes when walks were quadratic in the depth).
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
PY
# What converting to pprof or folded should give at this depth.
listed=$(( depth * (depth + 1) / 2 ))
convert_code=0
if (( listed > 100000000 && listed > 64 * depth )); then convert_code=3; fi
failed=0
run() {
  local what=$1 file=$2 want=$3
  shift 3
  local start end code
  start=$(date +%s.%N)
  timeout 60 "$proflens" "$@" > /dev/null 2> "$dir/err"
  code=$?
  end=$(date +%s.%N)
  printf '%-16s %-14s exit %3s  %6.2f s\n' "$what" "$file" "$code" "$(echo "$end - $start" | bc)"
  if [ "$code" != "$want" ]; then
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
for f in nested.json distinct.json; do
  p=$dir/$f
  rm -f "$dir/x.pb.gz" "$dir/x.folded"
  run info $f 0 info "$p"
  run top $f 0 top "$p"
  run peek $f 0 peek "$p" 'f1$|g1$'
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
  run ignore $f 0 top "$p" --ignore 'f5$|g5$'
  run hide $f 0 top "$p" --hide 'f5$|g5$'
  run show-from $f 0 top "$p" --show-from 'f5$|g5$'
  run prune-from $f 0 top "$p" --prune-from 'f50$|g50$'
done
exit $failed
