"""Mutant: the counts are sorted ascending and the list reversed, instead of reverse=True.

A reviewer would say: reversing a stable ascending sort also reverses the order of equal counts,
so ties come last-occurrence first. sorted(..., reverse=True) keeps equal items in their order.

Caught by: correctness
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable
from operator import itemgetter
from typing import TypeVar

H = TypeVar("H", bound=Hashable)


def top_k_frequent(items: Iterable[H], k: int) -> list[H]:
    """Return the ``k`` most frequent distinct values of ``items``, the most frequent first."""
    if k < 0:
        raise ValueError(f"k must be 0 or more, not {k}")
    ranked = sorted(Counter(items).items(), key=itemgetter(1))[::-1]
    return [value for value, _ in ranked[:k]]
