#!/usr/bin/env python3
"""Synthetic large inputs for tests/bench/compare_peers.sh (never committed).

  gen_inputs.py folded OUT STACKS     folded stacks: STACKS distinct walks down a call
                                      graph of 20k functions calling 2-6 others each
  gen_inputs.py pstats OUT FUNCTIONS  a cProfile file (marshal, as dump_stats
                                      writes it) of FUNCTIONS functions, each with
                                      a few callers and consistent times

Deterministic (fixed seed), so runs compare.
"""
import marshal, random, sys

def names(n, rng):
    parts = ["parse", "read", "write", "encode", "decode", "hash", "lookup", "alloc", "flush",
             "compress", "render", "layout", "dispatch", "handle", "visit", "emit", "scan", "sort"]
    mods = ["http", "json", "db", "cache", "io", "net", "gc", "ui", "sched", "fs", "rpc", "log"]
    out = []
    for i in range(n):
        out.append("%s::%s_%s_%d" % (rng.choice(mods), rng.choice(parts), rng.choice(parts), i))
    return out

def folded(path, stacks):
    rng = random.Random(7)
    funcs = ["%s_%d" % (n.split("::")[1].split("_")[0], i) for i, n in enumerate(names(20000, rng))]
    # A program's call graph: each function calls 2 to 6 others further down
    # the list; stacks are walks down it from one of a few roots.
    callees = [[i + 1 + rng.randrange(min(len(funcs) - i - 1, 2000)) for _ in range(rng.randint(2, 6))]
               if i + 1 < len(funcs) else [] for i in range(len(funcs))]
    seen = set()
    with open(path, "w") as f:
        while len(seen) < stacks:
            walk = [rng.randrange(50)]
            for _ in range(rng.randint(3, 16)):
                if not callees[walk[-1]]:
                    break
                walk.append(rng.choice(callees[walk[-1]]))
            key = "main;" + ";".join(funcs[i] for i in walk)
            if key in seen:
                continue
            seen.add(key)
            f.write("%s %d\n" % (key, rng.randint(1, 5000)))

def pstats(path, functions):
    rng = random.Random(11)
    files = ["/srv/app/%s/module_%d.py" % (m, i) for i in range(400) for m in ("core", "api", "util")]
    funcs = [(rng.choice(files), rng.randint(1, 4000), n.split("::")[1]) for n in names(functions, rng)]
    stats = {}
    for i, func in enumerate(funcs):
        nc = rng.randint(1, 100000)
        cc = nc if rng.random() < 0.9 else max(1, nc // rng.randint(2, 50))
        tt = rng.randint(1, 10 ** 7) * 1e-9
        callers = {}
        for _ in range(rng.randint(1, 6)):
            caller = funcs[rng.randrange(max(1, i))] if i else ("~", 0, "<built-in method builtins.exec>")
            share = rng.randint(1, nc)
            callers[caller] = (share, min(share, cc), tt * share / nc, tt * share / nc * 3)
        stats[func] = (cc, nc, tt, tt * 3, callers)
    total = sum(v[3] for v in stats.values())
    stats[("~", 0, "<built-in method builtins.exec>")] = (1, 1, 1e-6, total, {})
    with open(path, "wb") as f:
        marshal.dump(stats, f)

if __name__ == "__main__":
    kind, out, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
    {"folded": folded, "pstats": pstats}[kind](out, n)
