"""Mutant: the bucket list has len(items) slots, indexed by count.

A reviewer would say: a count runs from 1 to n, so n slots indexed by count are one short: a
value that fills the whole input raises IndexError. Use n + 1 slots (or max count + 1).

Caught by: correctness
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
    seen = list(items)
    buckets: list[list[H]] = [[] for _ in range(len(seen))]
    for value, count in Counter(seen).items():
        buckets[count].append(value)
    result = [value for bucket in reversed(buckets) for value in bucket]
    return result[:k]
