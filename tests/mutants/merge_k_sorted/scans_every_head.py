"""Mutant: the smallest next item is found by scanning every input's next item.

A reviewer would say: correct, stable and lazy, but each item costs a scan of all k heads:
O(N k), not O(N log k). With 1,024 inputs every item costs a thousand comparisons where a heap
needs ten.

Caught by: performance
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

T = TypeVar("T")


def merge_k_sorted(*iterables: Iterable[T], key: Callable[[T], Any] | None = None) -> Iterator[T]:
    """Merge the sorted ``iterables`` by ``key``."""
    iterators = [iter(iterable) for iterable in iterables]
    heads: list[list[Any]] = []  # [key, index, item]: the index is unique, so items never compare
    for index, iterator in enumerate(iterators):
        for item in iterator:
            heads.append([item if key is None else key(item), index, item])
            break
    while heads:
        head = min(heads)
        yield head[2]
        for item in iterators[head[1]]:
            head[0] = item if key is None else key(item)
            head[2] = item
            break
        else:
            heads.remove(head)
