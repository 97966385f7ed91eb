"""Mutant: the inputs are merged one after another: merge(merge(merge(a, b), c), d) ...

A reviewer would say: each two-way merge is right and lazy, but the chain is k deep, so an item
of the first input passes through k - 1 merges: O(N k), not O(N log k). And each level is a
generator calling the next, so around a thousand inputs exceed Python's recursion limit and
the merge raises RecursionError. Merge pairs of halves instead (a balanced tree), or use a heap.

Caught by: correctness
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from functools import reduce
from typing import Any, TypeVar

T = TypeVar("T")


def merge_k_sorted(*iterables: Iterable[T], key: Callable[[T], Any] | None = None) -> Iterator[T]:
    """Merge the sorted ``iterables`` by ``key``."""
    by = key if key is not None else (lambda item: item)
    iterators = [iter(iterable) for iterable in iterables]
    if not iterators:
        return iter(())
    return reduce(lambda left, right: merge_two(left, right, by), iterators)


def merge_two(left: Iterator[T], right: Iterator[T], key: Callable[[T], Any]) -> Iterator[T]:
    try:
        left_item = next(left)
    except StopIteration:
        yield from right
        return
    for right_item in right:
        while not key(right_item) < key(left_item):
            yield left_item
            try:
                left_item = next(left)
            except StopIteration:
                yield right_item
                yield from right
                return
        yield right_item
    yield left_item
    yield from left
