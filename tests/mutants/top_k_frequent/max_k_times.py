"""Mutant: the most frequent remaining value is found with max() and removed, k times.

A reviewer would say: correct (max keeps the first of equal counts), but each max scans every
remaining value: O(u * k), seconds for the top 5,000 of 50,000 values. Use a heap or a sort.

Caught by: performance
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable
from typing import TypeVar

H = TypeVar("H", bound=Hashable)


def top_k_frequent(items: Iterable[H], k: int) -> list[H]:
    """Return the ``k`` most frequent distinct values of ``items``, the most frequent first."""
    if k < 0:
        raise ValueError(f"k must be 0 or more, not {k}")
    remaining = Counter(items)
    result: list[H] = []
    while remaining and len(result) < k:
        best = max(remaining, key=remaining.__getitem__)
        result.append(best)
        del remaining[best]
    return result
