"""Mutant: each input is read 64 items at a time, to save calls.

A reviewer would say: the order is right and endless inputs still work, but up to 64 items of
every input are read before they are needed: an input that is a socket or a slow query blocks
for items nobody asked for yet, and memory is O(64 k). At most one item ahead, the statement says.

Caught by: correctness
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from heapq import heappop, heappush
from itertools import islice
from typing import Any, TypeVar

T = TypeVar("T")

BATCH = 64


def merge_k_sorted(*iterables: Iterable[T], key: Callable[[T], Any] | None = None) -> Iterator[T]:
    """Merge the sorted ``iterables`` by ``key``."""
    iterators = [iter(iterable) for iterable in iterables]
    buffers = [deque(islice(iterator, BATCH)) for iterator in iterators]
    heap: list[tuple[Any, int, T]] = []
    for index, buffer in enumerate(buffers):
        if buffer:
            item = buffer.popleft()
            heappush(heap, (item if key is None else key(item), index, item))
    while heap:
        _, index, item = heappop(heap)
        yield item
        buffer = buffers[index]
        if not buffer:
            buffer.extend(islice(iterators[index], BATCH))
        if buffer:
            item = buffer.popleft()
            heappush(heap, (item if key is None else key(item), index, item))
