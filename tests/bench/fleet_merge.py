#!/usr/bin/env python3
"""Benchmark of python/proflens_fleet: N small real profiles merged on W
Dask workers of this machine against one local `proflens merge` of the same
files. Not a test: figures only.

The profiles: a real perf capture (tests/bench/real_capture.sh's workload,
recorded once) cut at sample boundaries into N files, each a small real
profile, as tests/bench/merge_many.sh does; never copies of one file.

Runs local and fleet merges in turn (REPEAT each, medians shown) and prints:
the local merge's time, CPU time and peak memory; the fleet run's time (the
client's wall time, connecting included, the cluster already running) and
the CPU time of every process in it (proflens runs, worker processes,
nannies, scheduler, client: on a machine shared with other work the CPU
time says what the engine costs when the wall time cannot); each worker
process's and nanny's peak memory (VmHWM) and the largest proflens run's
(each run under /usr/bin/time); whether every row of `proflens top` is
equal; and the day of a 10,000-host fleet (one profile per host every 5
minutes: 2.88 M profiles) scaled from this run.

    PROFLENS=build/proflens /usr/bin/python3 tests/bench/fleet_merge.py [N] [WORKERS] [REPEAT]
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PROFLENS = os.path.abspath(os.environ.get("PROFLENS", os.path.join(ROOT, "build", "proflens")))
BENCH = os.environ.get("BENCH_DIR", "/tmp/proflens-bench")
FLEET_DAY = 10000 * 24 * 12  # hosts x profiles a host a day


def capture():
    """A real perf capture: tests/bench/realwork.c, 2 threads, 40 s at 20 kHz."""
    path = os.path.join(BENCH, "fleet-capture.perf.txt")
    if not os.path.exists(path):
        exe = os.path.join(BENCH, "realwork")
        subprocess.run(["gcc", "-O1", "-g", "-fno-omit-frame-pointer", "-pthread", "-o", exe,
                        os.path.join(ROOT, "tests", "bench", "realwork.c")], check=True)
        data = os.path.join(BENCH, "fleet-capture.data")
        subprocess.run(["perf", "record", "-F", "20000", "-g", "-o", data, exe, "40", "2"], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        with open(path + ".tmp", "wb") as out:
            subprocess.run(["perf", "script", "-i", data], stdout=out, stderr=subprocess.DEVNULL, check=True)
        os.replace(path + ".tmp", path)
    return path


def cut(source, n):
    """`source` cut at sample boundaries into n files; returns the list file."""
    directory = os.path.join(BENCH, "fleet-pieces-%d" % n)
    listing = directory + ".list"
    if os.path.exists(listing):
        return listing
    shutil.rmtree(directory, ignore_errors=True)
    os.makedirs(directory)
    with open(source, "rb") as f:
        data = f.read()
    paths, start = [], 0
    for k in range(n):
        end = len(data) if k == n - 1 else data.find(b"\n\n", max(start, len(data) * (k + 1) // n)) + 2
        if end <= 1 or end <= start:
            continue
        sub = os.path.join(directory, "%03d" % (k // 1000))
        os.makedirs(sub, exist_ok=True)
        path = os.path.join(sub, "%06d.perf.txt" % k)
        with open(path, "wb") as out:
            out.write(data[start:end])
        paths.append(path)
        start = end
    with open(listing, "w") as f:
        f.writelines(p + "\n" for p in paths)
    return listing


def timed(cmd, **kw):
    start = time.monotonic()
    done = subprocess.run(cmd, capture_output=True, text=True, **kw)
    if done.returncode != 0:
        sys.exit("failed: %s\n%s" % (" ".join(cmd), done.stderr))
    return time.monotonic() - start, done


def top_rows(profile):
    info = json.loads(subprocess.run([PROFLENS, "info", "--format", "json", profile], capture_output=True,
                                     text=True, check=True).stdout)[0]
    rows = []
    for i in range(len(info["sample_types"])):
        rows.append(subprocess.run([PROFLENS, "top", profile, "-n", "0", "--nodefraction", "0", "--sample-index",
                                    str(i), "--format", "csv"], capture_output=True, text=True, check=True).stdout)
    return rows


def start_cluster(workdir, workers):
    sched_file = os.path.join(workdir, "scheduler.json")
    procs = [subprocess.Popen(["dask-scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
                               "--scheduler-file", sched_file], stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL, start_new_session=True)]
    while not os.path.exists(sched_file) or not os.path.getsize(sched_file):
        time.sleep(0.1)
    time.sleep(0.2)
    with open(sched_file) as f:
        address = json.load(f)["address"]
    for i in range(workers):
        # As deployed: a nanny per worker, one thread, on loopback.
        procs.append(subprocess.Popen(["dask-worker", address, "--nthreads", "1", "--name", "w%d" % i,
                                       "--host", "127.0.0.1", "--no-dashboard",
                                       "--local-directory", os.path.join(workdir, "w%d" % i)],
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True))
    from distributed import Client

    with Client(address) as c:
        c.wait_for_workers(workers, timeout=60)
    return address, procs


def cluster_facts(address):
    """Per worker: VmHWM of the worker process and of its nanny (KiB), and
    the CPU seconds used so far by the worker, its reaped children (the
    proflens runs) and its nanny."""
    from distributed import Client

    def facts():
        def status(pid, key):
            with open("/proc/%d/status" % pid) as f:
                for line in f:
                    if line.startswith(key + ":"):
                        return int(line.split()[1])
            return 0

        def cpu(pid):  # utime, stime, cutime, cstime in seconds
            fields = open("/proc/%d/stat" % pid).read().rsplit(")", 1)[1].split()
            tick = os.sysconf("SC_CLK_TCK")
            return [int(x) / tick for x in fields[11:15]]

        me, nanny = os.getpid(), os.getppid()
        return {"worker": status(me, "VmHWM"), "nanny": status(nanny, "VmHWM"), "cpu": cpu(me),
                "nanny_cpu": cpu(nanny)}

    with Client(address) as c:
        return c.run(facts)


def process_cpu(pid):
    fields = open("/proc/%d/stat" % pid).read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100000
    workers = int(sys.argv[2]) if len(sys.argv) > 2 else 2
    repeat = int(sys.argv[3]) if len(sys.argv) > 3 else 3
    os.makedirs(BENCH, exist_ok=True)
    source = capture()
    listing = cut(source, n)
    with open(listing) as f:
        files = sum(1 for _ in f)
    size = 0
    with open(listing) as f:
        for line in f:
            size += os.path.getsize(line.strip())
    work = tempfile.mkdtemp(prefix="fleet-bench-", dir=BENCH)
    print("input: %d files cut from %s, %.1f MiB in all" % (files, source, size / 2**20))
    print("load average before: %s" % open("/proc/loadavg").read().split()[:3])
    timed(["sh", "-c", "xargs cat < %s > /dev/null" % listing])  # page cache warm for every run

    address, procs = start_cluster(work, workers)
    local_runs, fleet_runs = [], []
    try:
        peaks = os.path.join(work, "proflens-peaks.txt")
        wrapper = os.path.join(work, "proflens-timed")
        with open(wrapper, "w") as f:
            f.write('#!/bin/sh\nexec /usr/bin/time -a -o %s -f %%M %s "$@"\n' % (peaks, PROFLENS))
        os.chmod(wrapper, 0o755)
        local_out = os.path.join(work, "local.pb.gz")
        fleet_out = os.path.join(work, "fleet.pb.gz")
        env = dict(os.environ, PYTHONPATH=os.path.join(ROOT, "python"))
        for _ in range(repeat):
            # Local and fleet runs alternate, so both see the machine alike.
            seconds, done = timed(["/usr/bin/time", "-f", "%M %U %S", PROFLENS, "merge", "--files-from", listing,
                                   "-o", local_out])
            kib, user, system = done.stderr.strip().splitlines()[-1].split()
            local_runs.append({"s": seconds, "kib": int(kib), "cpu": float(user) + float(system)})
            before = cluster_facts(address)
            sched_before = process_cpu(procs[0].pid)
            seconds, done = timed(["/usr/bin/time", "-f", "%U %S", sys.executable, "-m", "proflens_fleet", "merge",
                                   "--scheduler", address, "--files-from", listing, "-o", fleet_out,
                                   "--proflens", wrapper], env=env)
            after = cluster_facts(address)
            client_cpu = sum(float(x) for x in done.stderr.strip().splitlines()[-1].split())
            worker_cpu = sum(sum(a["cpu"][:2]) - sum(before[w]["cpu"][:2]) for w, a in after.items())
            proflens_cpu = sum(sum(a["cpu"][2:]) - sum(before[w]["cpu"][2:]) for w, a in after.items())
            nanny_cpu = sum(sum(a["nanny_cpu"][:2]) - sum(before[w]["nanny_cpu"][:2]) for w, a in after.items())
            fleet_runs.append({"s": seconds, "client": client_cpu, "workers": worker_cpu, "proflens": proflens_cpu,
                               "nannies": nanny_cpu, "scheduler": process_cpu(procs[0].pid) - sched_before,
                               "summary": [l for l in done.stderr.splitlines()[:-1]
                                           if not l.startswith("proflens-fleet:")]})
        memory = cluster_facts(address)
    finally:
        for p in reversed(procs):
            p.terminate()
        for p in procs:
            p.wait()
    with open(peaks) as f:
        proflens_kib = max(int(l) for l in f if l.strip().isdigit())
    same = top_rows(local_out) == top_rows(fleet_out)
    local = sorted(local_runs, key=lambda r: r["s"])[len(local_runs) // 2]
    fleet = sorted(fleet_runs, key=lambda r: r["s"])[len(fleet_runs) // 2]

    print("load average after: %s" % open("/proc/loadavg").read().split()[:3])
    print()
    print("the median fleet run's summary:")
    print("\n".join("    " + l for l in fleet["summary"]))
    print()
    print("| run (median of %d) | wall s [range] | CPU s | peak MiB |" % repeat)
    print("|---|---|---|---|")
    print("| local `proflens merge` | %.2f [%.2f-%.2f] | %.2f | %.0f |"
          % (local["s"], min(r["s"] for r in local_runs), max(r["s"] for r in local_runs), local["cpu"],
             local["kib"] / 1024))
    print("| fleet, %d workers (client wall time) | %.2f [%.2f-%.2f] | %.2f: proflens %.2f, workers %.2f, "
          "nannies %.2f, scheduler %.2f, client %.2f | worker processes %s; nannies %s; largest proflens run %.0f |"
          % (workers, fleet["s"], min(r["s"] for r in fleet_runs), max(r["s"] for r in fleet_runs),
             sum(fleet[k] for k in ("proflens", "workers", "nannies", "scheduler", "client")), fleet["proflens"],
             fleet["workers"], fleet["nannies"], fleet["scheduler"], fleet["client"],
             ", ".join("%.0f" % (m["worker"] / 1024) for m in memory.values()),
             ", ".join("%.0f" % (m["nanny"] / 1024) for m in memory.values()), proflens_kib / 1024))
    print()
    print("fleet / local wall time: %.2fx; every row of top equal: %s" % (fleet["s"] / local["s"], "yes" if same else "NO"))
    worker_s_per_file = fleet["s"] * workers / files
    print("scaled to a day of 10,000 hosts (%d profiles), %.3f ms of worker time a file: %.0f s on %d workers, "
          "%.0f s on 16, %.0f s on 64" % (FLEET_DAY, worker_s_per_file * 1000, FLEET_DAY * worker_s_per_file / workers,
                                          workers, FLEET_DAY * worker_s_per_file / 16, FLEET_DAY * worker_s_per_file / 64))
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
