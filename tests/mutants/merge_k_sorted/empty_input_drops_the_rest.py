"""Mutant: filling the heap stops at the first empty input.

A reviewer would say: `break` instead of `continue` on an empty input: merge_k_sorted([], [1, 2])
yields nothing, and every input after an empty one is lost. An empty input is skipped, not the
end of the inputs.

Caught by: correctness
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from heapq import heapify, heappop, heapreplace
from typing import Any, TypeVar

T = TypeVar("T")


def merge_k_sorted(*iterables: Iterable[T], key: Callable[[T], Any] | None = None) -> Iterator[T]:
    """Merge the sorted ``iterables`` by ``key``."""
    heap: list[tuple[Any, int, T, Iterator[T]]] = []
    for index, iterable in enumerate(iterables):
        iterator = iter(iterable)
        try:
            item = next(iterator)
        except StopIteration:
            break
        heap.append((item if key is None else key(item), index, item, iterator))
    heapify(heap)
    while heap:
        _, index, item, iterator = heap[0]
        yield item
        try:
            item = next(iterator)
        except StopIteration:
            heappop(heap)
        else:
            heapreplace(heap, (item if key is None else key(item), index, item, iterator))
