"""A correct design unlike the reference: a hand-written min-heap of at most k entries.

Each entry is (count, -rank, value), where rank is the value's place in order of first
occurrence. The two numbers are never equal for two values, so the values themselves are never
compared (they need not be orderable), and the root is always the weakest of the k kept: the
lowest count, and of equal counts the one that occurred last. O(n + u log k). The self-test
requires it to score full marks.
"""

from __future__ import annotations

import heapq
from collections.abc import Hashable, Iterable
from typing import TypeVar

H = TypeVar("H", bound=Hashable)


def top_k_frequent(items: Iterable[H], k: int) -> list[H]:
    """Return the ``k`` most frequent distinct values of ``items``, the most frequent first."""
    if k < 0:
        raise ValueError(f"k must be 0 or more, not {k}")
    counts: dict[H, int] = {}
    for value in items:
        counts[value] = counts.get(value, 0) + 1
    if k == 0:
        return []
    heap: list[tuple[int, int, H]] = []
    for rank, (value, count) in enumerate(counts.items()):
        if len(heap) < k:
            heapq.heappush(heap, (count, -rank, value))
        elif (count, -rank) > heap[0][:2]:
            heapq.heapreplace(heap, (count, -rank, value))
    heap.sort(reverse=True)
    return [value for _, _, value in heap]
