"""What the client prints on standard error: progress while the partitions
merge (files merged of all), then a summary of the run."""

import time


def format_bytes(n):
    for unit, size in (("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)):
        if n >= size:
            return "%.1f %s" % (n / size, unit)
    return "%d B" % n


class Progress:
    """Counts what the partitions report and shows "files merged of all".

    On a terminal the line is rewritten in place; otherwise a line is
    printed at most every `interval` seconds, and at the end.
    """

    def __init__(self, total, stream, quiet=False, interval=5.0):
        self.total = total
        self.stream = stream
        self.quiet = quiet
        self.tty = hasattr(stream, "isatty") and stream.isatty()
        self.interval = interval
        self.start = time.monotonic()
        self.merged = 0
        self.skipped = []
        self.bytes_read = 0
        self.partitions = 0
        self.workers = set()
        self.buckets = {}
        self.mtime_fallback = {}
        self._last_print = 0.0

    def restart(self):
        """Starts the clock (once the workers are there)."""
        self.start = time.monotonic()

    def skip(self, path, why):
        self.skipped.append((path, why))

    def partition_done(self, meta):
        self.partitions += 1
        self.merged += meta["merged"]
        self.skipped.extend(meta["skipped"])
        self.bytes_read += meta["bytes_read"]
        self.workers.add(meta["worker"])
        for bucket, n in meta["buckets"].items():
            self.buckets[bucket] = self.buckets.get(bucket, 0) + n
        for fmt, n in meta["mtime_fallback"].items():
            self.mtime_fallback[fmt] = self.mtime_fallback.get(fmt, 0) + n
        self._show(final=False)

    def line(self):
        done = self.merged + len(self.skipped)
        percent = 100.0 * done / self.total if self.total else 100.0
        text = "proflens-fleet: %d of %d files merged (%.0f%%)" % (self.merged, self.total, percent)
        if self.skipped:
            text += ", %d skipped" % len(self.skipped)
        return text + ", %s read, %.1f s" % (format_bytes(self.bytes_read), time.monotonic() - self.start)

    def _show(self, final):
        if self.quiet:
            return
        now = time.monotonic()
        if self.tty:
            self.stream.write("\r\033[K" + self.line() + ("\n" if final else ""))
        elif final or now - self._last_print >= self.interval:
            self.stream.write(self.line() + "\n")
        else:
            return
        self._last_print = now
        self.stream.flush()

    def finish(self):
        self._show(final=True)

    def clear(self):
        """Ends a progress line left open on a terminal (before an error)."""
        if self.tty and not self.quiet and self._last_print:
            self.stream.write("\n")


def write_summary(progress, run, stream):
    """The run in a few lines: files, partitions, workers used, bytes read,
    time, outputs. `run`: the facts only the driver knows (see
    FleetMerge.facts)."""
    p = progress
    w = stream.write
    for path, why in p.skipped:
        w("proflens-fleet: skipped %s: %s\n" % (path, why))
    if p.mtime_fallback:
        kinds = ", ".join("%s %d" % (fmt, n) for fmt, n in sorted(p.mtime_fallback.items()))
        total = sum(p.mtime_fallback.values())
        w("proflens-fleet: note: %d files carry no time of their own (%s): bucketed by their file's "
          "modification time\n" % (total, kinds))
    w("Files:       %d merged, %d skipped, of %d listed\n" % (p.merged, len(p.skipped), p.total))
    w("Partitions:  %d (up to %d files each), then %d %s of partial results\n"
      % (p.partitions, run["partition_size"], run["reduces"], "merge" if run["reduces"] == 1 else "merges"))
    hosts = run["hosts"]
    w("Workers:     %d used of %d (%d %s: %s)%s\n"
      % (len(p.workers), run["workers"], len(hosts), "host" if len(hosts) == 1 else "hosts",
         ", ".join(hosts), ", files located on each host" if run["located"] else ""))
    w("Bytes read:  %s (%d bytes)\n" % (format_bytes(p.bytes_read), p.bytes_read))
    w("Time:        %.2f s merging, %.2f s in all (with %s)\n"
      % (run["seconds"], run["total_seconds"], "starting the local cluster" if run["local"] else "connecting"))
    if run.get("memory"):
        worker = max(m["worker"] for m in run["memory"].values())
        w("Peak memory: %s, the largest worker process (of those alive at the end; proflens runs apart)\n"
          % format_bytes(worker))
    outputs = run["outputs"]
    if len(outputs) == 1:
        w("Output:      %s (%s)\n" % outputs[0])
    else:
        w("Outputs:     %d in %s\n" % (len(outputs), run["out"]))
        for path, size in outputs:
            bucket = path.rsplit("/", 1)[-1]
            w("  %s  %d files, %s\n" % (bucket, p.buckets.get(bucket.split(".")[0], 0), size))
    stream.flush()
