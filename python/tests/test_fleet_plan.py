"""The pieces of proflens_fleet that need no cluster: the list, partition
sizes, placement on hosts, bucket names, error parsing, option checks."""

import argparse
import io
import os
import tempfile
import unittest

import fleet_testing  # noqa: F401  (puts python/ on sys.path)
from proflens_fleet import cli, plan, worker_tasks
from proflens_fleet.cluster import UsageError, parse_scheduler
from proflens_fleet.driver import _index_ranges


class FileListTest(unittest.TestCase):
    def test_lines_trimmed_blank_skipped_relative_made_absolute(self):
        with tempfile.TemporaryDirectory() as d:
            listing = os.path.join(d, "l")
            with open(listing, "wb") as f:
                f.write(b"  /a/one.pb.gz\t\r\n\n   \nrel/two.txt\n/three")
            files = plan.FileList(listing)
            self.assertEqual(files.count, 3)
            self.assertEqual(list(files), ["/a/one.pb.gz", os.path.join(os.getcwd(), "rel/two.txt"), "/three"])
            self.assertEqual(list(files), list(files))  # streamed again, the same

    def test_standard_input_is_spooled(self):
        class Stdin:
            buffer = io.BytesIO(b"/x\n/y\n")

        files = plan.FileList("-", stdin=Stdin())
        try:
            self.assertEqual((files.count, list(files)), (2, ["/x", "/y"]))
            spool = files.path
        finally:
            files.close()
        self.assertFalse(os.path.exists(spool))


class PartitionTest(unittest.TestCase):
    def test_size(self):
        self.assertEqual(plan.partition_size(100000, 2), 12500)  # 8 partitions: 4 a worker
        self.assertEqual(plan.partition_size(1000000, 2), 20000)  # capped
        self.assertEqual(plan.partition_size(300, 2), 38)  # 8 partitions: 4 a worker
        self.assertEqual(plan.partition_size(3, 4), 1)
        self.assertEqual(plan.partition_size(100000, 2, requested=50), 50)

    def test_chunks(self):
        self.assertEqual(list(plan.chunks(iter(range(7)), 3)), [[0, 1, 2], [3, 4, 5], [6]])
        self.assertEqual(list(plan.chunks([], 3)), [])


class PlacementTest(unittest.TestCase):
    def test_each_file_goes_to_the_host_that_has_it(self):
        p = plan.Placement(2)
        found = {"10.0.0.1": [(10, 1), None, (30, 3)], "10.0.0.2": [None, (20, 2), None]}
        ready, missing, conflicts = p.add(["/a", "/b", "/c"], found)
        self.assertEqual((ready, missing, conflicts), ([("10.0.0.1", ["/a", "/c"])], [], []))
        self.assertEqual(p.flush(), [("10.0.0.2", ["/b"])])
        self.assertEqual(p.flush(), [])

    def test_shared_files_are_balanced(self):
        p = plan.Placement(10)
        same = [(5, 7)] * 4
        p.add(["/1", "/2", "/3", "/4"], {"h1": same, "h2": same})
        self.assertEqual(p.flush(), [("h1", ["/1", "/3"]), ("h2", ["/2", "/4"])])

    def test_missing_and_conflicting(self):
        p = plan.Placement(10)
        ready, missing, conflicts = p.add(["/gone", "/two"], {"h1": [None, (5, 1)], "h2": [None, (6, 1)]})
        self.assertEqual(missing, ["/gone"])
        self.assertEqual(conflicts, [("/two", {"h1": (5, 1), "h2": (6, 1)})])
        self.assertEqual(p.flush(), [])


class WorkerTaskTest(unittest.TestCase):
    def test_reading_error_names_the_longest_listed_path(self):
        stderr = ("proflens: reading /d/a.pb.gz.old: line 3: expected a frame\n")
        self.assertEqual(worker_tasks._reading_error(stderr, ["/d/a.pb.gz", "/d/a.pb.gz.old"]),
                         ("/d/a.pb.gz.old", "line 3: expected a frame"))
        self.assertEqual(worker_tasks._reading_error("proflens: cannot merge x with y\n", ["x"]), (None, None))

    def test_buckets_are_utc(self):
        nanos = 1796612400 * 10**9 + 5  # 2026-12-07T03:00:00Z
        self.assertEqual(worker_tasks._bucket(nanos, "hour"), "2026-12-07T03")
        self.assertEqual(worker_tasks._bucket(nanos - 6, "hour"), "2026-12-07T02")
        self.assertEqual(worker_tasks._bucket(nanos, "day"), "2026-12-07")

    def test_error_travels_with_its_path(self):
        import pickle

        e = pickle.loads(pickle.dumps(worker_tasks.FleetTaskError("/p: bad", path="/p")))
        self.assertEqual((e.message, e.path, e.fleet_error), ("/p: bad", "/p", True))


class OptionsTest(unittest.TestCase):
    def check(self, *argv):
        options = cli._parser().parse_args(["merge", "--files-from", "l"] + list(argv))
        cli._check(options)
        return options

    def test_scheduler(self):
        self.assertEqual(parse_scheduler("local"), ("local", None))
        self.assertEqual(parse_scheduler("local:3"), ("local", 3))
        self.assertEqual(parse_scheduler("tcp://10.0.0.1:8786"), ("remote", "tcp://10.0.0.1:8786"))
        self.assertEqual(parse_scheduler("10.0.0.1:8786"), ("remote", "10.0.0.1:8786"))
        for bad in ("local:0", "tcp://host", "sched", "local:x"):
            with self.assertRaises(UsageError):
                parse_scheduler(bad)

    def test_outputs_and_labels(self):
        self.assertEqual(self.check("--scheduler", "local", "-o", "x.folded", "--label", "dc=eu-1").labels,
                         ["dc=eu-1"])
        self.check("--scheduler", "local", "-o", "callgrind.out.fleet")
        with self.assertRaises(UsageError):
            self.check("--scheduler", "local", "-o", "x.txt")
        with self.assertRaises(UsageError):
            self.check("--scheduler", "local", "-o", "x.pb.gz", "--label", "novalue")
        with tempfile.NamedTemporaryFile() as f, self.assertRaises(UsageError):
            self.check("--scheduler", "local", "-o", f.name, "--by", "hour")

    def test_partition_names_in_messages(self):
        self.assertEqual(_index_ranges({0, 1, 2, 3, 7, 9, 10}), "0-3, 7, 9-10")


if __name__ == "__main__":
    unittest.main()
