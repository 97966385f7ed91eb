"""Mutant: an input is taken for exhausted when its next item is falsy.

A reviewer would say: `if item:` tests the item's truth, not whether there was one: 0, "" and
None end their input early and everything after them is lost.

Caught by: correctness
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from heapq import heappop, heappush
from typing import Any, TypeVar

T = TypeVar("T")


def merge_k_sorted(*iterables: Iterable[T], key: Callable[[T], Any] | None = None) -> Iterator[T]:
    """Merge the sorted ``iterables`` by ``key``."""
    heap: list[tuple[Any, int, T, Iterator[T]]] = []
    for index, iterable in enumerate(iterables):
        iterator = iter(iterable)
        item = next(iterator, None)
        if item:
            heappush(heap, (item if key is None else key(item), index, item, iterator))
    while heap:
        _, index, item, iterator = heappop(heap)
        yield item
        following = next(iterator, None)
        if following:
            heappush(
                heap, (following if key is None else key(following), index, following, iterator)
            )
