"""The client's loop: partitions out to the workers, partial results merged
in a tree until one is left per output.

Data flow. The client reads only the list of paths. Each partition task runs
on a worker of a host that has its files (paths go out, counts come back);
its merged result, gzipped pprof bytes, stays in that worker's memory as a
Dask key. Partial results are merged FAN_IN at a time by reduce tasks, which
Dask places on the worker that already holds most of their inputs, moving
the others between workers (and hosts) itself; a lost worker's keys are
computed again from their lineage. Only each output's final bytes reach the
client, one at a time, to be written to disk.
"""

import os
import time
import uuid

from distributed import wait
from concurrent.futures import CancelledError
from distributed.scheduler import KilledWorker

from . import plan
from . import worker_tasks
from .cluster import FleetError, workers_by_host

# Partial results merged by one reduce task: a tree of depth log8(partitions).
FAN_IN = 8


def _index_ranges(indices):
    """'0-3, 7, 9-12' for a set of partition numbers."""
    out, run = [], None
    for i in sorted(indices):
        if run and i == run[1] + 1:
            run[1] = i
        else:
            run = [i, i]
            out.append(run)
    return ", ".join(str(a) if a == b else "%d-%d" % (a, b) for a, b in out)


def _describe(indices):
    return ("partition " if len(indices) == 1 else "partitions ") + _index_ranges(indices)


class FleetMerge:
    """One run of `merge`: call run(), then read facts() and finals."""

    def __init__(self, client, options, files, progress):
        self.client = client
        self.o = options
        self.files = files
        self.progress = progress
        self.run_id = uuid.uuid4().hex[:8]
        self.hosts = workers_by_host(client)
        self.workers = sum(len(w) for w in self.hosts.values())
        self.located = len(self.hosts) > 1 and not options.shared
        self.size = plan.partition_size(files.count, self.workers, options.partition_size)
        self.levels = {}  # bucket -> [[(future, partition indices)] per tree level]
        self.reduces = 0
        self.partitions_submitted = 0
        self.start = time.monotonic()

    # Partitions: (host or None, paths), placed by locating files when the
    # workers span several hosts.
    def _partitions(self):
        if not self.located:
            for paths in plan.chunks(self.files, self.size):
                yield None, paths
            return
        placement = plan.Placement(self.size)
        hosts = sorted(self.hosts)
        for chunk in plan.chunks(self.files, self.size * len(hosts) * 2):
            futures = [self.client.submit(worker_tasks.locate, chunk, workers=[h], allow_other_workers=False,
                                          pure=False, key="proflens-fleet-locate-%s-%s" % (self.run_id, uuid.uuid4().hex[:8]))
                       for h in hosts]
            found = dict(zip(hosts, self._results(futures, hosts)))
            ready, missing, conflicts = placement.add(chunk, found)
            if conflicts:
                path, seen = conflicts[0]
                where = ", ".join("%s (%d bytes)" % (h, s[0]) for h, s in sorted(seen.items()))
                raise FleetError("%s names different files on %s: give each host's profiles paths of their own"
                                 % (path, where))
            for path in missing:
                why = "no worker host has it (%s)" % ", ".join(hosts)
                if not self.o.skip_bad:
                    raise FleetError("%s: %s" % (path, why))
                self.progress.skip(path, why)
            yield from ready
        yield from placement.flush()

    def _submit_partition(self, host, paths):
        index = self.partitions_submitted
        self.partitions_submitted += 1
        job = {"index": index, "paths": paths, "proflens": self.o.proflens, "by": self.o.by,
               "labels": self.o.labels, "skip_bad": self.o.skip_bad}
        where = {"workers": [host], "allow_other_workers": False} if host else {}
        key = "proflens-fleet-%s-partition-%d" % (self.run_id, index)
        result = self.client.submit(worker_tasks.merge_partition, job, key=key, pure=False, **where)
        meta = self.client.submit(worker_tasks.partition_meta, result, key=key + "-meta", priority=1)
        return meta, (result, index, host)

    def _add_partial(self, bucket, level, future, indices):
        levels = self.levels.setdefault(bucket, [])
        while len(levels) <= level:
            levels.append([])
        levels[level].append((future, indices))
        if len(levels[level]) == FAN_IN:
            group, levels[level] = levels[level], []
            self._add_partial(bucket, level + 1, self._reduce(bucket, group, ".pb.gz"), set().union(*(i for _, i in group)))

    def _reduce(self, bucket, group, out_name):
        self.reduces += 1
        job = {"proflens": self.o.proflens, "names": [_describe(i) for _, i in group], "suffix": out_name}
        key = "proflens-fleet-%s-merge-%d" % (self.run_id, self.reduces)
        return self.client.submit(worker_tasks.reduce_partials, job, *[f for f, _ in group], key=key,
                                  pure=False, priority=1)

    def _final(self, bucket, out_name):
        """The last merge of a bucket, written in the format `out_name` names."""
        group = [p for level in self.levels.get(bucket, []) for p in level]
        while len(group) > FAN_IN:
            head, group = group[:FAN_IN], group[FAN_IN:]
            group.append((self._reduce(bucket, head, ".pb.gz"), set().union(*(i for _, i in head))))
        if len(group) == 1 and out_name.endswith(".pb.gz"):
            return group[0][0]
        return self._reduce(bucket, group, out_name)

    def _results(self, futures, hosts=None):
        """Waits for `futures`, watching that workers remain; their results."""
        self._wait(futures, all_done=True, hosts=hosts)
        return [self._result(f) for f in futures]

    def _result(self, future):
        try:
            return future.result()
        except KilledWorker as e:
            raise FleetError("a task was lost with its worker too many times, Dask gave up "
                             "(distributed.scheduler.allowed-failures): %s" % e) from None
        except CancelledError:
            raise FleetError("the scheduler cancelled a task (did it restart?)") from None
        except Exception as e:  # a worker's failure, as the task raised it
            if getattr(e, "fleet_error", False):
                raise FleetError(e.message) from None
            raise FleetError("a worker failed: %s: %s" % (type(e).__name__, e)) from None

    def _wait(self, futures, all_done, hosts=None):
        """Blocks until one (or all) of `futures` is done. A run whose
        workers are all gone (or, for pinned tasks, the workers of a host
        they need) for worker_timeout seconds fails instead of waiting."""
        lonely_since = None
        while True:
            try:
                done, not_done = wait(futures, timeout=2, return_when="ALL_COMPLETED" if all_done else "FIRST_COMPLETED")
                return done
            except TimeoutError:
                pass
            alive = workers_by_host(self.client)
            needed = set(hosts or []) if hosts else set()
            gone = [h for h in needed if h not in alive] if alive else ["any"]
            if not gone:
                lonely_since = None
                continue
            lonely_since = lonely_since or time.monotonic()
            if time.monotonic() - lonely_since > self.o.worker_timeout:
                if gone == ["any"]:
                    raise FleetError("no workers left for %g s: the run cannot go on" % self.o.worker_timeout)
                raise FleetError("the workers of %s are gone for %g s; their files cannot be read elsewhere"
                                 % (", ".join(sorted(gone)), self.o.worker_timeout))

    def run(self, out_names):
        """Merges everything. `out_names(bucket)` names an output file (its
        format by its ending). Returns {bucket: future of the final bytes}."""
        limit = 2 * self.workers + 2
        pending = {}  # meta future -> (partition future, index, host)
        partitions = self._partitions()
        more = True
        while more or pending:
            while more and len(pending) < limit:
                try:
                    host, paths = next(partitions)
                except StopIteration:
                    more = False
                    break
                meta, info = self._submit_partition(host, paths)
                pending[meta] = info
            if not pending:
                break
            done = self._wait(list(pending), all_done=False,
                              hosts={h for _, _, h in pending.values() if h is not None})
            for meta_future in done:
                result, index, _ = pending.pop(meta_future)
                meta = self._result(meta_future)
                self.progress.partition_done(meta)
                for bucket in sorted(meta["buckets"]):
                    part = self.client.submit(worker_tasks.partition_part, result, bucket, priority=1,
                                              key="proflens-fleet-%s-part-%d-%s" % (self.run_id, index, bucket or "all"))
                    self._add_partial(bucket, 0, part, {index})
        self.progress.finish()
        return {bucket: self._final(bucket, out_names(bucket)) for bucket in sorted(self.levels)}

    def fetch(self, future):
        """The bytes of one output (waits for its merges)."""
        self._wait([future], all_done=True)
        return self._result(future)

    def facts(self):
        return {"partition_size": self.size, "reduces": self.reduces, "workers": self.workers,
                "hosts": sorted(self.hosts), "located": self.located, "seconds": time.monotonic() - self.start}
