import json


def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


class Parser:
    def parse(self, text):
        return [json.loads(line) for line in text]


def transform(rows):
    return {r["k"]: (lambda v: v * 2)(r["v"]) for r in rows}


def main():
    text = ['{"k": %d, "v": %d}' % (i, i) for i in range(20000)]
    total = 0
    for _ in range(10):
        rows = Parser().parse(text)
        out = transform(rows)
        total += sum(x for x in out.values())
    fib(20)
    return total


if __name__ == "__main__":
    main()
