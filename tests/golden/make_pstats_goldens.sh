#!/usr/bin/env bash
# Regenerates the goldens made by the real peer, Python's pstats (Debian's
# python3): for every row of tests/golden/pstats/MANIFEST
#   pstats.Stats(*inputs).sort_stats(KEY).print_stats([N])
# without its first lines (each file's modification time and name) and the
# blank line after them. Several inputs are merged as pstats.Stats(a, b) adds them.
# The cProfile samples themselves come from
#   cd samples && python3 -m cProfile -o py-fast.prof gen/pywork.py fast   (and slow)
# samples/gen/record-consumer.sh and samples/gen/record-ingest.sh.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
grep -v '^#' tests/golden/pstats/MANIFEST | while IFS=$'\t' read -r golden inputs peer _; do
  python3 - "$golden" "$inputs" "$peer" <<'PY'
import io, pstats, sys
golden, inputs, peer = sys.argv[1], sys.argv[2].split(), sys.argv[3].split()
out = io.StringIO()
stats = pstats.Stats(*inputs, stream=out).sort_stats(peer[0])
stats.print_stats(*[int(n) if n.isdigit() else n for n in peer[1:]])
text = out.getvalue().split("\n", len(inputs) + 1)[len(inputs) + 1]
with open("tests/golden/pstats/" + golden, "w") as f:
    f.write(text)
PY
  echo "wrote tests/golden/pstats/$golden"
done
# Every function's exact numbers, as pstats holds them: stdname -> [primitive
# calls, calls, tottime, cumtime], and each caller's [calls, primitive calls,
# tottime, cumtime], for the tests that check values beyond 3 decimals.
for input in samples/py-fast.prof samples/py-slow.prof samples/consumer-v1.prof samples/consumer-v2.prof samples/py-ingest.prof; do
  python3 - "$input" <<'PY'
import json, os, pstats, sys
stats = pstats.Stats(sys.argv[1])
out = {}
for func, (cc, nc, tt, ct, callers) in stats.stats.items():
    out[pstats.func_std_string(func)] = {
        "stats": [cc, nc, tt, ct],
        "callers": {pstats.func_std_string(c): list(v) for c, v in callers.items()},
    }
name = os.path.basename(sys.argv[1]).replace(".prof", ".stats.json")
with open("tests/golden/pstats/" + name, "w") as f:
    json.dump(out, f, indent=1, sort_keys=True)
    f.write("\n")
PY
  echo "wrote tests/golden/pstats/$(basename "$input" .prof).stats.json"
done
