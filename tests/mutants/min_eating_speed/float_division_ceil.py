"""Mutant: the hours of a pile are math.ceil(p / s), through a float.

A reviewer would say: p / s is a float, exact only up to 2**53; for a pile of 2**60 + 1 it rounds
to 2**60 and the missing banana's hour is lost. Stay in integers: -(-p // s).

Caught by: correctness
"""

from __future__ import annotations

import math
from collections.abc import Sequence


def min_eating_speed(piles: Sequence[int], hours: int) -> int:
    """Return the smallest speed that eats every pile within ``hours`` hours."""
    if not piles or hours < len(piles) or min(piles) < 1:
        raise ValueError("no piles, a pile below 1, or fewer hours than piles")
    low, high = 1, max(piles)
    while low < high:
        speed = (low + high) // 2
        if sum(math.ceil(pile / speed) for pile in piles) <= hours:
            high = speed
        else:
            low = speed + 1
    return low
