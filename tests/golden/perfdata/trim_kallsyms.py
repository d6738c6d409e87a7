#!/usr/bin/env python3
"""Prints the lines of KALLSYMS that symbolize the kernel addresses perf
script printed (read on stdin: "ip (dso)" lines) exactly as the whole file
does: perf keeps text, weak, data and bss symbols, and a symbol runs to the
next address that has one, so each address needs the symbols at its own
symbol's address and at the next one."""
import bisect
import sys

wanted = set()
for line in sys.stdin:
    parts = line.split()
    if len(parts) >= 2 and parts[-1] == "([kernel.kallsyms])":
        wanted.add(int(parts[0], 16))

lines = []
for line in open(sys.argv[1]):
    fields = line.split()
    if len(fields) >= 3 and fields[1].upper() in "TWDB":
        lines.append((int(fields[0], 16), line))
starts = sorted({start for start, _ in lines})
keep = set()
for address in wanted:
    i = bisect.bisect_right(starts, address) - 1
    if i >= 0:
        keep.add(starts[i])
    if i + 1 < len(starts):
        keep.add(starts[i + 1])
sys.stdout.write("".join(line for start, line in lines if start in keep))
