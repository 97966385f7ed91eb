"""Mutant: a speed counts as fast enough only if it needs fewer than ``hours`` hours.

A reviewer would say: finishing in exactly ``hours`` hours is finishing in time: the comparison is
<=, so a pile of 6 in 2 hours needs 3 an hour, not 4.

Caught by: correctness
"""

from __future__ import annotations

from collections.abc import Sequence


def min_eating_speed(piles: Sequence[int], hours: int) -> int:
    """Return the smallest speed that eats every pile within ``hours`` hours."""
    if not piles or hours < len(piles) or min(piles) < 1:
        raise ValueError("no piles, a pile below 1, or fewer hours than piles")
    low, high = 1, max(piles)
    while low < high:
        speed = (low + high) // 2
        if sum(-(-pile // speed) for pile in piles) < hours:
            high = speed
        else:
            low = speed + 1
    return low
