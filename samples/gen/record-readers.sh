#!/usr/bin/env bash
# Records the samples of other profilers' formats (samples/README.md) on this
# machine: a V8 CPU profile of gen/nodework.js (Debian's nodejs 20), a perf
# capture recorded without -g (Debian's linux-perf; run as root), and Austin
# 1.0.1 captures (Debian's austin) of gen/austinwork.py in its four output
# forms. Austin 1.0.1 reads CPython up to 3.9, so the Python is pyenv's 3.8.
#   samples/gen/record-readers.sh [PYTHON]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
samples=$(dirname "$here")
python=${1:-/root/.pyenv/versions/3.8.18/bin/python3.8}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# V8: node --cpu-prof (1 ms sampling, the default).
(cd "$tmp" && node --cpu-prof --cpu-prof-dir=cpu "$here/nodework.js" >/dev/null)
gzip -9nc "$tmp"/cpu/*.cpuprofile > "$samples/node-cpu.cpuprofile.gz"

# perf without -g: one frame at the end of each sample header, no blank lines.
gcc -O2 -g -fno-omit-frame-pointer -o "$tmp/perfwork" "$here/perfwork.c"
(cd "$tmp" && perf record -q -F 499 -e cpu-clock -o nog.data ./perfwork 25 >/dev/null 2>&1)
perf script -i "$tmp/nog.data" > "$samples/perf-nocallchain.txt" 2>/dev/null

# Austin 1.0.1: the default form (line markers), -a (lines in the frame),
# -f (time and memory) and -m (memory).
for form in "" -a -f -m; do
  austin $form -o "$tmp/austin.txt" "$python" "$here/austinwork.py" 2>/dev/null
  gzip -9nc "$tmp/austin.txt" > "$samples/austin1${form}.txt.gz"
done
