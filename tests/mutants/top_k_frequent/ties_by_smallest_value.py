"""Mutant: equal counts are ranked by the smaller value, as in "Top K Frequent Words".

A reviewer would say: sorting by (-count, value) is LeetCode 692's tie rule, not this one: ties go
to the value that occurred first. It also raises TypeError when tied values cannot be ordered
(None and "a", say).

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
    counts = Counter(items)
    ranked: list[Any] = sorted(counts, key=lambda value: (-counts[value], value))
    return ranked[:k]
