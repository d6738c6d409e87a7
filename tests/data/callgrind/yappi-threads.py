# Recorded for tests/formats/callgrind/callgrind_test.cpp with Debian's python3-yappi 1.4:
#   cd /tmp/yappi && /usr/bin/python3 yappi-threads.py  (writes yappi-threads.callgrind)
import yappi, threading

def parse_line(s):
    return sum(int(x) for x in s.split(","))

def parse_all(lines):
    return sum(parse_line(l) for l in lines)

def worker(n):
    lines = ["%d,%d,%d" % (i, i * 2, i * 3) for i in range(n)]
    return parse_all(lines)

def main():
    yappi.set_clock_type("cpu")
    yappi.start()
    ts = [threading.Thread(target=worker, args=(200000,)) for _ in range(2)]
    for t in ts: t.start()
    worker(100000)
    for t in ts: t.join()
    yappi.stop()
    yappi.get_func_stats().save("yappi-threads.callgrind", type="callgrind")

main()
