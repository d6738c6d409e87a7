# Two ways to hold a point: a class with a __dict__, and one with __slots__.
class DictPoint:
    def __init__(self, x, y):
        self.x = x
        self.y = y


class SlotPoint:
    __slots__ = ("x", "y")

    def __init__(self, x, y):
        self.x = x
        self.y = y


def collect(cls, n):
    return [cls(i, -i) for i in range(n)]
