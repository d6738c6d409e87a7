#!/usr/bin/env bash
# Regenerates the goldens made by the real peer go tool pprof (Debian's
# golang-go, Go 1.19; its vendored pprof): for every row of
# tests/golden/pprof/MANIFEST (-top, -peek) and tests/golden/dot/MANIFEST (-dot)
#   TZ=UTC go tool pprof <flags> <inputs>  >  <that folder>/<golden>
# Inputs in samples/legacy (pprof's legacy formats) are given to go tool pprof
# as they are. Other inputs that are not pprof (perf script, folded) are first
# converted with
#   build/proflens convert <input> -o <tmp>.pb.gz
# so the golden is what go tool pprof says of proflens's pprof output, and the
# tests check that proflens says the same of the original input.
# Tests never need Go. Run from anywhere after building proflens.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
export TZ=UTC
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for dir in tests/golden/pprof tests/golden/dot; do
  grep -v '^#' "$dir/MANIFEST" | while IFS=$'\t' read -r golden inputs pprof_flags _; do
    args=()
    for input in $inputs; do
      case "$input" in
        *.pb.gz|samples/legacy/*) args+=("$input") ;;
        *) converted="$tmp/$(basename "$input").pb.gz"
           build/proflens convert "$input" -o "$converted" 2>/dev/null
           args+=("$converted") ;;
      esac
    done
    # A flag's file (-diff_base=FILE) that is not pprof is converted the same way.
    flags=()
    for flag in $pprof_flags; do
      case "$flag" in
        -*=samples/*.pb.gz) flags+=("$flag") ;;
        -*=samples/*) file=${flag#*=}; converted="$tmp/$(basename "$file").pb.gz"
           build/proflens convert "$file" -o "$converted" 2>/dev/null
           flags+=("${flag%%=*}=$converted") ;;
        *) flags+=("$flag") ;;
      esac
    done
    go tool pprof "${flags[@]}" "${args[@]}" > "$dir/$golden" 2>/dev/null
    echo "wrote $dir/$golden"
  done
done
