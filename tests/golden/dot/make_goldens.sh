#!/usr/bin/env bash
# Regenerates the call-graph goldens with the real peer, go tool pprof -dot
# (Go 1.19), as tests/golden/pprof/make_goldens.sh does for -top: for every
# MANIFEST row
#   TZ=UTC go tool pprof <flags> <inputs>  >  tests/golden/dot/<golden>
# with non-pprof inputs converted by build/proflens convert first. The test
# compares proflens's nodes and edges with these, attribute by attribute.
# proflens's own DOT for the same rows is kept beside them as <golden>.proflens
# (stability goldens, rewritten with UPDATE_GOLDEN=1 build/proflens_tests).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
cd "$root"
export TZ=UTC
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
grep -v '^#' "$here/MANIFEST" | while IFS=$'\t' read -r golden inputs pprof_flags _; do
  args=()
  for input in $inputs; do
    case "$input" in
      *.pb.gz) args+=("$input") ;;
      *) converted="$tmp/$(basename "$input").pb.gz"
         build/proflens convert "$input" -o "$converted" 2>/dev/null
         args+=("$converted") ;;
    esac
  done
  # shellcheck disable=SC2086
  go tool pprof $pprof_flags "${args[@]}" > "$here/$golden" 2>/dev/null
  echo "wrote $golden"
done
