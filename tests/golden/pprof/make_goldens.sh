#!/usr/bin/env bash
# Regenerates the pprof goldens with the real peer: go tool pprof (Debian's
# golang-go, Go 1.19; its vendored pprof). Each golden is
#   TZ=UTC go tool pprof <flags> <inputs>  >  tests/golden/pprof/<golden>
# as listed in MANIFEST. Tests compare proflens's output with these files and
# never need Go. Run from anywhere: tests/golden/pprof/make_goldens.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
cd "$root"
export TZ=UTC
grep -v '^#' "$here/MANIFEST" | while IFS=$'\t' read -r golden inputs pprof_flags _; do
  # shellcheck disable=SC2086
  go tool pprof $pprof_flags $inputs > "$here/$golden" 2>/dev/null
  echo "wrote $golden"
done
