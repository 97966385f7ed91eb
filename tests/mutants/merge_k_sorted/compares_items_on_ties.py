"""Mutant: the heap holds (key, item, iterator), with no input index.

A reviewer would say: when two keys are equal, the tuples compare the items themselves: dicts or
objects without < raise TypeError, and orderable items come out in their own order instead of
their inputs' (with key=len, "bb" of the second input jumps ahead of "dd" of the first). Put
the input's index after the key: it is unique, so nothing after it is ever compared.

Caught by: correctness
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from heapq import heappop, heappush
from typing import Any, TypeVar

T = TypeVar("T")


def merge_k_sorted(*iterables: Iterable[T], key: Callable[[T], Any] | None = None) -> Iterator[T]:
    """Merge the sorted ``iterables`` by ``key``."""
    heap: list[tuple[Any, T, Iterator[T]]] = []
    for iterable in iterables:
        iterator = iter(iterable)
        for item in iterator:
            heappush(heap, (item if key is None else key(item), item, iterator))
            break
    while heap:
        _, item, iterator = heappop(heap)
        yield item
        for item in iterator:
            heappush(heap, (item if key is None else key(item), item, iterator))
            break
