# A small threaded workload for Austin captures (samples/README.md): parse and
# leaf burn CPU, alloc allocates lists; a worker thread runs beside the main one.
import threading

def leaf(n):
    s = 0
    for i in range(n):
        s += i * i
    return s

def parse(n):
    return leaf(n) + sum(len(str(i)) for i in range(n // 4))

def alloc(n):
    return [list(range(100)) for _ in range(n)]

def worker():
    for _ in range(30):
        parse(20000)
        alloc(300)

def main():
    t = threading.Thread(target=worker)
    t.start()
    for _ in range(40):
        parse(30000)
        alloc(200)
    t.join()

main()
