"""A correct design unlike the reference: Counter.most_common, the standard library's answer.

Counter keeps its keys in order of first occurrence, and most_common is documented to order
equal counts "in the order first encountered", which is this statement's tie rule. It builds
(value, count) pairs that are then taken apart. The self-test requires it to score full marks.
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
    return [value for value, _ in Counter(items).most_common(k)]
