#!/usr/bin/env bash
# Records samples/py-ingest.prof (Python 3.11): parse_all calls parse_line only
# through a generator expression (the shape of issue 35's cum("parse") rule).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp "$here/ingest.py" "$tmp/ingest.py"
(cd "$tmp" && python3 -m cProfile -o "$here/../py-ingest.prof" ingest.py > /dev/null)
