#!/usr/bin/env bash
# Runs proflens on pprof's own legacy test profiles (profile/testdata in a
# google/pprof checkout: gperftools CPU, heap, growth, contention and thread
# profiles, Go's legacy CPU and debug=1 heap/threadcreate, Java CPU, heap and
# contention) and compares with go tool pprof on the same files: a peer check
# made by hand, not part of CTest (the inputs are pprof's, read from a
# checkout, never copied here; it needs Go).
#
#   tests/peers/compare_pprof_legacy.sh PPROF_CHECKOUT [PROFLENS_BINARY]
#
# For every file and every sample type:
#   go tool pprof -symbolize=none -top -nodecount=100000 -nodefraction=0 -sample_index=T
#     vs proflens top -n 100000 --nodefraction 0 --sample-index T
#   the same with -addresses / --granularity addresses
# and once per file every stack with its values and labels:
#   go tool pprof -symbolize=none -traces FILE
#     vs go tool pprof -symbolize=none -traces <(proflens convert FILE)
# Prints one line per comparison and exits 1 if any differs.
set -uo pipefail
testdata=$1/profile/testdata
proflens=${2:-$(cd "$(dirname "$0")/../.." && pwd)/build/proflens}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0
check() {  # name, expected, actual
  if [ "$2" = "$3" ]; then echo "same     $1"; else echo "DIFFERS  $1"; status=1; fi
}
for f in "$testdata"/*; do
  case "$f" in *.string) continue ;; esac
  name=$(basename "$f")
  if ! "$proflens" convert "$f" -o "$tmp/$name.pb.gz" 2>"$tmp/err"; then
    echo "REFUSED  $name: $(cat "$tmp/err")"; status=1; continue
  fi
  check "$name -traces" "$(go tool pprof -symbolize=none -traces "$f" 2>/dev/null | grep -v '^File:')" \
    "$(go tool pprof -symbolize=none -traces "$tmp/$name.pb.gz" 2>/dev/null | grep -v '^File:')"
  for type in $(go tool pprof -raw "$f" 2>/dev/null | sed -n '/^Samples:/{n;p;q}'); do
    type=${type%%/*}
    check "$name top $type" "$(go tool pprof -symbolize=none -top -nodecount=100000 -nodefraction=0 -sample_index="$type" "$f" 2>/dev/null)" \
      "$("$proflens" top -n 100000 --nodefraction 0 --sample-index "$type" "$f" 2>&1)"
    check "$name top -addresses $type" "$(go tool pprof -symbolize=none -top -addresses -nodefraction=0 -sample_index="$type" "$f" 2>/dev/null)" \
      "$("$proflens" top --granularity addresses --nodefraction 0 --sample-index "$type" "$f" 2>&1)"
  done
done
exit $status
