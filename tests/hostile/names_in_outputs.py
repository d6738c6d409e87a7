#!/usr/bin/env python3
"""Hostile names through every output that shows or embeds them.

Names holding markup ("<!--<script>x", "</script>", "]]>"), U+2028, ill-formed
UTF-8 and control characters ("\\x01\\x1b[31m") are written into folded,
perf script, callgrind and Chrome trace inputs (and a pprof file converted
from the folded one) and a rules file, then every output is parsed:
  - the report's HTML: the parser sees exactly the template's two scripts,
    the data script parses as JSON and holds no '<', and the names are there;
  - flame SVGs (also --reverse) and call-graph SVGs: xml.etree parses them,
    with one script each, and data-name holds the names;
  - JUnit: xml.etree parses it, rule names included;
  - JSON and CSV: json and csv parse them;
  - DOT, and every output: well-formed UTF-8;
  - text for a terminal (top, peek, diff, check, info): no control byte but
    newline, no C1 control.
    tests/hostile/names_in_outputs.py PROFLENS_BINARY     (CTest: hostile_names_in_outputs)
"""
import csv
import html.parser
import io
import json
import os
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

proflens = sys.argv[1]
failures = []

MARKUP = ["<!--<script>x", "</script><script>x=1</script>", "]]>&amp;\"'", "line\u2028sep\u2029x", "<![CDATA[y"]
RAW = [b"bad\xff\xfe\xc0end", b"cut\xe2\x82", b"c1\xc2\x9b31m", b"surrogate\xed\xa0\x80"]
# Text formats with control bytes are not text (detection refuses them, exit
# 3); JSON carries them escaped, and the pprof file is converted from it.
CONTROL = [b"\x01\x1b[31mred\x1b[0m", b"tab\tnew\nline\x7f"]
NAMES = [m.encode() for m in MARKUP] + RAW


def fail(what):
    failures.append(what)
    print("FAIL:", what)


def run(args, codes=(0,)):
    p = subprocess.run([proflens] + args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=120)
    if p.returncode not in codes:
        fail("%s: exit %d: %s" % (" ".join(args), p.returncode, p.stderr[:300]))
    return p.stdout


def utf8(what, data):
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        fail("%s: ill-formed UTF-8: %s" % (what, e))
        return data.decode("utf-8", "replace")


def terminal(what, data):
    text = utf8(what, data)
    for c in text:
        if (ord(c) < 0x20 and c not in "\n\t") or 0x7f <= ord(c) < 0xa0:  # peek's header has tabs, as pprof's
            fail("%s: a raw control character U+%04X reaches the terminal" % (what, ord(c)))
            return


def xml_file(what, path, scripts):
    data = open(path, "rb").read()
    utf8(what, data)
    try:
        root = ET.fromstring(data)
    except ET.ParseError as e:
        fail("%s: not well-formed XML: %s" % (what, e))
        return None
    found = sum(1 for el in root.iter() if el.tag.endswith("script"))
    if scripts is not None and found != scripts:
        fail("%s: %d script elements, expected %d" % (what, found, scripts))
    return root


class Scripts(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.scripts, self.current = [], None

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            self.current = [dict(attrs), ""]

    def handle_data(self, data):
        if self.current is not None:
            self.current[1] += data

    def handle_endtag(self, tag):
        if tag == "script" and self.current is not None:
            self.scripts.append(self.current)
            self.current = None


def report(what, path):
    text = utf8(what, open(path, "rb").read())
    parser = Scripts()
    parser.feed(text)
    parser.close()
    if len(parser.scripts) != 2 or parser.current is not None:
        fail("%s: the HTML parser sees %d scripts (expected the template's 2)" % (what, len(parser.scripts)))
        return
    attrs, data = parser.scripts[0]
    if attrs.get("type") != "application/json" or "<" in data or "\u2028" in data or "\u2029" in data:
        fail("%s: the data script holds '<', U+2028 or U+2029" % what)
    try:
        doc = json.loads(data)
    except ValueError as e:
        fail("%s: the data is not JSON: %s" % (what, e))
        return
    names = json.dumps(doc)
    # (The name policy shows "a<b>c" as C++ "ac" for pprof and perf inputs,
    # so only the name the audit found is looked for everywhere.)
    for m in MARKUP[:1]:
        if json.dumps(m)[1:-1] not in names:
            fail("%s: the name %r is not in the data" % (what, m))
    if "proflensReport" not in parser.scripts[1][1] and len(parser.scripts[1][1]) < 1000:
        fail("%s: the report's own script is not whole" % what)


def main():
    d = tempfile.mkdtemp()
    os.chdir(d)
    folded = b"".join(b"main;" + n + b" %d\n" % (10 + i) for i, n in enumerate(NAMES))
    open("x.folded", "wb").write(folded)
    open("base.folded", "wb").write(b"".join(b"main;" + n + b" 5\n" for n in NAMES))
    perf = b"".join(b"app 1/1 [000] 1.%06d: 1000 cpu-clock:\n\t 1000 " % i + n + b" (/bin/app)\n\t 2000 main (/bin/app)\n\n"
                    for i, n in enumerate(NAMES))
    open("x.perf.txt", "wb").write(perf)
    cg = b"events: Ir\nfl=a.c\nfn=main\n1 10\n" + b"".join(b"cfn=" + n + b"\ncalls=1 2\n1 100\n" for n in NAMES)
    cg += b"".join(b"fn=" + n + b"\n2 100\n" for n in NAMES)
    open("x.callgrind", "wb").write(cg)
    events = [{"name": n.decode("utf-8", "surrogateescape"), "ph": "X", "ts": i * 10, "dur": 5, "pid": 1, "tid": 1}
              for i, n in enumerate([m.encode() for m in MARKUP] + CONTROL)]  # JSON input must be UTF-8
    open("x.json", "wb").write(json.dumps({"traceEvents": events}, ensure_ascii=False).encode("utf-8", "surrogateescape"))
    # A rule's name holds none of "'()<>=! (else it is read as an expression).
    rule_names = RAW + [b"amp & ]] x", b"esc \x1b[31m x \x01"]
    rules = b"".join(b"rule " + n + b": cum(\"main\") < 1%\n" for n in rule_names)
    open("rules.txt", "wb").write(rules)
    run(["convert", "x.json", "-o", "x.pb.gz"])

    inputs = ["x.folded", "x.perf.txt", "x.callgrind", "x.json", "x.pb.gz"]
    for f in inputs:
        stacks = f != "x.callgrind"
        run(["report", f, "-o", f + ".html"])
        report("report " + f, f + ".html")
        run(["dot", f, "-o", f + ".svg"])
        xml_file("dot -o svg " + f, f + ".svg", 1)
        run(["dot", f, "-o", f + ".dot"])
        utf8("dot " + f, open(f + ".dot", "rb").read())
        if stacks:
            for extra in ([], ["--reverse"]):
                run(["flame", f, "-o", f + ".flame.svg"] + extra)
                root = xml_file("flame %s %s" % (" ".join(extra), f), f + ".flame.svg", 1)
                if root is not None:
                    shown = {el.get("data-name") for el in root.iter() if el.get("data-name") is not None}
                    for m in MARKUP[:1]:
                        if m not in shown:
                            fail("flame %s: the frame %r is not in data-name" % (f, m))
        for what, args in (("top", ["top", f]), ("peek", ["peek", f, "."]), ("info", ["info", f]),
                           ("diff", ["diff", "base.folded", f]),
                           ("check", ["check", f, "--rules", "rules.txt"])):
            terminal(what + " " + f, run(args, (0, 1)))
        json.loads(utf8("top json " + f, run(["top", f, "--format", "json"])))
        list(csv.reader(io.StringIO(utf8("top csv " + f, run(["top", f, "--format", "csv"])), newline="")))
        json.loads(utf8("diff json " + f, run(["diff", "base.folded", f, "--format", "json"])))
        list(csv.reader(io.StringIO(utf8("diff csv " + f, run(["diff", "base.folded", f, "--format", "csv"])), newline="")))
        json.loads(utf8("check json " + f, run(["check", f, "--rules", "rules.txt", "--json"], (0, 1))))
        run(["check", f, "--rules", "rules.txt", "--junit", f + ".junit.xml"], (0, 1))
        root = xml_file("junit " + f, f + ".junit.xml", None)
        if root is not None and len(list(root.iter("testcase"))) != len(rule_names):
            fail("junit %s: %d test cases, expected %d" % (f, len(list(root.iter("testcase"))), len(rule_names)))
    run(["report", "x.folded", "--base", "base.folded", "--rules", "rules.txt", "-o", "diff.html"], (0, 1))
    report("report --base --rules", "diff.html")
    print("%d failures" % len(failures))
    return 1 if failures else 0


sys.exit(main())
