"""Mutant: the position used to break ties comes from a dict comprehension over enumerate().

A reviewer would say: {value: index for index, value in enumerate(items)} keeps the LAST index
of each value, because later pairs overwrite earlier ones; ties must go to the first occurrence
(setdefault, or the order of a counting dict).

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
    counts = Counter(seen)
    position = {value: index for index, value in enumerate(seen)}
    return sorted(counts, key=lambda value: (-counts[value], position[value]))[:k]
