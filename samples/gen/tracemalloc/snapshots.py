# Writes two tracemalloc snapshots for proflens's tests, with Python 3.11:
#   cd samples/gen/tracemalloc && python3 snapshots.py ../..
# tracemalloc-dict.pickle holds 2000 DictPoints and some strings,
# tracemalloc-slots.pickle the same program with SlotPoints instead.
import sys
import tracemalloc

import collectors

out = sys.argv[1] if len(sys.argv) > 1 else "."


def names(n):
    return ["name-%d" % i for i in range(n)]


def run(cls, path):
    tracemalloc.start(10)
    points = collectors.collect(cls, 2000)
    labels = names(300)
    snapshot = tracemalloc.take_snapshot()
    snapshot = snapshot.filter_traces([tracemalloc.Filter(False, tracemalloc.__file__)])
    snapshot.dump(path)
    tracemalloc.stop()
    return points, labels


run(collectors.DictPoint, out + "/tracemalloc-dict.pickle")
run(collectors.SlotPoint, out + "/tracemalloc-slots.pickle")
