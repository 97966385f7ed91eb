"""Mutant: every speed from 1 up is tried until one is fast enough.

A reviewer would say: correct, but a pass over the piles per speed: with piles up to 10**9 the
answer can be near 10**9, so this takes up to 10**9 passes where halving the range takes 30.

Caught by: performance
"""

from __future__ import annotations

from collections.abc import Sequence


def min_eating_speed(piles: Sequence[int], hours: int) -> int:
    """Return the smallest speed that eats every pile within ``hours`` hours."""
    if not piles or hours < len(piles) or min(piles) < 1:
        raise ValueError("no piles, a pile below 1, or fewer hours than piles")
    speed = 1
    while sum(-(-pile // speed) for pile in piles) > hours:
        speed += 1
    return speed
