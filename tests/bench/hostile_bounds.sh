#!/usr/bin/env bash
# Time and memory of proflens on the hostile-input audit's pathological
# inputs, generated here (never committed), measured with /usr/bin/time: a
# check by eye that each stays bounded, not a timed test.
#   tests/bench/hostile_bounds.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
proflens=${PROFLENS:-$root/build/proflens}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
python3 - "$dir" <<'PY'
import gzip, json, sys
d = sys.argv[1]
with open(d + "/noblank.txt", "w") as f:  # perf samples with no blank line between them
    for i in range(200000):
        f.write("app 1/1 [000] %d.%06d: 1000 cpu-clock:\n\t 1000 f%d (/bin/app)\n\t 2000 main (/bin/app)\n" % (i // 1000000, i % 1000000, i % 50))
for depth in (2000, 20000, 100000):  # B events nested this deep, then their E events
    ev = [{"name": "f%d" % (i % 200), "ph": "B", "ts": i, "pid": 1, "tid": 1} for i in range(depth)]
    ev += [{"name": "f%d" % (i % 200), "ph": "E", "ts": depth + i, "pid": 1, "tid": 1} for i in range(depth)]
    json.dump({"traceEvents": ev}, open(d + "/deep-%d.json" % depth, "w"))
for n, name in ((200000, "200k"), (1000000, "1m")):  # X events of 200 names over 4 threads
    ev = [{"name": "f%d" % (i % 200), "ph": "X", "ts": i * 10, "dur": 5, "pid": 1, "tid": 1 + i % 4} for i in range(n)]
    json.dump({"traceEvents": ev}, open(d + "/events-%s.json" % name, "w"))
frames = [{"name": "f%d" % i} for i in range(200)]  # an evented speedscope profile of 1M events
ev = []
for i in range(500000):
    ev += [{"type": "O", "frame": i % 200, "at": 2 * i}, {"type": "C", "frame": i % 200, "at": 2 * i + 1}]
json.dump({"$schema": "https://www.speedscope.app/file-format-schema.json", "shared": {"frames": frames},
           "profiles": [{"type": "evented", "name": "p", "unit": "microseconds", "startValue": 0, "endValue": 10**6, "events": ev}]},
          open(d + "/speedscope-1m.json", "w"))
open(d + "/zeros.gz", "wb").write(gzip.compress(b"\0" * (256 << 20), 9))
with open(d + "/legacy-maps.heap", "w") as f:  # pprof legacy heap: 200k addresses over a 60k-entry memory map
    f.write("heap profile: 1: 2 [1: 2] @ heapprofile\n")
    for i in range(200000):
        f.write("1: 64 [1: 64] @ 0x%x 0x%x\n" % (0x100000 + i * 0x1000 + 17, 0x100000 + (i * 7919 % 200000) * 0x1000 + 5))
    f.write("MAPPED_LIBRARIES:\n")
    for m in range(60000):
        f.write("%x-%x r-xp %08x 08:01 1 /lib/l%d.so\n" % (0x100000 + m * 0x3000, 0x100000 + m * 0x3000 + 0x2000, 0x1000, m))
open(d + "/long-frame.folded", "w").write("main;" + "x" * (50 << 20) + " 1\n")
PY
printf '%-28s %10s %8s %10s %s\n' input bytes seconds "peak KiB" "exit"
for f in noblank.txt deep-2000.json deep-20000.json deep-100000.json events-200k.json events-1m.json speedscope-1m.json zeros.gz legacy-maps.heap long-frame.folded; do
  set +e
  /usr/bin/time -f "%e %M" -o "$dir/time" "$proflens" info "$dir/$f" > /dev/null 2>&1
  code=$?
  set -e
  read -r secs kib < <(tail -n 1 "$dir/time")
  printf '%-28s %10s %8s %10s %s\n' "$f" "$(stat -c %s "$dir/$f")" "$secs" "$kib" "$code"
done
