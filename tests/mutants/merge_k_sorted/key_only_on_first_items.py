"""Mutant: the key function is applied to each input's first item, but not to the refills.

A reviewer would say: every heap entry must hold key(item): the refills hold the item itself,
so they are compared with keys of another kind (an int with a dict, a str with its lower-case
form) and the order is wrong, or comparing them raises TypeError.

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
            heappop(heap)
        else:
            heapreplace(heap, (item, index, item, iterator))
