"""Mutant: a tree of two-way merges that takes the right side when the keys are equal.

A reviewer would say: `if left < right: take left, else take right` sends ties to the right, so
with [0] and [False] the second input's item comes first. The merge is not stable; take the
left (earlier) side unless the right one is strictly smaller.

Caught by: correctness
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, TypeVar

T = TypeVar("T")


def merge_k_sorted(*iterables: Iterable[T], key: Callable[[T], Any] | None = None) -> Iterator[T]:
    """Merge the sorted ``iterables`` by ``key``."""
    by = key if key is not None else (lambda item: item)
    return merge_range([iter(iterable) for iterable in iterables], by)


def merge_range(sides: Sequence[Iterator[T]], key: Callable[[T], Any]) -> Iterator[T]:
    if len(sides) <= 1:
        return sides[0] if sides else iter(())
    middle = len(sides) // 2
    return merge_two(merge_range(sides[:middle], key), merge_range(sides[middle:], key), key)


def merge_two(left: Iterator[T], right: Iterator[T], key: Callable[[T], Any]) -> Iterator[T]:
    try:
        left_item = next(left)
    except StopIteration:
        yield from right
        return
    for right_item in right:
        while key(left_item) < key(right_item):
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
