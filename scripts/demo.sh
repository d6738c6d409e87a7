#!/usr/bin/env bash
# Quick start 1: set up, build, and make the HTML report of a bundled sample
# (a perf capture compared with a slower build of the same program).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/build.sh" >/dev/null
out=${1:-$root/build/report.html}
"$root/build/proflens" report "$root/samples/perf-fast.txt.gz" --base "$root/samples/perf-slow.txt.gz" \
  -a 'is_even got faster: change(cum("is_even")) < -50%' -a 'no regression: total <= base.total' -o "$out"
"$root/build/proflens" top "$root/samples/perf-fast.txt.gz" -n 10
echo
echo "report: $out (open it in a browser; it needs no network)"
