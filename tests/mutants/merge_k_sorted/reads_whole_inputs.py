"""Mutant: each input is read into a list first, then the lists are merged with a heap.

A reviewer would say: the heap merge is right, but list(iterable) reads every input to its end
before the first item comes out: an endless input hangs, and memory is O(N), not O(k).

Caught by: correctness
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from heapq import heapify, heappop, heappush
from typing import Any, TypeVar

T = TypeVar("T")


def merge_k_sorted(*iterables: Iterable[T], key: Callable[[T], Any] | None = None) -> Iterator[T]:
    """Merge the sorted ``iterables`` by ``key``."""
    lists = [list(iterable) for iterable in iterables]
    heap: list[tuple[Any, int, int]] = [
        (items[0] if key is None else key(items[0]), index, 0)
        for index, items in enumerate(lists)
        if items
    ]
    heapify(heap)
    while heap:
        _, index, position = heappop(heap)
        items = lists[index]
        yield items[position]
        if position + 1 < len(items):
            item = items[position + 1]
            heappush(heap, (item if key is None else key(item), index, position + 1))
