#!/usr/bin/env bash
# Remakes the goldens in this folder with the real peer, Debian's golang-go
# (Go 1.19, its vendored pprof): for every row of MANIFEST
#   TZ=UTC go tool pprof <flags> <input>  >  <golden>
# Inputs marked "pprof:" are google/pprof's own test data, read from a
# checkout of github.com/google/pprof (never copied here):
#   tests/golden/traces/make_goldens.sh PPROF_CHECKOUT
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
pprof_checkout=${1:?usage: make_goldens.sh PPROF_CHECKOUT}
export TZ=UTC
grep -v '^#' "$here/MANIFEST" | while IFS=$'\t' read -r golden input flags _; do
  case "$input" in
    pprof:*) file=$pprof_checkout/${input#pprof:} ;;
    *) file=$root/$input ;;
  esac
  # shellcheck disable=SC2086
  go tool pprof $flags "$file" > "$here/$golden" 2>/dev/null
  echo "wrote $golden"
done
