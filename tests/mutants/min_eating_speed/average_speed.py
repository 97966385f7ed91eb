"""Mutant: the answer is the total divided by the hours, rounded up.

A reviewer would say: the average is only a lower bound: a pile is eaten in whole hours, so for
piles [30, 11, 23, 4, 20] in 5 hours every pile needs its own hour and the answer is 30, not 18.

Caught by: correctness
"""

from __future__ import annotations

from collections.abc import Sequence


def min_eating_speed(piles: Sequence[int], hours: int) -> int:
    """Return the smallest speed that eats every pile within ``hours`` hours."""
    if not piles or hours < len(piles) or min(piles) < 1:
        raise ValueError("no piles, a pile below 1, or fewer hours than piles")
    return -(-sum(piles) // hours)
