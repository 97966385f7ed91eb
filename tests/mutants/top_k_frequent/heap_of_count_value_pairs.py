"""Mutant: a min-heap of (count, value) pairs, cut to k, then sorted largest first.

A reviewer would say: the textbook heap, but a tuple compares the values when counts tie, so ties
go to the larger value instead of the first occurrence, and values that cannot be ordered (None
and "a") raise TypeError. Push (count, -first_position, value) instead.

Caught by: correctness
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Hashable, Iterable
from typing import Any, TypeVar

H = TypeVar("H", bound=Hashable)


def top_k_frequent(items: Iterable[H], k: int) -> list[H]:
    """Return the ``k`` most frequent distinct values of ``items``, the most frequent first."""
    if k < 0:
        raise ValueError(f"k must be 0 or more, not {k}")
    if k == 0:
        return []
    heap: list[tuple[int, Any]] = []
    for value, count in Counter(items).items():
        heapq.heappush(heap, (count, value))
        if len(heap) > k:
            heapq.heappop(heap)
    return [value for _, value in sorted(heap, reverse=True)]
