"""Mutant: Counter.most_common(k) with no check of k.

A reviewer would say: most_common(-1) quietly returns [], hiding the caller's mistake; the
statement says a negative k raises ValueError.

Caught by: correctness
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable
from typing import TypeVar

H = TypeVar("H", bound=Hashable)


def top_k_frequent(items: Iterable[H], k: int) -> list[H]:
    """Return the ``k`` most frequent distinct values of ``items``, the most frequent first."""
    return [value for value, _ in Counter(items).most_common(k)]
