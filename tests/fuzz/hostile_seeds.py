#!/usr/bin/env python3
"""Writes the hostile seeds of issue 38 into each fuzz target's corpus.

    tests/fuzz/hostile_seeds.py CORPUS_DIR

For every reader, in its own format: a name of 100 KB, a stack (or nesting)
10,000 deep, names with ill-formed UTF-8, with markup that could end a
script or a CDATA block (`<!--<script>x`, `]]>`) and with control bytes. The
same files go into input/ and read/ too (every report draws them). They are
generated here, not committed: the big ones are hundreds of KB each. Every
seed stays under run.sh's max_len (1 MiB), so libFuzzer reads it whole.
"""
import json
import marshal
import os
import pickle
import struct
import sys
import tracemalloc

LONG = b"n" * 100_000
DEEP = 10_000
BAD = b"bad\xff\xfe\xc0\xaf\xed\xa0\x80\xf4\x90\x80\x80\x9bend"
MARKUP = b"<!--<script>x</script>]]>&amp;\xe2\x80\xa8<![CDATA[y"
CONTROL = b"ctl\x01\x1b[31mred\x1b]0;title\x07\x7f\x1b[0m"
NAMES = {"long": LONG, "bad": BAD, "markup": MARKUP, "control": CONTROL}


def dumps(value, **kwargs):
    """JSON text with the names' bytes raw (ill-formed UTF-8 as it is, not as \\udcff escapes)."""
    return json.dumps(value, ensure_ascii=False, **kwargs)


def text(name):
    """A name as a Python str, bad bytes kept as lone surrogates (written back raw by surrogateescape)."""
    return name.decode("utf-8", "surrogateescape")


def folded():
    seeds = {"%s.folded" % k: b"main;" + v + b";leaf 3\nmain;other 1\n" for k, v in NAMES.items()}
    seeds["deep.folded"] = b";".join(b"f%d" % (i % 7) for i in range(DEEP)) + b" 5\n"
    return seeds


def perf_script():
    def sample(comm, frames):
        lines = [b"%s 42/42 [000] 1.000000: 1001001 cpu-clock:ppp: " % comm]
        lines += [b"\t %x %s+0x1 (/bin/app)" % (0x401000 + i, f) for i, f in enumerate(frames)]
        return b"\n".join(lines) + b"\n\n"

    seeds = {"%s.perf.txt" % k: sample(b"app", [v, b"main"]) + sample(v[:200], [b"main"]) for k, v in NAMES.items()}
    seeds["deep.perf.txt"] = sample(b"app", [b"f%d" % (i % 7) for i in range(DEEP)])
    return seeds


def callgrind():
    head = b"# callgrind format\nevents: Ir\n"
    seeds = {"%s.callgrind" % k: head + b"fl=" + v + b"\nfn=main\n1 10\ncfn=" + v + b"\ncalls=1 2\n1 100\nfn=" + v + b"\n2 100\n"
             for k, v in NAMES.items()}
    # A chain of calls 10,000 deep, names compressed as callgrind writes them.
    body = [head, b"fl=(1) a.c\nfn=(0) f0\n1 1\n"]
    for i in range(1, DEEP):
        body.append(b"cfn=(%d) f%d\ncalls=1 1\n1 %d\nfn=(%d)\n1 1\n" % (i, i, DEEP - i, i))
    seeds["deep.callgrind"] = b"".join(body)
    return seeds


def chrome_json():
    seeds = {}
    for k, v in NAMES.items():
        events = [{"name": "main", "ph": "X", "ts": 0, "dur": 10, "pid": 1, "tid": 1},
                  {"name": text(v), "ph": "X", "ts": 1, "dur": 5, "pid": 1, "tid": 1, "cat": text(v[:100])}]
        seeds["%s.trace.json" % k] = dumps({"traceEvents": events}).encode("utf-8", "surrogateescape")
        frames = [{"name": text(v), "file": text(v[:100])}, {"name": "main"}]
        speed = {"$schema": "https://www.speedscope.app/file-format-schema.json", "shared": {"frames": frames},
                 "profiles": [{"type": "sampled", "name": text(v[:100]), "unit": "none", "startValue": 0, "endValue": 2,
                               "samples": [[1, 0]], "weights": [2]}]}
        seeds["%s.speedscope.json" % k] = dumps(speed).encode("utf-8", "surrogateescape")
    # 10,000 nested B events and their E events, and a JSON value nested 10,000 deep.
    events = ['{"ph":"B","ts":%d,"name":"f%d","pid":1,"tid":1}' % (i, i % 7) for i in range(DEEP)]
    events += ['{"ph":"E","ts":%d,"pid":1,"tid":1}' % (DEEP + i) for i in range(DEEP)]
    seeds["deep.trace.json"] = ('{"traceEvents":[' + ",".join(events) + "]}").encode()
    seeds["deep-args.trace.json"] = ('{"traceEvents":[{"name":"a","ph":"X","ts":0,"dur":1,"pid":1,"tid":1,"args":' +
                                     "[" * DEEP + "]" * DEEP + "}]}").encode()
    evented = ['{"type":"O","frame":%d,"at":%d}' % (i % 2, i) for i in range(DEEP)]
    evented += ['{"type":"C","frame":%d,"at":%d}' % ((DEEP - 1 - i) % 2, DEEP + i) for i in range(DEEP)]
    seeds["deep.speedscope.json"] = ('{"$schema":"https://www.speedscope.app/file-format-schema.json","shared":{"frames":'
                                     '[{"name":"a"},{"name":"b"}]},"profiles":[{"type":"evented","unit":"none",'
                                     '"startValue":0,"endValue":%d,"events":[%s]}]}' % (2 * DEEP, ",".join(evented))).encode()
    return seeds


def v8():
    def node(i, name, children):
        return {"id": i, "callFrame": {"functionName": name, "scriptId": "1", "url": "file:///a.js", "lineNumber": 1,
                                       "columnNumber": 1}, "hitCount": 1, "children": children}

    seeds = {}
    for k, v in NAMES.items():
        profile = {"nodes": [node(1, "(root)", [2]), node(2, text(v), [])], "startTime": 0, "endTime": 100,
                   "samples": [2, 2], "timeDeltas": [10, 10]}
        profile["nodes"][1]["callFrame"]["url"] = text(v[:200])
        seeds["%s.cpuprofile" % k] = dumps(profile).encode("utf-8", "surrogateescape")
        log = {"code": [{"name": text(v) + " /a.js:1:1", "type": "JS", "kind": "Opt"},
                        {"name": text(v[:200]), "type": "SHARED_LIB"}], "functions": [], "ticks": [{"tm": 5, "vm": 0, "s": [0, 3, 1, 7]}]}
        seeds["%s.proflog.json" % k] = dumps(log).encode("utf-8", "surrogateescape")
    # A chain of 10,000 nodes as a .cpuprofile (its children point down), and a tick 10,000 frames deep.
    nodes = ['{"id":%d,"callFrame":{"functionName":"f%d","url":""},"children":[%s]}' % (i, i % 7, i + 1 if i < DEEP else "")
             for i in range(1, DEEP + 1)]
    seeds["deep.cpuprofile"] = ('{"nodes":[%s],"startTime":0,"endTime":10,"samples":[%d],"timeDeltas":[1]}'
                                % (",".join(nodes), DEEP)).encode()
    stack = ",".join("%d,%d" % (i % 3, 16 * i) for i in range(DEEP))
    seeds["deep.proflog.json"] = ('{"code":[{"name":"a /a.js:1:1","type":"JS","kind":"Opt"},{"name":"b /a.js:2:1","type":"JS",'
                                  '"kind":"Opt"},{"name":"c","type":"CPP"}],"functions":[],"ticks":[{"tm":5,"vm":0,"s":[%s]}]}'
                                  % stack).encode()
    return seeds


def firefox():
    def gecko(strings, stacks, frames, samples):
        thread = {"name": "GeckoMain", "processType": "default", "pid": 1, "tid": 1,
                  "samples": {"schema": {"stack": 0, "time": 1}, "data": samples},
                  "stackTable": {"schema": {"prefix": 0, "frame": 1}, "data": stacks},
                  "frameTable": {"schema": {"location": 0, "implementation": 1, "line": 2}, "data": frames},
                  "stringTable": strings}
        return {"meta": {"version": 20, "interval": 1, "startTime": 0, "stackwalk": 1, "processType": 0}, "threads": [thread]}

    seeds = {}
    for k, v in NAMES.items():
        profile = gecko(["(root)", text(v) + " (https://a/app.js:1:2)", text(v)], [[None, 0], [0, 1], [1, 2]],
                        [[0, None, None], [1, None, 1], [2, None, None]], [[2, 0.5], [1, 1.5]])
        profile["threads"][0]["name"] = text(v[:200])
        seeds["%s.gecko.json" % k] = dumps(profile).encode("utf-8", "surrogateescape")
    stacks = [[None, 0]] + [[i - 1, i % 3] for i in range(1, DEEP)]
    profile = gecko(["(root)", "f1", "f2"], stacks, [[0, None, None], [1, None, None], [2, None, None]],
                    [[DEEP - 1, 0], [DEEP // 2, 1]])
    seeds["deep.gecko.json"] = dumps(profile, separators=(",", ":")).encode()
    return seeds


def austin():
    head = b"# austin: 3.0.0\n# interval: 100\n# mode: wall\n\n"
    seeds = {"%s.austin" % k: head + b"P1;T1;/a.py:main:1;/a.py:" + v + b":2 100\nP1;T1;/" + v[:200] + b".py:f:3 5\n"
             for k, v in NAMES.items()}
    seeds["deep.austin"] = head + b"P1;T1;" + b";".join(b"/a.py:f%d:%d" % (i % 7, i % 7) for i in range(DEEP)) + b" 10\n"
    seeds["deep1.austin"] = b"Thread 7f0;" + b";".join(b"f%d (a.py);L%d" % (i % 7, i % 7) for i in range(DEEP)) + b" 10\n"
    return seeds


def pstats():
    def stats(entries):
        return marshal.dumps(entries)

    seeds = {}
    for k, v in NAMES.items():
        name = text(v)
        main, leaf = ("a.py", 1, "main"), (name[:200] + ".py", 2, name)
        seeds["%s.prof" % k] = stats({main: (1, 1, 0.1, 0.5, {}), leaf: (2, 2, 0.4, 0.4, {main: (2, 2, 0.4, 0.4)})})
    # A call chain 10,000 deep: f(i) called by f(i-1).
    entries = {}
    for i in range(DEEP):
        callers = {("a.py", i - 1, "f%d" % (i - 1)): (1, 1, 0.001, 0.001 * (DEEP - i))} if i else {}
        entries[("a.py", i, "f%d" % i)] = (1, 1, 0.001, 0.001 * (DEEP - i), callers)
    seeds["deep.prof"] = stats(entries)
    return seeds


def pickle_seeds():
    # tracemalloc snapshots as Snapshot.dump writes them (pickle protocol 4, as the stdlib's).
    def snapshot(traces, limit):
        return pickle.dumps(tracemalloc.Snapshot(traces, limit), pickle.HIGHEST_PROTOCOL)

    seeds = {}
    for k, v in NAMES.items():
        frames = ((text(v), 3), ("a.py", 1))
        seeds["%s.pickle" % k] = snapshot([(0, 64, frames, 2)], 10)
    seeds["deep.pickle"] = snapshot([(0, 64, tuple(("a%d.py" % (i % 7), i) for i in range(DEEP)), DEEP)], DEEP)
    return seeds


def varint(n):
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        out.append(b | (0x80 if n else 0))
        if not n:
            return bytes(out)


def field(number, payload):
    """A length-delimited protobuf field."""
    return varint(number << 3 | 2) + varint(len(payload)) + payload


def packed(number, values):
    return field(number, b"".join(varint(v) for v in values))


def pprof_profile(strings, functions, stacks):
    """profile.proto: sample_type 1, sample 2, location 4, function 5, string_table 6."""
    out = field(1, varint(1 << 3) + varint(1) + varint(2 << 3) + varint(2))  # type "samples", unit "count"
    for stack in stacks:
        out += field(2, packed(1, stack) + packed(2, [1]))
    for fid, (name, filename) in enumerate(functions, 1):
        out += field(4, varint(1 << 3) + varint(fid) + field(4, varint(1 << 3) + varint(fid)))
        out += field(5, varint(1 << 3) + varint(fid) + varint(2 << 3) + varint(name) + varint(4 << 3) + varint(filename))
    for s in [b"", b"samples", b"count"] + strings:
        out += field(6, s)
    return out


def pprof():
    seeds = {}
    for k, v in NAMES.items():
        seeds["%s.pb" % k] = pprof_profile([b"main", v, v[:200]], [(3, 5), (4, 5)], [[2, 1]])
    seeds["deep.pb"] = pprof_profile([b"f0", b"f1", b"f2", b"a.c"], [(3, 6), (4, 6), (5, 6)], [[1 + i % 3 for i in range(DEEP)]])
    return seeds


def perf_data():
    """perf.data as perf lays it out: one attr, then COMM, MMAP and SAMPLE records."""
    u64 = lambda v: struct.pack("<Q", v)

    def record(kind, body, misc=2):
        return struct.pack("<IHH", kind, misc, 8 + len(body)) + body

    def padded(name):
        name += b"\0"
        return name + b"\0" * (-len(name) % 8)

    def comm(name):
        return record(3, struct.pack("<II", 42, 42) + padded(name))

    def mmap(name):
        return record(1, struct.pack("<II", 42, 42) + u64(0x400000) + u64(0x100000) + u64(0) + padded(name))

    def sample(chain):
        body = u64(0x401000) + struct.pack("<II", 42, 42) + u64(1000) + u64(1) + u64(len(chain)) + b"".join(map(u64, chain))
        return record(9, body)

    def file(records):
        attr_at, attr_size = 104, 128 + 16
        data_at = attr_at + attr_size
        attr = struct.pack("<IIQQ", 1, 128, 0, 1 | 2 | 4 | 32 | 256).ljust(128, b"\0")
        header = b"PERFILE2" + b"".join(map(u64, [104, attr_size, attr_at, attr_size, data_at, len(records), 0, 0, 0, 0, 0, 0]))
        return header + attr + u64(0) + u64(0) + records

    chain = [0x401000, 0x401100]
    seeds = {}
    for k, v in NAMES.items():
        name = v[:60000]  # a record holds at most 64 KB
        seeds["%s.data" % k] = file(comm(name[:200]) + mmap(name) + sample(chain))
    deep = [0xFFFFFFFFFFFFFE00] + [0x401000 + 16 * (i % 7) for i in range(8000)]  # PERF_CONTEXT_USER, then 8,000 frames
    seeds["deep.data"] = file(comm(b"app") + mmap(b"/bin/app") + sample(deep))
    return seeds


def pprof_legacy():
    # Go's debug=1 mutex text: names in the '#' lines, a memory map naming files.
    def mutex(name, addresses):
        lines = [b"--- mutex:", b"cycles/second=2600026845", b"sampling period=1",
                 b"1522042142 786 @ " + b" ".join(b"0x%x" % a for a in addresses)]
        lines += [b"#\t0x%x\t%s+0x1\t/a/%s.go:%d" % (a - 1, name, name[:200], i) for i, a in enumerate(addresses[:3])]
        lines += [b"--- Memory map: ---", b"00400000-00500000 r-xp 00000000 00:00 0  /bin/" + name[:4000]]
        return b"\n".join(lines) + b"\n"

    seeds = {"%s.mutex" % k: mutex(v, [0x401000, 0x401100]) for k, v in NAMES.items()}
    seeds["deep.mutex"] = mutex(b"main.f", [0x401000 + 16 * (i % 7) for i in range(DEEP)])
    return seeds


def rules():
    seeds = {"%s.rule" % k: b'flat("' + v + b'") < 5%' for k, v in NAMES.items()}
    seeds["deep.rule"] = b"(" * DEEP + b"total > 1" + b")" * DEEP
    seeds["deep-not.rule"] = b"not " * DEEP + b"total > 1"
    return seeds


def main():
    corpus = sys.argv[1]
    readers = {"folded": folded(), "perf_script": perf_script(), "callgrind": callgrind(), "json": chrome_json(),
               "v8": v8(), "firefox": firefox(), "austin": austin(), "pstats": pstats(), "pickle": pickle_seeds(),
               "pprof": pprof(), "pprof_legacy": pprof_legacy(), "perf_data": perf_data()}
    written = 0
    for target, seeds in list(readers.items()) + [("rule", rules()), ("parse_rule", rules())]:
        dirs = [target] + (["input", "read"] if target in readers else [])
        for name, data in seeds.items():
            assert len(data) <= 1 << 20, (target, name, len(data))
            for d in dirs:
                os.makedirs(os.path.join(corpus, d), exist_ok=True)
                with open(os.path.join(corpus, d, "hostile-" + name), "wb") as out:
                    out.write(data)
                written += 1
    print("hostile seeds: %d files" % written)


if __name__ == "__main__":
    main()
