"""A correct design unlike the reference: counting in a plain dict, then buckets by count.

No heap and no sort of the values: the buckets are walked from the highest count down, O(n + u)
after counting. A value enters its bucket in the dict's order, its first occurrence, so equal
counts need no tie-breaking of their own. The self-test requires it to score full marks.
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
    # buckets[c] holds the values seen exactly c times, in order of first occurrence.
    buckets: list[list[H]] = [[] for _ in range(max(counts.values(), default=0) + 1)]
    for value, count in counts.items():
        buckets[count].append(value)
    result: list[H] = []
    for bucket in reversed(buckets):
        if len(result) >= k:
            break
        result.extend(bucket[: k - len(result)])
    return result
