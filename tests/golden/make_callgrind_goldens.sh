#!/usr/bin/env bash
# Regenerates the goldens made by the real peer callgrind_annotate (Debian's
# valgrind 3.19): for each samples/callgrind-*.out.gz
#   callgrind_annotate --threshold=100 FILE                  > NAME.self.txt
#   callgrind_annotate --threshold=100 --inclusive=yes FILE  > NAME.inclusive.txt
# run from / so that no directory prefix is stripped from file names.
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
