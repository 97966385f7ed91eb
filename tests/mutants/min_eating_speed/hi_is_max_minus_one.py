"""Mutant: the search stops at max(piles) - 1.

A reviewer would say: when the hours equal the number of piles, every pile must go in one hour and
the answer is max(piles) itself, which this never returns.

Caught by: correctness
"""

from __future__ import annotations

from collections.abc import Sequence


def min_eating_speed(piles: Sequence[int], hours: int) -> int:
    """Return the smallest speed that eats every pile within ``hours`` hours."""
    if not piles or hours < len(piles) or min(piles) < 1:
        raise ValueError("no piles, a pile below 1, or fewer hours than piles")
    low, high = 1, max(piles) - 1
    while low < high:
        speed = (low + high) // 2
        if sum(-(-pile // speed) for pile in piles) <= hours:
            high = speed
        else:
            low = speed + 1
    return low
