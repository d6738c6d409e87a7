#!/usr/bin/env bash
# Regenerates the top goldens with the real peer: go tool pprof (Debian's
# golang-go, Go 1.19; its vendored pprof). For every MANIFEST row:
#   TZ=UTC go tool pprof <flags> <inputs>  >  tests/golden/pprof/<golden>
# Inputs that are not pprof (perf script, folded) are first converted with
#   build/proflens convert <input> -o <tmp>.pb.gz
# so the golden is what go tool pprof says about proflens's pprof output, and
# the test checks that `proflens top <input>` says the same about the input.
# Tests never need Go. Run from anywhere after building proflens.
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
