"""Mutant: any exception from an input is taken for the end of that input.

A reviewer would say: `except Exception` around next() hides real failures: a broken input
(a dropped connection, a parse error) silently ends its part of the merge, and the caller gets
a result with items missing and no error. Catch StopIteration only.

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
        except Exception:
            continue
        heap.append((item if key is None else key(item), index, item, iterator))
    heapify(heap)
    while heap:
        _, index, item, iterator = heap[0]
        yield item
        try:
            item = next(iterator)
        except Exception:
            heappop(heap)
        else:
            heapreplace(heap, (item if key is None else key(item), index, item, iterator))
