"""Mutant: each distinct value is counted with list.count.

A reviewer would say: correct, ties included, but every list.count scans all n items, once per
distinct value: O(n * u), hours on 100,000 items with 50,000 values. Count in one pass.

Caught by: performance
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
    counts = {value: seen.count(value) for value in dict.fromkeys(seen)}
    return sorted(counts, key=counts.__getitem__, reverse=True)[:k]
