"""Mutant: the inputs are chained and sorted.

A reviewer would say: the output is right and stable for finite inputs, but nothing is lazy: the
first item comes only after every input has been read to its end, an endless input never ends,
and memory is O(N), not O(k).

Caught by: correctness
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from itertools import chain
from typing import Any, TypeVar

T = TypeVar("T")


def merge_k_sorted(*iterables: Iterable[T], key: Callable[[T], Any] | None = None) -> Iterator[T]:
    """Merge the sorted ``iterables`` by ``key``."""
    sort_key: Callable[[T], Any] = key if key is not None else (lambda item: item)
    return iter(sorted(chain(*iterables), key=sort_key))
