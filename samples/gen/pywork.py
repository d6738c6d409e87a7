"""A Python workload for cProfile samples: direct recursion (fib), mutual
recursion (is_even/is_odd), a class with methods, builtins, sorting with a key
function, a generator and string work. `python3 pywork.py [fast|slow]`: the
slow variant makes tokenize do more work, for diffs."""
import sys


def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


def is_even(n):
    return True if n == 0 else is_odd(n - 1)


def is_odd(n):
    return False if n == 0 else is_even(n - 1)


class Tokenizer:
    def __init__(self, text, slow):
        self.text = text
        self.slow = slow

    def tokens(self):
        for word in self.text.split():
            yield self.normalize(word)

    def normalize(self, word):
        if self.slow:
            word = "".join(c for c in word)
        return word.strip(".,").lower()


def tokenize(text, slow):
    return list(Tokenizer(text, slow).tokens())


def word_key(word):
    return (len(word), word)


def sort_words(words):
    return sorted(words, key=word_key)


def main(slow):
    text = "The quick brown fox jumps over the lazy dog, again and again. " * 40
    total = 0
    for _ in range(30):
        total += fib(14)
        total += sum(1 for i in range(60) if is_even(i))
        words = tokenize(text, slow)
        total += len(sort_words(words))
    return total


if __name__ == "__main__":
    main(len(sys.argv) > 1 and sys.argv[1] == "slow")
