"""Mutant: the piles are sorted in place to find the largest.

A reviewer would say: the caller's list comes back reordered, and a tuple or a range has no sort()
at all. max(piles) reads the piles without changing them.

Caught by: correctness
"""

from __future__ import annotations


def min_eating_speed(piles: list[int], hours: int) -> int:
    """Return the smallest speed that eats every pile within ``hours`` hours."""
    if not piles or hours < len(piles) or min(piles) < 1:
        raise ValueError("no piles, a pile below 1, or fewer hours than piles")
    piles.sort()
    low, high = 1, piles[-1]
    while low < high:
        speed = (low + high) // 2
        if sum(-(-pile // speed) for pile in piles) <= hours:
            high = speed
        else:
            low = speed + 1
    return low
