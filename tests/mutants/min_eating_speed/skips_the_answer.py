"""Mutant: a fast-enough speed moves the top of the search to speed - 1.

A reviewer would say: speed itself may be the answer: high = speed - 1 throws it away, and the loop
ends on a speed never checked. For piles [2, 3] in 3 hours it returns 1, which needs 5 hours.

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
        if sum(-(-pile // speed) for pile in piles) <= hours:
            high = speed - 1
        else:
            low = speed + 1
    return low
