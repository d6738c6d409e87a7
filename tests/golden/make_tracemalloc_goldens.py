#!/usr/bin/env python3
"""Goldens from Python's own tracemalloc (3.11) for proflens's tests.

    python3 tests/golden/make_tracemalloc_goldens.py

For each sample snapshot: statistics("lineno"|"filename"|"traceback")
as [key, size, count]; for the pair: new.compare_to(old, "lineno"|"filename"|"traceback")
as [key, size, size_diff, count, count_diff]. The snapshots themselves come
from samples/gen/tracemalloc/snapshots.py.
"""
import json
import os
import tracemalloc

root = os.path.join(os.path.dirname(__file__), "..", "..")
out = os.path.join(root, "tests", "golden", "tracemalloc")


def key(stat, key_type):
    if key_type == "traceback":  # the frames oldest first, as folded stacks write them
        return ";".join("%s:%d" % (f.filename, f.lineno) for f in stat.traceback)
    frame = stat.traceback[0]
    return frame.filename if key_type == "filename" else "%s:%d" % (frame.filename, frame.lineno)


snapshots = {}
for name in ("dict", "slots"):
    snapshots[name] = tracemalloc.Snapshot.load(os.path.join(root, "samples", "tracemalloc-%s.pickle" % name))
    doc = {}
    for key_type in ("lineno", "filename", "traceback"):
        doc[key_type] = [[key(s, key_type), s.size, s.count] for s in snapshots[name].statistics(key_type)]
    with open(os.path.join(out, "%s.statistics.json" % name), "w") as f:
        json.dump(doc, f, indent=1)
        f.write("\n")
doc = {}
for key_type in ("lineno", "filename", "traceback"):
    doc[key_type] = [[key(s, key_type), s.size, s.size_diff, s.count, s.count_diff]
                     for s in snapshots["slots"].compare_to(snapshots["dict"], key_type)]
with open(os.path.join(out, "slots-vs-dict.compare.json"), "w") as f:
    json.dump(doc, f, indent=1)
    f.write("\n")
print("wrote", out)
