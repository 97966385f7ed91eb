"""Mutant: the merge stops as soon as one input runs out.

A reviewer would say: `return` where the exhausted input should just leave the heap: with [1]
and [0, 2, 3], the merge ends after 0, 1 and loses 2 and 3.

Caught by: correctness
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from heapq import heapify, heapreplace
from typing import Any, TypeVar

T = TypeVar("T")


def merge_k_sorted(*iterables: Iterable[T], key: Callable[[T], Any] | None = None) -> Iterator[T]:
    """Merge the sorted ``iterables`` by ``key``."""
    heap: list[tuple[Any, int, T, Iterator[T]]] = []
    for index, iterable in enumerate(iterables):
        iterator = iter(iterable)
        for item in iterator:
            heap.append((item if key is None else key(item), index, item, iterator))
            break
    heapify(heap)
    while heap:
        _, index, item, iterator = heap[0]
        yield item
        try:
            item = next(iterator)
        except StopIteration:
            return
        heapreplace(heap, (item if key is None else key(item), index, item, iterator))
