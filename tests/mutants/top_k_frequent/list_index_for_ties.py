"""Mutant: ties are broken by items.index(value), the value's first position.

A reviewer would say: correct, but list.index scans from the start for every distinct value:
O(n * u). A counting dict already holds its values in order of first occurrence, and a stable
sort keeps that order for equal counts.

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
    seen = list(items)
    counts = Counter(seen)
    return sorted(counts, key=lambda value: (-counts[value], seen.index(value)))[:k]
