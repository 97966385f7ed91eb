"""Mutant: a list-returning merge turned into a generator, still appending to its result list.

A reviewer would say: the order and the laziness are right, but every item yielded stays in the
`merged` list until the merge ends: memory is O(N), not O(k), and an endless merge grows
without bound.

Caught by: correctness
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from heapq import heappop, heappush
from typing import Any, TypeVar

T = TypeVar("T")


def merge_k_sorted(*iterables: Iterable[T], key: Callable[[T], Any] | None = None) -> Iterator[T]:
    """Merge the sorted ``iterables`` by ``key``."""
    merged: list[T] = []
    heap: list[tuple[Any, int, T, Iterator[T]]] = []
    for index, iterable in enumerate(iterables):
        iterator = iter(iterable)
        for item in iterator:
            heappush(heap, (item if key is None else key(item), index, item, iterator))
            break
    while heap:
        _, index, item, iterator = heappop(heap)
        merged.append(item)
        yield item
        for item in iterator:
            heappush(heap, (item if key is None else key(item), index, item, iterator))
            break
