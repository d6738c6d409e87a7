"""python3 -m proflens_fleet merge on a real dask-scheduler with dask-worker
processes on loopback: two workers on two loopback addresses (127.0.0.1 and
127.0.0.2, two "hosts" to the scheduler), each result compared row by row of
`proflens top` with one local `proflens merge` of the same files.

    PROFLENS=build/proflens python3 -m unittest discover -s python/tests
"""

import calendar
import json
import os
import re
import shutil
import stat
import subprocess
import tempfile
import threading
import time
import unittest

import fleet_testing as ft

CLUSTER = None
WORK = None
PIECES = None  # small real perf profiles cut from samples/


def setUpModule():
    global CLUSTER, WORK, PIECES
    WORK = tempfile.mkdtemp(prefix="proflens-fleet-test-")
    os.mkdir(os.path.join(WORK, "pieces"))
    PIECES = ft.cut_perf_captures(os.path.join(WORK, "pieces"), 25)
    CLUSTER = ft.Cluster()
    CLUSTER.add_worker("a", host="127.0.0.1")
    CLUSTER.add_worker("b", host="127.0.0.2")
    CLUSTER.wait_for_workers(2)


def tearDownModule():
    if CLUSTER:
        CLUSTER.close()
    shutil.rmtree(WORK, ignore_errors=True)


class FleetMergeTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(dir=WORK)

    def path(self, name):
        return os.path.join(self.dir, name)

    def merge(self, paths, *options, out="fleet.pb.gz", scheduler=None, proflens=None, separate=False):
        """Runs merge: in this process, or (separate) as `python3 -m proflens_fleet`."""
        listing = ft.write_list(self.path("files.list"), paths)
        args = ["merge", "--scheduler", scheduler or CLUSTER.address, "--files-from", listing,
                "-o", self.path(out), "--proflens", proflens or ft.proflens(), *options]
        if separate:
            return ft.fleet(*args)
        code, stderr = ft.fleet_in_process(*args)
        return subprocess.CompletedProcess(args, code, "", stderr)

    def assertSameProfile(self, got, paths):
        want = ft.local_merge(paths, self.path("local-%s" % os.path.basename(got)), self.dir)
        self.assertEqual(ft.top_rows(want), ft.top_rows(got))

    def assertRan(self, done):
        self.assertEqual(done.returncode, 0, done.stderr)

    def test_merge_equals_one_local_merge(self):
        done = self.merge(PIECES, "--partition-size", "40")
        self.assertRan(done)
        self.assertSameProfile(self.path("fleet.pb.gz"), PIECES)
        n = len(PIECES)
        self.assertIn("Files:       %d merged, 0 skipped, of %d listed" % (n, n), done.stderr)
        # Each host's files are cut apart: one partly filled partition a host at most.
        partitions = int(re.search(r"Partitions: +(\d+) \(up to 40 files each\)", done.stderr).group(1))
        self.assertIn(partitions, (-(-n // 40), -(-n // 40) + 1))
        # Two loopback addresses are two hosts: files located, both used.
        self.assertRegex(done.stderr, r"Workers: +2 used of 2 \(2 hosts: 127\.0\.0\.1, 127\.0\.0\.2\), files located")
        size = sum(os.path.getsize(p) for p in PIECES)
        self.assertIn("Bytes read:  ", done.stderr)
        self.assertIn("(%d bytes)" % size, done.stderr)
        self.assertIn("%d of %d files merged (100%%)" % (n, n), done.stderr)

    def test_shared_storage_goes_to_any_worker(self):
        paths = PIECES[::3]
        done = self.merge(paths, "--shared", "--partition-size", "30")
        self.assertRan(done)
        self.assertSameProfile(self.path("fleet.pb.gz"), paths)
        self.assertNotIn("files located", done.stderr)

    def test_worker_killed_mid_run_loses_nothing(self):
        # Every proflens run of a merge notes its worker (its parent) and
        # takes 0.2 s longer; the victim is killed once it is merging.
        marks = self.path("marks")
        slow = self.path("slow-proflens")
        with open(slow, "w") as f:
            f.write('#!/bin/sh\nfor a; do [ "$a" = merge ] && echo $PPID >> %s; done\nsleep 0.2\nexec %s "$@"\n'
                    % (marks, ft.proflens()))
        os.chmod(slow, os.stat(slow).st_mode | stat.S_IXUSR)
        victim = CLUSTER.add_worker("victim", host="127.0.0.1")
        CLUSTER.wait_for_workers(3)
        paths = PIECES[1::3]
        run = {}
        client = threading.Thread(target=lambda: run.update(done=self.merge(paths, "--partition-size", "10",
                                                                            proflens=slow)))
        client.start()
        deadline = time.monotonic() + 60
        while True:
            pids = []
            if os.path.exists(marks):
                with open(marks) as f:
                    pids = f.read().split()
            if str(victim.pid) in pids:
                break
            self.assertTrue(client.is_alive(), "the run ended before the victim merged anything")
            self.assertLess(time.monotonic(), deadline, "the victim never ran a merge")
            time.sleep(0.02)
        CLUSTER.kill("victim")
        client.join(timeout=120)
        self.assertRan(run["done"])
        self.assertSameProfile(self.path("fleet.pb.gz"), paths)
        self.assertIn("Files:       %d merged, 0 skipped" % len(paths), run["done"].stderr)

    def test_by_hour_buckets_by_time_nanos_and_sum_to_the_whole(self):
        # host1-20261207T0120.pb.gz: its time_nanos, set by data/gen/main.go, is 01:20 UTC.
        paths = sorted(os.path.join(ft.HOURS, f) for f in os.listdir(ft.HOURS))
        done = self.merge(paths, "--by", "hour", "--partition-size", "5", out="hours")
        self.assertRan(done)
        expected = {}
        for p in paths:
            stamp = re.search(r"-(\d{8})T(\d\d)\d\d\.pb\.gz$", p)
            day = stamp.group(1)
            expected.setdefault("%s-%s-%sT%s.pb.gz" % (day[:4], day[4:6], day[6:], stamp.group(2)), []).append(p)
        self.assertEqual(sorted(os.listdir(self.path("hours"))), sorted(expected))
        for name, members in expected.items():
            self.assertSameProfile(os.path.join(self.path("hours"), name), members)
        # The buckets merged again are the whole.
        buckets = [os.path.join(self.path("hours"), n) for n in sorted(expected)]
        whole = ft.local_merge(buckets, self.path("buckets-merged.pb.gz"), self.dir)
        self.assertSameProfile(whole, paths)
        self.assertNotIn("note:", done.stderr)

    def test_by_hour_uses_the_file_time_where_the_format_has_none(self):
        paths = PIECES[:40]
        base = calendar.timegm((2026, 12, 7, 4, 20, 0))
        for i, p in enumerate(paths):
            t = base + (i % 2) * 3600
            os.utime(p, (t, t))
        done = self.merge(paths, "--by", "hour", out="hours")
        self.assertRan(done)
        self.assertEqual(sorted(os.listdir(self.path("hours"))), ["2026-12-07T04.pb.gz", "2026-12-07T05.pb.gz"])
        self.assertSameProfile(os.path.join(self.path("hours"), "2026-12-07T05.pb.gz"), paths[1::2])
        self.assertIn("note: 40 files carry no time of their own (perf script 40): bucketed by their file's "
                      "modification time", done.stderr)

    def _bad_files(self):
        garbage = self.path("garbage.pb.gz")
        with open(garbage, "wb") as f:
            f.write(b"\x1f\x8b\x08\x00 not really gzip")
        missing = self.path("missing.perf.txt")
        paths = PIECES[:30] + [garbage] + PIECES[30:60] + [missing]
        return paths, garbage, missing

    def test_unreadable_file_fails_the_run_with_its_path(self):
        paths, garbage, missing = self._bad_files()
        done = self.merge(paths, "--partition-size", "10")
        self.assertEqual(done.returncode, 3, done.stderr)
        self.assertRegex(done.stderr, r"proflens-fleet: (%s|%s): " % (re.escape(garbage), re.escape(missing)))
        self.assertFalse(os.path.exists(self.path("fleet.pb.gz")))
        self.assertEqual([f for f in os.listdir(self.dir) if f.startswith(".fleet")], [])

    def test_skip_bad_lists_and_skips(self):
        paths, garbage, missing = self._bad_files()
        done = self.merge(paths, "--partition-size", "10", "--skip-bad")
        self.assertRan(done)
        self.assertIn("skipped %s: " % garbage, done.stderr)
        self.assertIn("skipped %s: " % missing, done.stderr)
        good = [p for p in paths if p not in (garbage, missing)]
        self.assertIn("Files:       %d merged, 2 skipped, of %d listed" % (len(good), len(paths)), done.stderr)
        self.assertSameProfile(self.path("fleet.pb.gz"), good)

    def test_labels_on_every_sample(self):
        paths = PIECES[::7]
        done = self.merge(paths, "--label", "dc=eu-1", "--label", "fleet=web", "--shared")
        self.assertRan(done)
        self.assertSameProfile(self.path("fleet.pb.gz"), paths)
        info = json.loads(ft.run_proflens("info", "--format", "json", self.path("fleet.pb.gz")).stdout)[0]
        total = info["sample_types"][0]["total"]
        self.assertEqual(info["labels"]["dc"], {"eu-1": total})
        self.assertEqual(info["labels"]["fleet"], {"web": total})

    def test_local_cluster(self):
        paths = PIECES[::5]
        done = self.merge(paths, scheduler="local:1", out="fleet.folded", separate=True)
        self.assertRan(done)
        ft.local_merge(paths, self.path("local.folded"), self.dir)
        with open(self.path("fleet.folded")) as got, open(self.path("local.folded")) as want:
            self.assertEqual(sorted(got), sorted(want))
        self.assertIn("(1 host: 127.0.0.1)", done.stderr)


if __name__ == "__main__":
    unittest.main()
