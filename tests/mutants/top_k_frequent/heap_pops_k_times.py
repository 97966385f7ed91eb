"""Mutant: every value goes into a heap, then the heap is popped k times.

A reviewer would say: when k is more than the number of distinct values the heap runs dry and
heappop raises IndexError; the statement returns all the values then. Stop at min(k, len(heap)).

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
    heap = [(-count, index, value) for index, (value, count) in enumerate(Counter(items).items())]
    heapq.heapify(heap)
    return [heapq.heappop(heap)[2] for _ in range(k)]
