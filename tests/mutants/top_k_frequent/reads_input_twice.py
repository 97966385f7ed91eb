"""Mutant: one pass over items counts, a second pass finds each value's first position.

A reviewer would say: a generator is empty the second time, so the second pass finds nothing and
the lookup raises KeyError. Counting in a dict already keeps the order of first occurrence.

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
    counts = Counter(items)
    first: dict[H, int] = {}
    for index, value in enumerate(items):
        first.setdefault(value, index)
    return sorted(counts, key=lambda value: (-counts[value], first[value]))[:k]
