"""python3 -m proflens_fleet merge: the command line.

Exit codes as proflens's: 0 done, 2 a usage error, 3 an input, I/O or
engine error (an unreadable file, a scheduler out of reach, workers gone).
"""

import argparse
import os
import re
import sys
import tempfile
import time

# The endings `proflens merge -o` takes a format from (cli/cmd_common.cpp).
_OUTPUT_ENDINGS = (".pb.gz", ".pb", ".pprof", ".folded", ".collapsed", ".speedscope.json", ".callgrind")

EXAMPLES = """examples:
  python3 -m proflens_fleet merge --scheduler tcp://10.0.0.1:8786 --files-from day.list -o day.pb.gz
  find /srv/profiles -name '*.pb.gz' | python3 -m proflens_fleet merge --scheduler local:2 \\
      --files-from - --by hour -o hours/

exit codes: 0 done, 2 usage error, 3 input, I/O or engine error"""


def _parser():
    parser = argparse.ArgumentParser(
        prog="python3 -m proflens_fleet",
        description="Merge a fleet's profiles with proflens on the workers of a Dask distributed cluster.")
    sub = parser.add_subparsers(dest="command", required=True)
    m = sub.add_parser(
        "merge", epilog=EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter,
        help="merge the listed profiles on the workers, partial results in a tree",
        description="Cuts the list into partitions, runs `proflens merge` on each where its files are, "
                    "and merges the partial results in a tree until one is left (per time bucket with --by).")
    m.add_argument("--scheduler", required=True, metavar="tcp://HOST:PORT|local[:N]",
                   help="a running dask-scheduler, or local[:N] for N worker processes on this machine "
                        "(default N: the CPU count)")
    m.add_argument("--files-from", required=True, metavar="LIST",
                   help="the profiles' paths, one a line, as the workers see them (- for standard input)")
    m.add_argument("-o", "--output", required=True, metavar="OUT",
                   help="the merged profile, its format by its name as proflens merge -o; "
                        "with --by, a directory that gets one BUCKET.pb.gz per hour or day")
    m.add_argument("--proflens", default=os.environ.get("PROFLENS", "proflens"), metavar="PATH",
                   help="the proflens binary on the workers (default: $PROFLENS, else proflens on their PATH)")
    m.add_argument("--by", choices=("hour", "day"),
                   help="one output per hour or day (UTC) of each profile's own time: pprof's time_nanos, "
                        "perf's header; the file's modification time where the format has none")
    m.add_argument("--label", action="append", default=[], metavar="KEY=VALUE",
                   help="add this label to every sample (repeat for more), as proflens merge --label")
    m.add_argument("--skip-bad", action="store_true",
                   help="list and skip files proflens cannot read, instead of failing the run")
    m.add_argument("--shared", action="store_true",
                   help="every worker host sees every listed path (a shared filesystem): "
                        "do not ask each host which files it has")
    m.add_argument("--partition-size", type=int, metavar="N",
                   help="files per partition (default: a few partitions per worker, at most 20000 files)")
    m.add_argument("--worker-timeout", type=float, default=60.0, metavar="SECONDS",
                   help="fail when no worker (or none of a host whose files are still to read) "
                        "remains this long (default 60)")
    m.add_argument("-q", "--quiet", action="store_true", help="no progress, no summary")
    return parser


def _check(options):
    from .cluster import UsageError, parse_scheduler

    parse_scheduler(options.scheduler)
    for label in options.label:
        if not re.fullmatch(r"[^=\s]+=.*", label):
            raise UsageError("--label %r: expected KEY=VALUE" % label)
    options.labels = options.label
    if options.partition_size is not None and options.partition_size < 1:
        raise UsageError("--partition-size must be 1 or more")
    out = options.output
    if options.by:
        if out == "-" or os.path.isfile(out):
            raise UsageError("with --by, -o names a directory (one file per %s goes there): %s is not one"
                             % (options.by, out))
    elif out != "-":
        base = os.path.basename(out)
        if os.path.isdir(out):
            raise UsageError("-o %s is a directory; without --by the output is one file" % out)
        if not (out.endswith(_OUTPUT_ENDINGS) or base.startswith("callgrind.out")):
            raise UsageError("cannot tell the output format from %r: name it .pb.gz, .folded, .speedscope.json "
                             "or callgrind.out.NAME" % out)


def _write_outputs(merge, finals, options):
    """Fetches each output's bytes (one at a time), writes them to temporary
    files beside their destinations, and renames them all into place once
    every one is written: a failed run leaves no output, whole or partial."""
    out = options.output
    if out == "-":
        for fut in finals.values():
            sys.stdout.buffer.write(merge.fetch(fut))
        sys.stdout.buffer.flush()
        return [("standard output", "")]
    from .report import format_bytes

    if options.by:
        os.makedirs(out, exist_ok=True)
    staged = []
    try:
        for bucket, fut in finals.items():
            dest = os.path.join(out, bucket + ".pb.gz") if options.by else out
            data = merge.fetch(fut)
            fd, tmp = tempfile.mkstemp(prefix="." + os.path.basename(dest) + ".", dir=os.path.dirname(dest) or ".")
            staged.append((tmp, dest, len(data)))
            with os.fdopen(fd, "wb") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
            del data
            fut.release()
        for tmp, dest, _ in staged:
            os.replace(tmp, dest)
    except BaseException:
        for tmp, _, _ in staged:
            if os.path.exists(tmp):
                os.unlink(tmp)
        raise
    return [(dest, format_bytes(size)) for _, dest, size in staged]


def merge(options, err):
    from . import cluster, driver, plan, report, worker_tasks

    _check(options)
    files = plan.FileList(options.files_from)
    try:
        if files.count == 0:
            raise cluster.UsageError("%s lists no files" % options.files_from)
        progress = report.Progress(files.count, err, quiet=options.quiet)
        started = time.monotonic()
        with cluster.connect(options.scheduler) as client:
            cluster.wait_for_workers(client, options.worker_timeout)
            cluster.check_proflens(client, options.proflens)
            run = driver.FleetMerge(client, options, files, progress)
            progress.restart()
            try:
                finals = run.run(lambda bucket: bucket + ".pb.gz" if options.by
                                 else ("merged.pb.gz" if options.output == "-" else os.path.basename(options.output)))
                if not finals:
                    raise cluster.FleetError("every listed file was skipped: nothing to write")
                outputs = _write_outputs(run, finals, options)
            except BaseException:
                progress.clear()
                raise
            facts = run.facts()
            facts["outputs"] = outputs
            facts["out"] = options.output
            facts["total_seconds"] = time.monotonic() - started
            facts["local"] = options.scheduler.startswith("local")
            facts["memory"] = client.run(worker_tasks.peak_memory)
        if not options.quiet:
            report.write_summary(progress, facts, err)
    finally:
        files.close()


def main(argv=None, err=None):
    err = err or sys.stderr
    options = _parser().parse_args(argv)
    try:
        from . import cluster
    except ImportError as e:
        err.write("proflens-fleet: needs Dask distributed (%s): on Debian, apt-get install python3-distributed, "
                  "and run it with Debian's python3 (/usr/bin/python3)\n" % e)
        return 3
    try:
        merge(options, err)
    except cluster.UsageError as e:
        err.write("proflens-fleet: %s\n" % e)
        return 2
    except cluster.FleetError as e:
        err.write("proflens-fleet: %s\n" % e)
        return 3
    except OSError as e:
        err.write("proflens-fleet: %s\n" % e)
        return 3
    except KeyboardInterrupt:
        err.write("proflens-fleet: interrupted\n")
        return 130
    return 0
