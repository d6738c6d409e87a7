#!/usr/bin/env python3
"""Expected self times for samples/chrome-trace.json.gz, computed independently
of proflens: no Chrome trace peer is packaged in Debian, so this script cuts
each thread's timeline into elementary segments between interval boundaries
and charges each segment to the innermost interval covering it (the one that
started last; on equal starts the shorter one; then the later in the file),
after cutting intervals that outlive their parent at its end is not needed
for this sample (Chrome's X events nest). Writes chrome-trace.expected.json:
{"total": ns, "flat": {name: ns}}.

The sample: chromium --headless --trace-startup=toplevel,v8.execute
--trace-startup-format=json --trace-startup-duration=1 on a small page,
reduced to the renderer's two busiest threads, 1200 duration events each.
"""
import collections, gzip, json, os

root = os.path.dirname(os.path.abspath(__file__))
events = json.load(gzip.open(os.path.join(root, "../../../samples/chrome-trace.json.gz")))["traceEvents"]
threads = collections.defaultdict(list)
for i, e in enumerate(events):
    if e.get("ph") == "X":
        start = round(e["ts"] * 1000)
        threads[(e.get("pid"), e.get("tid"))].append((start, start + round(e["dur"] * 1000), i, e["name"]))
flat = collections.Counter()
total = 0
for intervals in threads.values():
    bounds = sorted({b for s, e, _, _ in intervals for b in (s, e)})
    for lo, hi in zip(bounds, bounds[1:]):
        covering = [iv for iv in intervals if iv[0] <= lo and iv[1] >= hi]
        if not covering:
            continue
        inner = max(covering, key=lambda iv: (iv[0], -iv[1], iv[2]))
        flat[inner[3]] += hi - lo
        total += hi - lo
with open(os.path.join(root, "chrome-trace.expected.json"), "w") as f:
    json.dump({"total": total, "flat": dict(sorted(flat.items()))}, f, indent=1)
    f.write("\n")
