"""A parser shaped as in issue 35: parse_all reaches parse_line only through
a generator expression, so the time inside any function matching "parse" is
parse_all's cumulative time, not parse_all's plus parse_line's."""


def parse_line(line):
    fields = line.split(",")
    total = 0
    for f in fields:
        total += int(f) * 3 % 7
    return total


def parse_all(lines):
    return sum(parse_line(line) for line in lines)


def make_lines(n):
    return [",".join(str(i * j % 97) for j in range(20)) for i in range(n)]


def main():
    lines = make_lines(20000)
    print(parse_all(lines))


if __name__ == "__main__":
    main()
