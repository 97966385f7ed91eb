"""Mutant: ties are broken by a counter of pushes, the usual fix for "ListNode has no <".

A reviewer would say: the counter keeps items from being compared, but it orders equal keys by
when they entered the heap, not by input: with [1, 1.0] and [True], input 0's second item is
pushed after input 1's first, so True comes out between 1 and 1.0. The merge is not stable; the
tie-breaker must be the input's index.

Caught by: correctness
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from heapq import heappop, heappush
from itertools import count
from typing import Any, TypeVar

T = TypeVar("T")


def merge_k_sorted(*iterables: Iterable[T], key: Callable[[T], Any] | None = None) -> Iterator[T]:
    """Merge the sorted ``iterables`` by ``key``."""
    pushes = count()
    heap: list[tuple[Any, int, T, Iterator[T]]] = []
    for iterable in iterables:
        iterator = iter(iterable)
        for item in iterator:
            heappush(heap, (item if key is None else key(item), next(pushes), item, iterator))
            break
    while heap:
        _, _, item, iterator = heappop(heap)
        yield item
        for item in iterator:
            heappush(heap, (item if key is None else key(item), next(pushes), item, iterator))
            break
