#!/usr/bin/env bash
# Regenerates the goldens made by the real peer callgrind_annotate (Debian's
# valgrind 3.19): for each samples/callgrind-*.out.gz
#   callgrind_annotate --threshold=100 FILE                  > NAME.self.txt
#   callgrind_annotate --threshold=100 --inclusive=yes FILE  > NAME.inclusive.txt
# run from / so that no directory prefix is stripped from file names; and the
# same for tests/data/callgrind/yappi-threads.callgrind (recorded by
#   /usr/bin/python3 tests/data/callgrind/yappi-threads.py   with Debian's python3-yappi 1.4).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for gz in "$root"/samples/callgrind-*.out.gz; do
  name=$(basename "$gz" .out.gz)
  gunzip -c "$gz" > "$tmp/$name.out"
  (cd / && callgrind_annotate --threshold=100 "$tmp/$name.out") > "$root/tests/golden/callgrind/$name.self.txt"
  (cd / && callgrind_annotate --threshold=100 --inclusive=yes "$tmp/$name.out") > "$root/tests/golden/callgrind/$name.inclusive.txt"
  echo "wrote tests/golden/callgrind/$name.{self,inclusive}.txt"
done
yappi=$root/tests/data/callgrind/yappi-threads.callgrind
(cd / && callgrind_annotate --threshold=100 "$yappi") > "$root/tests/golden/callgrind/yappi-threads.self.txt"
(cd / && callgrind_annotate --threshold=100 --inclusive=yes "$yappi") > "$root/tests/golden/callgrind/yappi-threads.inclusive.txt"
echo "wrote tests/golden/callgrind/yappi-threads.{self,inclusive}.txt"
