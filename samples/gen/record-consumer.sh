#!/usr/bin/env bash
# Records samples/consumer-v1.prof and consumer-v2.prof: one program before
# and after an edit that moves every line (two lines more at the top) and
# makes transform() do its work twice. Both run as "consumer.py", as one
# file edited between two runs would. Python 3.11.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for v in 1 2; do
  cp "$here/consumer_v$v.py" "$tmp/consumer.py"
  (cd "$tmp" && python3 -m cProfile -o "$here/../consumer-v$v.prof" consumer.py)
done
