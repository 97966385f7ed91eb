"""Mutant: the search stops at 10**9, LeetCode's largest pile.

A reviewer would say: this statement puts no limit on a pile: with piles near 2**60 and few hours
the answer is near 2**60 too, and this returns 10**9, a speed too slow to finish. (Only the timing
tests have answers this large, since a correct linear scan must pass the others.)

Caught by: performance
"""

from __future__ import annotations

from collections.abc import Sequence


def min_eating_speed(piles: Sequence[int], hours: int) -> int:
    """Return the smallest speed that eats every pile within ``hours`` hours."""
    if not piles or hours < len(piles) or min(piles) < 1:
        raise ValueError("no piles, a pile below 1, or fewer hours than piles")
    low, high = 1, 10**9
    while low < high:
        speed = (low + high) // 2
        if sum(-(-pile // speed) for pile in piles) <= hours:
            high = speed
        else:
            low = speed + 1
    return low
