"""What to run where: the listed paths, cut into partitions, each placed on a
host that has its files. Pure functions and small classes, no Dask."""

import math
import os
import shutil
import sys
import tempfile

# A partition's default upper size: about 2-3 s of `proflens merge` for small
# profiles (0.12 ms a file), so a killed worker loses little. Not smaller:
# each partition's merged profile is written, shipped and read again by the
# merges of partial results, so 100 partitions of 1000 files cost the
# workers 2.3x the CPU of one local merge of 100,000 files, where 8 of 12,500
# cost little more than it (tests/bench/fleet_merge.py).
MAX_PARTITION = 20000
# Partitions per worker the default size aims at, so that the workers end
# together (a worker that finishes early takes another).
PARTITIONS_PER_WORKER = 4


class FileList:
    """The paths of --files-from, one a line (blank lines and surrounding
    blanks ignored, as `proflens merge --files-from` reads them). Standard
    input is copied to a temporary file first, so the list is read twice
    (counted, then streamed) without being held in memory. Relative paths
    are made absolute against the client's working directory: the workers
    must see them at the same place."""

    def __init__(self, path, stdin=None):
        self._spool = None
        if path == "-":
            self._spool = tempfile.NamedTemporaryFile(prefix="proflens-fleet-list-", delete=False)
            shutil.copyfileobj((stdin or sys.stdin).buffer, self._spool)
            self._spool.close()
            path = self._spool.name
        self.path = path
        self.count = sum(1 for _ in self)

    def __iter__(self):
        with open(self.path, "rb") as f:
            for raw in f:
                line = raw.strip(b" \t\r\n")
                if line:
                    yield os.path.abspath(os.fsdecode(line))

    def close(self):
        if self._spool is not None:
            os.unlink(self._spool.name)
            self._spool = None


def partition_size(total_files, workers, requested=None):
    """Files per partition: `requested`, else enough partitions for every
    worker to get a few, at most MAX_PARTITION files each."""
    if requested:
        return requested
    return max(1, min(MAX_PARTITION, math.ceil(total_files / (PARTITIONS_PER_WORKER * max(1, workers)))))


def chunks(items, size):
    """`items` (any iterable) in lists of `size`, the last one shorter."""
    chunk = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


class Placement:
    """Assigns located files to hosts and cuts each host's share into
    partitions.

    `found` maps each host to what `locate` saw there for the chunk's paths:
    (size, mtime_ns) or None. A path seen on one host is read there; seen on
    several with the same size and mtime, it is one file on shared storage
    and goes to the host with the least work so far; seen with different
    sizes or mtimes, the same path names different files on different hosts
    and the run cannot tell which is meant: a conflict. A path seen nowhere
    is missing.
    """

    def __init__(self, size):
        self.size = size
        self.pending = {}  # host -> paths waiting for a full partition
        self.assigned = {}  # host -> files given so far

    def add(self, paths, found):
        """Places one chunk. Returns (full partitions [(host, paths)],
        missing paths, conflicts [(path, {host: (size, mtime_ns)})])."""
        ready, missing, conflicts = [], [], []
        hosts = sorted(found)
        for i, path in enumerate(paths):
            seen = {h: found[h][i] for h in hosts if found[h][i] is not None}
            if not seen:
                missing.append(path)
                continue
            if len(set(seen.values())) > 1:
                conflicts.append((path, seen))
                continue
            host = min(seen, key=lambda h: (self.assigned.get(h, 0), h))
            self.assigned[host] = self.assigned.get(host, 0) + 1
            share = self.pending.setdefault(host, [])
            share.append(path)
            if len(share) == self.size:
                ready.append((host, share))
                self.pending[host] = []
        return ready, missing, conflicts

    def flush(self):
        """The partly filled partitions left at the end."""
        left = [(host, paths) for host, paths in sorted(self.pending.items()) if paths]
        self.pending = {}
        return left
