"""Mutant: each value of set(items) is counted with list.count, then sorted by count.

A reviewer would say: a set has no useful order (small ints come out sorted, strings in hash
order), so ties come out in the wrong order; and list.count per distinct value is O(n * u).

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
    seen = list(items)
    counts = {value: seen.count(value) for value in set(seen)}
    return sorted(counts, key=counts.__getitem__, reverse=True)[:k]
