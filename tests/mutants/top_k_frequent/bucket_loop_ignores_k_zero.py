"""Mutant: the bucket walk appends a value, then returns once it holds k of them.

A reviewer would say: the check comes after the append, so with k = 0 the length never equals k
and every value comes back. Check before appending (or slice the result to k).

Caught by: correctness
"""

from __future__ import annotations

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
    buckets: list[list[H]] = [[] for _ in range(max(counts.values(), default=0) + 1)]
    for value, count in counts.items():
        buckets[count].append(value)
    result: list[H] = []
    for count in range(len(buckets) - 1, 0, -1):
        for value in buckets[count]:
            result.append(value)
            if len(result) == k:
                return result
    return result
