"""Mutant: every speed from the average, sum(piles) / hours rounded up, is tried in turn.

A reviewer would say: correct, and the average is a good lower bound, but the answer can still be
far above it (up to max(piles)): a pass per speed is a linear scan all the same. Halve the range.

Caught by: performance
"""

from __future__ import annotations

from collections.abc import Sequence


def min_eating_speed(piles: Sequence[int], hours: int) -> int:
    """Return the smallest speed that eats every pile within ``hours`` hours."""
    if not piles or hours < len(piles) or min(piles) < 1:
        raise ValueError("no piles, a pile below 1, or fewer hours than piles")
    speed = -(-sum(piles) // hours)
    while sum(-(-pile // speed) for pile in piles) > hours:
        speed += 1
    return speed
