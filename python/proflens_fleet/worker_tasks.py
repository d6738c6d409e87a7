"""The work the Dask workers do: run `proflens` on files of their own host.

Everything here runs in a worker process and uses only the standard
library, so the client can ship this module by value (cloudpickle) and a
worker needs nothing but Dask and a `proflens` binary. `proflens` stays the
only code that reads or writes profiles: these functions hand it paths, read
its JSON, and pass its merged output on as bytes (gzipped pprof).

A partition task returns {"meta": small facts for the client, "parts":
{bucket: bytes}}; the client fetches the meta alone (partition_meta) and each
bucket's bytes become their own Dask key (partition_part), consumed where
they lie by reduce_partials.
"""

import json
import os
import resource
import socket
import stat
import subprocess
import tempfile
import time

# Exit code of proflens for an input or I/O error (its --help and README).
_EXIT_INPUT = 3


class FleetTaskError(Exception):
    """A failure the client reports as it is: a listed file proflens cannot
    read (`path` set) or a proflens run that failed otherwise. Recognized on
    the client by its `fleet_error` attribute (the class travels by value, so
    isinstance does not hold there)."""

    fleet_error = True

    def __init__(self, message, path=None):
        super().__init__(message)
        self.message = message
        self.path = path

    def __reduce__(self):
        return (self.__class__, (self.message, self.path))


def _worker_address():
    try:
        from distributed import get_worker  # present on every worker

        return get_worker().address
    except (ImportError, ValueError):
        return socket.gethostname()


def _reading_error(stderr, paths):
    """The listed path proflens names in "proflens: reading PATH: why", and
    the message, or (None, None) when the error names no listed file."""
    by_length = sorted(set(paths), key=len, reverse=True)
    for line in stderr.splitlines():
        if not line.startswith("proflens: reading "):
            continue
        rest = line[len("proflens: reading "):]
        for path in by_length:
            if rest.startswith(path + ": "):
                return path, rest[len(path) + 2:]
    return None, None


def _run(proflens, args, paths, scratch):
    """Runs proflens with `args` on `paths` (given as --files-from)."""
    list_path = os.path.join(scratch, "files.list")
    with open(list_path, "w", encoding="utf-8", errors="surrogateescape") as f:
        for p in paths:
            f.write(p + "\n")
    cmd = [proflens, "--threads", "1"] + args + ["--files-from", list_path]
    return subprocess.run(cmd, capture_output=True, text=True, errors="replace")


def _run_skipping(proflens, args, paths, scratch, skip_bad, skipped, what):
    """Runs proflens on `paths`; a file it cannot read either fails the task
    with its path, or (skip_bad) is recorded in `skipped` and the run goes on
    without it. Returns (completed process, the paths it ran on)."""
    paths = list(paths)
    while True:
        done = _run(proflens, args, paths, scratch)
        if done.returncode == 0:
            return done, paths
        bad, why = _reading_error(done.stderr, paths)
        if done.returncode != _EXIT_INPUT or bad is None:
            raise FleetTaskError("proflens %s failed (exit %d): %s" % (what, done.returncode, done.stderr.strip()))
        if not skip_bad:
            raise FleetTaskError("%s: %s" % (bad, why), path=bad)
        skipped.append((bad, why))
        paths = [p for p in paths if p != bad]
        if not paths:
            return None, paths


def _bucket(time_nanos, by):
    """The bucket name of a time (UTC): 2026-12-07T03 by hour, 2026-12-07 by day."""
    t = time.gmtime(time_nanos // 1_000_000_000)
    if by == "hour":
        return "%04d-%02d-%02dT%02d" % (t.tm_year, t.tm_mon, t.tm_mday, t.tm_hour)
    return "%04d-%02d-%02d" % (t.tm_year, t.tm_mon, t.tm_mday)


def _profile_times(proflens, paths, scratch, skip_bad, skipped, mtimes):
    """Each readable path's own time: pprof's time_nanos, perf's header, or
    (the format has none) the file's mtime. Returns ({path: nanos}, {format:
    files that fell back to mtime})."""
    done, paths = _run_skipping(proflens, ["info", "--format", "json"], paths, scratch, skip_bad, skipped, "info")
    times, fallback = {}, {}
    if done is None:
        return times, fallback
    for entry in json.loads(done.stdout):
        path = entry["file"]
        nanos = entry.get("time_nanos")
        if not nanos:
            nanos = mtimes[path]
            fmt = entry.get("format", "unknown")
            fallback[fmt] = fallback.get(fmt, 0) + 1
        times[path] = nanos
    return times, fallback


def _merge(proflens, paths, labels, scratch, skip_bad, skipped, suffix=".pb.gz", what="merge"):
    """Merges `paths` into one profile; returns its bytes (None if every file was skipped)."""
    out = os.path.join(scratch, "merged" + suffix)
    args = ["merge", "-o", out]
    for label in labels:
        args += ["--label", label]
    done, _ = _run_skipping(proflens, args, paths, scratch, skip_bad, skipped, what)
    if done is None:
        return None
    with open(out, "rb") as f:
        data = f.read()
    os.remove(out)
    return data


def merge_partition(job):
    """Merges one partition of listed files on this worker.

    job: {"index", "paths", "proflens", "by" (None, "hour", "day"), "labels",
    "skip_bad"}. Paths are opened here, on the worker's host; the files never
    pass through the client.
    """
    start = time.monotonic()
    skipped, sizes, mtimes = [], {}, {}
    for p in job["paths"]:
        try:
            st = os.stat(p)
        except OSError as e:
            why = e.strerror or str(e)
        else:
            if stat.S_ISREG(st.st_mode):
                sizes[p], mtimes[p] = st.st_size, st.st_mtime_ns
                continue
            why = "not a regular file"
        if not job["skip_bad"]:
            raise FleetTaskError("%s: %s" % (p, why), path=p)
        skipped.append((p, why))
    readable = [p for p in job["paths"] if p in sizes]
    parts, counts, fallback = {}, {}, {}
    with tempfile.TemporaryDirectory(prefix="proflens-fleet-") as scratch:
        groups = {"": readable}
        if job["by"] and readable:
            times, fallback = _profile_times(job["proflens"], readable, scratch, job["skip_bad"], skipped, mtimes)
            groups = {}
            for p in readable:
                if p in times:
                    groups.setdefault(_bucket(times[p], job["by"]), []).append(p)
        for bucket, paths in groups.items():
            if not paths:
                continue
            before = len(skipped)
            data = _merge(job["proflens"], paths, job["labels"], scratch, job["skip_bad"], skipped)
            if data is not None:
                parts[bucket] = data
                counts[bucket] = len(paths) - (len(skipped) - before)
    bad = {p for p, _ in skipped}
    meta = {
        "index": job["index"],
        "listed": len(job["paths"]),
        "merged": sum(counts.values()),
        "skipped": skipped,
        "bytes_read": sum(size for p, size in sizes.items() if p not in bad),
        "buckets": counts,
        "mtime_fallback": fallback,
        "worker": _worker_address(),
        "seconds": time.monotonic() - start,
    }
    return {"meta": meta, "parts": parts}


def partition_meta(result):
    """The client's view of a partition: counts, never profile bytes."""
    return result["meta"]


def partition_part(result, bucket):
    """One bucket's merged bytes of a partition, as a key of its own."""
    return result["parts"][bucket]


def reduce_partials(job, *partials):
    """Merges partial results (gzipped pprof bytes) into one.

    job: {"proflens", "names": a description of each partial for messages,
    "suffix": the output's name ending (".pb.gz" between steps; the last
    step writes the user's format)}.
    """
    with tempfile.TemporaryDirectory(prefix="proflens-fleet-") as scratch:
        paths = []
        for i, data in enumerate(partials):
            path = os.path.join(scratch, "partial-%d.pb.gz" % i)
            with open(path, "wb") as f:
                f.write(data)
            paths.append(path)
        try:
            return _merge(job["proflens"], paths, [], scratch, False, [], job["suffix"], "merge of partial results")
        except FleetTaskError as e:
            message = e.message
            for path, name in zip(paths, job["names"]):
                message = message.replace(path, name)
            raise FleetTaskError(message) from None


def locate(paths):
    """For each path, (size, mtime_ns) if it is a regular file on this host, else None."""
    found = []
    for p in paths:
        try:
            st = os.stat(p)
        except OSError:
            found.append(None)
            continue
        found.append((st.st_size, st.st_mtime_ns) if stat.S_ISREG(st.st_mode) else None)
    return found


def check_proflens(proflens):
    """The proflens version this worker runs, or an error message."""
    try:
        done = subprocess.run([proflens, "--version"], capture_output=True, text=True, timeout=60)
    except OSError as e:
        return {"error": "cannot run %s: %s" % (proflens, e.strerror or e)}
    except subprocess.TimeoutExpired:
        return {"error": "%s --version did not answer in 60 s" % proflens}
    if done.returncode != 0:
        return {"error": "%s --version failed (exit %d): %s" % (proflens, done.returncode, done.stderr.strip())}
    return {"version": done.stdout.strip(), "host": socket.gethostname()}


def peak_memory():
    """Peak resident memory in bytes of this worker process, as the kernel
    counts it. (Its children's figure is no use: a child started by vfork
    counts the parent's pages until it execs proflens.)"""
    return {"worker": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024}
