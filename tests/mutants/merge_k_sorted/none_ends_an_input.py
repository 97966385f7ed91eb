"""Mutant: next(iterator, None) marks the end of an input.

A reviewer would say: None is an item like any other, so an input whose next item is None is
taken for exhausted and everything after it is lost. Catch StopIteration, or compare with a
sentinel object of your own.

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
        if item is not None:
            heappush(heap, (item if key is None else key(item), index, item, iterator))
    while heap:
        _, index, item, iterator = heappop(heap)
        yield item
        following = next(iterator, None)
        if following is not None:
            heappush(
                heap, (following if key is None else key(following), index, following, iterator)
            )
