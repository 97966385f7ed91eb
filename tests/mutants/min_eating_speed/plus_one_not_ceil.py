"""Mutant: the hours of a pile are p // s + 1.

A reviewer would say: that is one hour too many whenever s divides p: a pile of 4 at 2 an hour
takes 2 hours, not 3. Round up with -(-p // s) or (p + s - 1) // s.

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
        if sum(pile // speed + 1 for pile in piles) <= hours:
            high = speed
        else:
            low = speed + 1
    return low
