#!/usr/bin/env bash
# Out of memory after reading names the command, the step and the file: an
# input of 1e6 distinct frames (generated here) under a memory limit that
# lets it be read but not summed into a call graph. Each run must end in exit 0 or 3
# within 60 s; an exit 3 must say "out of memory" with the file and the step.
#   tests/hostile/out_of_memory.sh [PROFLENS_BINARY] [LIMIT_KIB]     (CTest: hostile_out_of_memory)
set -uo pipefail
proflens=${1:-${PROFLENS:?give the proflens binary}}
limit=${2:-700000}  # KiB: reading fits (410 MB peak), the call graph does not (950 MB)
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
python3 - "$dir" <<'PY'
import sys
d = sys.argv[1]
with open(d + "/wide.folded", "w") as f:  # 1e6 distinct frames, 1e6 distinct stacks
    for i in range(1000000):
        f.write("main;caller_%d;function_with_a_long_name_%d 1\n" % (i % 1000, i))
with open(d + "/base.folded", "w") as f:
    for i in range(1000000):
        f.write("main;caller_%d;function_with_a_long_name_%d 2\n" % (i % 997, i))
PY
failed=0
ran_out=0
run() {
  local what=$1 step=$2
  shift 2
  (ulimit -v "$limit"; exec timeout 60 "$proflens" "$@" > /dev/null 2> "$dir/err")
  local code=$?
  printf '%-28s exit %s  %s\n' "$what" "$code" "$(head -c 200 "$dir/err")"
  case $code in
    0) ;;
    3)
      if grep -q "out of memory" "$dir/err"; then
        ran_out=1
        grep -q "out of memory.*$dir/\(wide\|base\)\.folded" "$dir/err" || { echo "FAIL: $what: the message names no file"; failed=1; }
        grep -q "while reading\|$step" "$dir/err" || { echo "FAIL: $what: the message names no step ($step)"; failed=1; }
      fi
      ;;
    *) echo "FAIL: $what: exit $code"; failed=1 ;;
  esac
}
run top "building the call graph of" top "$dir/wide.folded"
run dot "building the call graph of" dot "$dir/wide.folded" -o "$dir/g.svg"
run report "building the report of" report "$dir/wide.folded" -o "$dir/r.html"
run diff "comparing" diff "$dir/base.folded" "$dir/wide.folded"
run flame "building the flame graph of" flame "$dir/wide.folded" -o "$dir/f.svg"
[ "$ran_out" = 1 ] || { echo "FAIL: nothing ran out of memory under $limit KiB: the test tests nothing"; failed=1; }
exit $failed
