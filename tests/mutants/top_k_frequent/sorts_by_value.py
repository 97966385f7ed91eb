"""Mutant: the (value, count) pairs are sorted as they are, largest first.

A reviewer would say: sorting the pairs compares the values, not the counts: this returns the k
largest values. Sort by the count (key=itemgetter(1)) or use a heap on the counts.

Caught by: correctness
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable
from typing import Any, TypeVar

H = TypeVar("H", bound=Hashable)


def top_k_frequent(items: Iterable[H], k: int) -> list[H]:
    """Return the ``k`` most frequent distinct values of ``items``, the most frequent first."""
    if k < 0:
        raise ValueError(f"k must be 0 or more, not {k}")
    pairs: list[Any] = list(Counter(items).items())
    return [value for value, _ in sorted(pairs, reverse=True)[:k]]
