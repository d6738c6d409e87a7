"""Shared pieces of the fleet tests: the proflens binary, real small
profiles, a real dask-scheduler with dask-worker processes on loopback, and
the comparison of two profiles row by row of `proflens top`."""

import gzip
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PYTHON_DIR = os.path.join(REPO, "python")
SAMPLES = os.path.join(REPO, "samples")
HOURS = os.path.join(PYTHON_DIR, "tests", "data", "hours")
if PYTHON_DIR not in sys.path:
    sys.path.insert(0, PYTHON_DIR)  # the package under test, without installing it

# Real perf captures of the same event (cpu-clock), cut into small profiles.
PERF_CAPTURES = ["perf-slow.txt.gz", "perf-fast.txt.gz", "rust-v0.perf.txt.gz", "rust-legacy.perf.txt.gz",
                 "cpp-templates.perf.txt.gz", "node-js.perf.txt.gz", "java-jit.perf.txt.gz"]


def proflens():
    """The binary under test: $PROFLENS, else build/proflens of this checkout."""
    path = os.environ.get("PROFLENS") or os.path.join(REPO, "build", "proflens")
    if not os.access(path, os.X_OK):
        raise RuntimeError("no proflens binary at %s: build it, or set PROFLENS" % path)
    return os.path.abspath(path)


def cut_perf_captures(directory, samples_per_file, captures=PERF_CAPTURES):
    """Cuts real `perf script` captures at sample boundaries into files of
    `samples_per_file` samples each: distinct small real profiles (never
    copies of one). Returns their paths, in order."""
    paths = []
    for name in captures:
        with gzip.open(os.path.join(SAMPLES, name), "rb") as f:
            records = [r for r in f.read().split(b"\n\n") if r.strip() and not r.lstrip().startswith(b"#")]
        stem = name.split(".")[0]
        for k in range(0, len(records), samples_per_file):
            path = os.path.join(directory, "%s-%04d.perf.txt" % (stem, k // samples_per_file))
            with open(path, "wb") as out:
                out.write(b"\n\n".join(records[k:k + samples_per_file]) + b"\n\n")
            paths.append(path)
    return paths


def write_list(path, paths):
    with open(path, "w") as f:
        f.writelines(p + "\n" for p in paths)
    return path


def run_proflens(*args):
    return subprocess.run([proflens(), "--threads", "1"] + list(args), capture_output=True, text=True, check=True)


def local_merge(paths, out, workdir):
    """One local `proflens merge` of `paths`: the reference result."""
    listing = write_list(os.path.join(workdir, os.path.basename(out) + ".list"), paths)
    run_proflens("merge", "--files-from", listing, "-o", out)
    return out


def top_rows(profile):
    """Every row of `proflens top` (all functions, none hidden by
    nodefraction), for each sample type, and the totals."""
    info = json.loads(run_proflens("info", "--format", "json", profile).stdout)[0]
    rows = {}
    for i, t in enumerate(info["sample_types"]):
        top = json.loads(run_proflens("top", profile, "-n", "0", "--nodefraction", "0", "--sample-index", str(i),
                                      "--format", "json").stdout)
        rows["%s/%s" % (t["type"], t["unit"])] = {"total": top["total"], "rows": top["rows"]}
    return rows


def fleet_in_process(*args):
    """Runs the command in this process (no second start of Python and Dask):
    (exit code, standard error)."""
    import io
    from proflens_fleet import cli

    err = io.StringIO()
    code = cli.main(list(args), err=err)
    return code, err.getvalue()


def fleet(*args, env=None, timeout=120):
    """Runs `python3 -m proflens_fleet` as a user would, with this Python."""
    e = dict(os.environ, PYTHONPATH=PYTHON_DIR)
    e.update(env or {})
    return subprocess.run([sys.executable, "-m", "proflens_fleet"] + list(args), capture_output=True, text=True,
                          env=e, timeout=timeout)


class Cluster:
    """A real dask-scheduler and dask-worker processes, on loopback ports
    chosen by the kernel. Workers run without a nanny, so a killed worker
    stays dead; each has one thread."""

    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix="proflens-fleet-cluster-")
        self.file = os.path.join(self.dir, "scheduler.json")
        self.procs = []
        self.workers = {}
        sched = shutil.which("dask-scheduler")
        if not sched:
            raise RuntimeError("dask-scheduler not found: apt-get install python3-distributed")
        self.procs.append(self._spawn([sched, "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
                                       "--scheduler-file", self.file], "scheduler"))
        deadline = time.monotonic() + 30
        while not os.path.exists(self.file) or not os.path.getsize(self.file):
            if time.monotonic() > deadline:
                raise RuntimeError("dask-scheduler did not start: " + self.log("scheduler"))
            time.sleep(0.1)
        time.sleep(0.1)
        with open(self.file) as f:
            self.address = json.load(f)["address"]

    def _spawn(self, cmd, name, env=None):
        with open(os.path.join(self.dir, name + ".log"), "wb") as log:
            return subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, env=env, start_new_session=True)

    def log(self, name):
        with open(os.path.join(self.dir, name + ".log"), errors="replace") as f:
            return f.read()

    def add_worker(self, name, host="127.0.0.1", env=None):
        proc = self._spawn([shutil.which("dask-worker"), self.address, "--name", name, "--host", host,
                            "--nthreads", "1", "--no-nanny", "--no-dashboard",
                            "--local-directory", os.path.join(self.dir, name)], name,
                           env=dict(os.environ, **(env or {})))
        self.procs.append(proc)
        self.workers[name] = proc
        return proc

    def wait_for_workers(self, n, timeout=30):
        """Waits until the scheduler counts `n` workers (asked with a client)."""
        from distributed import Client

        with Client(self.address, timeout=timeout) as client:
            client.wait_for_workers(n, timeout=timeout)

    def kill(self, name):
        self.workers[name].send_signal(signal.SIGKILL)
        self.workers[name].wait()

    def close(self):
        for p in reversed(self.procs):
            if p.poll() is None:
                p.terminate()
        for p in self.procs:
            try:
                p.wait(timeout=10)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()
        shutil.rmtree(self.dir, ignore_errors=True)
