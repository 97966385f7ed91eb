"""The min_eating_speed reference against the textbook binary searches people write.

Contenders: halving 1..max(piles) with the hours counted as math.ceil(p / s) (a float, wrong
above 2**53, timed here anyway) or as -(-p // s), and bisect.bisect_left over range(1, max + 1)
with a key function (Python 3.10+). Target: on each load the reference is no slower than the
fastest of them.
"""

from __future__ import annotations

import math
import random
from bisect import bisect_left
from collections.abc import Callable
from functools import partial

from bench.common import best_seconds, print_table
from solutions.min_eating_speed import min_eating_speed


def piles(count: int, low: int, high: int) -> list[int]:
    rng = random.Random(7)
    return [rng.randint(low, high) for _ in range(count)]


def halving(piles: list[int], hours: int, needed: Callable[[list[int], int], int]) -> int:
    low, high = 1, max(piles)
    while low < high:
        speed = (low + high) // 2
        if needed(piles, speed) <= hours:
            high = speed
        else:
            low = speed + 1
    return low


def float_ceil(piles: list[int], speed: int) -> int:
    return sum(math.ceil(pile / speed) for pile in piles)


def floor_of_negated(piles: list[int], speed: int) -> int:
    return sum(-(-pile // speed) for pile in piles)


def bisect_key(piles: list[int], hours: int) -> int:
    speeds = range(1, max(piles) + 1)
    return speeds[bisect_left(speeds, True, key=lambda s: floor_of_negated(piles, s) <= hours)]


CONTENDERS: dict[str, Callable[[list[int], int], int]] = {
    "reference": min_eating_speed,
    "halving, math.ceil(p / s)": partial(halving, needed=float_ceil),
    "halving, -(-p // s)": partial(halving, needed=floor_of_negated),
    "bisect_left with a key": bisect_key,
}


def main() -> None:
    loads = [
        ("100,000 piles up to 10**9, hours = 2n", piles(100_000, 1, 10**9), 200_000),
        ("100,000 piles up to 10**9, hours = 1000n", piles(100_000, 1, 10**9), 10**8),
        ("10,000 piles near 2**60, hours = 1.25n", piles(10_000, 2**59, 2**61 - 1), 12_500),
    ]
    for title, load, hours in loads:
        timings = best_seconds({name: partial(f, load, hours) for name, f in CONTENDERS.items()})
        print_table(f"min_eating_speed: {title}", len(load), timings, "reference")
        fastest = min(seconds for name, seconds in timings.items() if name != "reference")
        verdict = "met" if timings["reference"] <= fastest * 1.02 else "NOT met"
        print(f"  target: no slower than the fastest common answer: {verdict}")


if __name__ == "__main__":
    main()
