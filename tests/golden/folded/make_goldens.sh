#!/usr/bin/env bash
# Regenerates the folded goldens with the real peer, stackcollapse-perf.pl
# from FlameGraph (commit 41fee1f), checked out outside this repository:
#   tests/golden/folded/make_goldens.sh /path/to/FlameGraph
# For every MANIFEST row:
#   zcat -f <input> | perl stackcollapse-perf.pl <options>  >  tests/golden/folded/<golden>
set -euo pipefail
flamegraph=${1:?usage: make_goldens.sh /path/to/FlameGraph}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
cd "$root"
grep -v '^#' "$here/MANIFEST" | while IFS=$'\t' read -r golden input options; do
  # shellcheck disable=SC2086
  zcat -f "$input" | perl "$flamegraph/stackcollapse-perf.pl" $options > "$here/$golden" 2>/dev/null
  echo "wrote $golden"
done
