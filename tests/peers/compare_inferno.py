#!/usr/bin/env python3
"""Runs proflens on inferno's own test inputs and compares with inferno's
expected outputs (a peer check made by hand, not part of CTest: the inputs
are inferno's, so they are read from a checkout, never copied here).

    tests/peers/compare_inferno.py INFERNO_CHECKOUT [PROFLENS_BINARY]

collapse-perf: every tests/data/collapse-perf/<input>.txt with an expected
results/<input>-collapsed[-<options>].txt is converted with
`proflens convert --to folded [--options]` and compared line by line
(sorted). flamegraph: every folded input under tests/data/flamegraph/ that
has an .svg beside it is drawn with `proflens flame` and the multiset of
(frame, count) in the two SVGs' titles is compared. Prints one line per
input: same, differs (with the first differences), or refused (exit code).
"""
import collections
import html
import os
import re
import subprocess
import sys

inferno = sys.argv[1]
proflens = sys.argv[2] if len(sys.argv) > 2 else os.path.join(os.path.dirname(__file__), "../../build/proflens")


def run(args):
    return subprocess.run([proflens] + args, capture_output=True, text=True, errors="replace")


def sorted_lines(text):
    return sorted(line for line in text.splitlines() if line.strip())


def collapse_perf():
    data = os.path.join(inferno, "tests/data/collapse-perf")
    results = os.path.join(data, "results")
    for name in sorted(os.listdir(results)):
        m = re.match(r"(.*)-collapsed(?:-(.*))?\.txt$", name)
        if not m:
            continue
        source = os.path.join(data, m.group(1) + ".txt")
        if not os.path.exists(source):
            continue
        options = [] if not m.group(2) else ["--" + o for o in m.group(2).split("+")]
        got = run(["convert", source, "--to", "folded"] + options)
        label = "collapse-perf %s %s" % (m.group(1), " ".join(options))
        if got.returncode != 0:
            print("%-70s refused (exit %d): %s" % (label, got.returncode, got.stderr.strip()[:120]))
            continue
        want = sorted_lines(open(os.path.join(results, name), errors="replace").read())
        have = sorted_lines(got.stdout)
        if want == have:
            print("%-70s same (%d lines)" % (label, len(want)))
        else:
            missing = [l for l in want if l not in set(have)][:2]
            extra = [l for l in have if l not in set(want)][:2]
            print("%-70s differs: %d vs %d lines; inferno only: %s; proflens only: %s" %
                  (label, len(want), len(have), missing, extra))


# "name (1,234 samples, 5.6%)" (inferno) or "name (1234, 5.6%)", "name (291us, 5.6%)" (proflens).
TITLE = re.compile(r"<title>(.*?) \(([\d,.]+)[a-zA-Z\u00b5]*(?: samples)?, [\d.]+%\)</title>")


def titles(svg):
    return collections.Counter((html.unescape(m.group(1)), m.group(2).replace(",", "")) for m in TITLE.finditer(svg))


def compare_flame(label, inputs, svg):
    """proflens's flame graph of `inputs` beside inferno's `svg`: the (frame, count) titles."""
    got = run(["flame"] + inputs + ["--symbols", "full", "-o", "-"])
    if got.returncode != 0:
        print("%-70s refused (exit %d): %s" % (label, got.returncode, got.stderr.strip()[:120]))
        return
    want = titles(open(svg, errors="replace").read())
    have = titles(got.stdout)
    if want == have:
        print("%-70s same (%d frames)" % (label, sum(want.values())))
    else:
        print("%-70s differs: inferno only %s; proflens only %s" %
              (label, list((want - have).items())[:2], list((have - want).items())[:2]))


def flamegraph():
    root = os.path.join(inferno, "tests/data/flamegraph")
    for folder in sorted(os.listdir(root)):
        path = os.path.join(root, folder)
        inputs = [f for f in sorted(os.listdir(path)) if f.endswith(".txt")]
        svgs = [f for f in sorted(os.listdir(path)) if f.endswith(".svg")]
        # flamechart draws in time order (inferno's --flamechart), which proflens does not.
        if len(inputs) != 1 or not svgs or folder == "flamechart":
            continue
        source = os.path.join(path, inputs[0])
        # The SVG named after the input (or the folder's default one) is inferno's plain drawing.
        plain = [s for s in svgs if s[:-4] == inputs[0][:-4]] or [s for s in svgs if s in ("flame.svg", "default.svg")]
        if not plain:
            continue
        compare_flame("flamegraph %s/%s vs %s" % (folder, inputs[0], plain[0]), [source], os.path.join(path, plain[0]))


# Drawings of inferno's tests with default options whose input sits elsewhere.
PAIRS = [
    (["unsorted-input/perf-vertx-stacks-01-collapsed-all-unsorted.txt"], "perf-vertx-stacks/perf-vertx-stacks-01-collapsed-all.svg"),
    (["multiple-inputs/perf-vertx-stacks-01-collapsed-all-unsorted-1.txt",
      "multiple-inputs/perf-vertx-stacks-01-collapsed-all-unsorted-2.txt"], "perf-vertx-stacks/perf-vertx-stacks-01-collapsed-all.svg"),
    (["../collapse-perf/results/example-perf-stacks-collapsed.txt"], "example-perf-stacks/example-perf-stacks.svg"),
]


def flamegraph_pairs():
    root = os.path.join(inferno, "tests/data/flamegraph")
    for inputs, svg in PAIRS:
        paths = [os.path.join(root, i) for i in inputs]
        if not all(os.path.exists(p) for p in paths):
            continue
        label = "flamegraph %s vs %s" % (" + ".join(os.path.basename(i) for i in inputs), svg)
        compare_flame(label, paths, os.path.join(root, svg))


collapse_perf()
flamegraph()
flamegraph_pairs()
