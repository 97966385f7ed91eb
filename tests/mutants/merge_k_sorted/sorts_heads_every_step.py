"""Mutant: the next items are kept in a list that is sorted again after every refill.

A reviewer would say: correct, stable and lazy, but a sort after each item costs O(k) at least
(O(k log k) in general), and pop(0) shifts the whole list: O(N k), not O(N log k). A heap does
the same job in O(log k) per item.

Caught by: performance
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

T = TypeVar("T")


def merge_k_sorted(*iterables: Iterable[T], key: Callable[[T], Any] | None = None) -> Iterator[T]:
    """Merge the sorted ``iterables`` by ``key``."""
    heads: list[tuple[Any, int, T, Iterator[T]]] = []
    for index, iterable in enumerate(iterables):
        iterator = iter(iterable)
        for item in iterator:
            heads.append((item if key is None else key(item), index, item, iterator))
            break
    heads.sort(key=lambda head: head[:2])
    while heads:
        _, index, item, iterator = heads.pop(0)
        yield item
        for item in iterator:
            heads.append((item if key is None else key(item), index, item, iterator))
            heads.sort(key=lambda head: head[:2])
            break
