"""Mutant: the k values are kept in a min-heap and returned in the heap's own order.

A reviewer would say: the right k values, in the wrong order: a heap's list is ordered only
enough for heap[0] to be the smallest. "Any order" is LeetCode's rule; here the most frequent
come first, so sort the heap (largest first) before returning it.

Caught by: correctness
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Hashable, Iterable
from typing import TypeVar

H = TypeVar("H", bound=Hashable)


def top_k_frequent(items: Iterable[H], k: int) -> list[H]:
    """Return the ``k`` most frequent distinct values of ``items``, the most frequent first."""
    if k < 0:
        raise ValueError(f"k must be 0 or more, not {k}")
    if k == 0:
        return []
    heap: list[tuple[int, int, H]] = []
    for index, (value, count) in enumerate(Counter(items).items()):
        entry = (count, -index, value)
        if len(heap) < k:
            heapq.heappush(heap, entry)
        elif entry[:2] > heap[0][:2]:
            heapq.heapreplace(heap, entry)
    return [value for _, _, value in heap]
