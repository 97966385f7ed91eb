"""Mutant: after yielding from an input, it keeps yielding from it while its key is not larger.

A reviewer would say: saving heap operations this way breaks ties in favour of the input just
used: with [1] and [0, 1], input 1's 1 comes out before input 0's. Stay on the input only while
its next key is strictly smaller than the heap's smallest.

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
        for item in iterator:
            heappush(heap, (item if key is None else key(item), index, item, iterator))
            break
    while heap:
        _, index, item, iterator = heappop(heap)
        while True:
            yield item
            try:
                item = next(iterator)
            except StopIteration:
                break
            item_key = item if key is None else key(item)
            if heap and item_key > heap[0][0]:
                heappush(heap, (item_key, index, item, iterator))
                break
