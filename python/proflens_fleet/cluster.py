"""The Dask side: connecting to a scheduler (or starting a local cluster)
and asking which workers run on which hosts."""

import contextlib
import logging
import os
import re

from distributed import Client, LocalCluster
from distributed.comm import get_address_host
import cloudpickle

from . import worker_tasks


class FleetError(Exception):
    """A run that cannot go on: the message says why (exit 3)."""


class UsageError(Exception):
    """Options that do not make sense (exit 2)."""


def parse_scheduler(text):
    """("local", N or None) for local[:N]; ("remote", ADDRESS) for a
    scheduler address (tcp://HOST:PORT, tls://..., or HOST:PORT)."""
    m = re.fullmatch(r"local(?::(\d+))?", text)
    if m:
        n = int(m.group(1)) if m.group(1) else None
        if n == 0:
            raise UsageError("--scheduler local:N needs N of 1 or more")
        return "local", n
    if re.fullmatch(r"(?:[a-z]+://)?[^\s/]+:\d+", text):
        return "remote", text
    raise UsageError("--scheduler %r: expected tcp://HOST:PORT (a running dask-scheduler) or local[:N]" % text)


@contextlib.contextmanager
def connect(scheduler, connect_timeout=30):
    """A Client of the scheduler, or of a LocalCluster of N one-thread worker
    processes (N: the CPU count by default) that lives as long as the run.
    The worker functions travel by value, so workers need only Dask and
    proflens, not this package."""
    cloudpickle.register_pickle_by_value(worker_tasks)
    kind, where = parse_scheduler(scheduler)
    cluster = None
    try:
        if kind == "local":
            cluster = LocalCluster(n_workers=where or os.cpu_count() or 1, threads_per_worker=1,
                                   processes=True, dashboard_address=None, silence_logs=logging.ERROR)
            client = Client(cluster)
        else:
            try:
                client = Client(where, timeout=connect_timeout)
            except (OSError, TimeoutError) as e:
                raise FleetError("cannot reach the scheduler at %s: %s" % (where, e)) from None
        try:
            yield client
        finally:
            client.close()
    finally:
        if cluster is not None:
            cluster.close()


def workers_by_host(client):
    """{host: [worker addresses]} of the workers connected now."""
    hosts = {}
    for address in client.scheduler_info()["workers"]:
        hosts.setdefault(get_address_host(address), []).append(address)
    return hosts


def wait_for_workers(client, timeout):
    try:
        client.wait_for_workers(1, timeout=timeout)
    except (TimeoutError, OSError):
        raise FleetError("no worker joined the scheduler within %g s (start dask-worker SCHEDULER on the hosts "
                         "that hold the profiles)" % timeout) from None


def check_proflens(client, proflens):
    """Runs `proflens --version` on every worker; a worker that cannot is an
    error naming it. Returns {worker: version}."""
    answers = client.run(worker_tasks.check_proflens, proflens)
    failed = ["%s: %s" % (w, a["error"]) for w, a in sorted(answers.items()) if "error" in a]
    if failed:
        raise FleetError("workers cannot run proflens (give its path on the workers with --proflens):\n  "
                         + "\n  ".join(failed))
    return {w: a["version"] for w, a in answers.items()}
