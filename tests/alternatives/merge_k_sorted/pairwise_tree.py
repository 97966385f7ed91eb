"""A correct design unlike the reference: a balanced tree of two-way merges, with no heap.

The inputs are split in halves recursively, and each pair of halves is merged by a generator
that holds the next (key, item) pair of each side and yields the smaller, the left one on a tie
(the left half holds the earlier inputs, so the merge is stable). An item climbs log2(k) levels,
so the merge is O(N log k), and a generator reads from a side only when its last item from that
side has gone up, so no input is read more than one item ahead.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, TypeVar

T = TypeVar("T")


def merge_k_sorted(*iterables: Iterable[T], key: Callable[[T], Any] | None = None) -> Iterator[T]:
    """Merge the sorted ``iterables`` stably by ``key``, through a tree of two-way merges."""
    keyed = [keyed_items(iter(iterable), key) for iterable in iterables]
    return (item for _, item in merge_range(keyed))


def keyed_items(items: Iterator[T], key: Callable[[T], Any] | None) -> Iterator[tuple[Any, T]]:
    """Pair each item with its key, computed once."""
    if key is None:
        return ((item, item) for item in items)
    return ((key(item), item) for item in items)


def merge_range(sides: Sequence[Iterator[tuple[Any, T]]]) -> Iterator[tuple[Any, T]]:
    """Merge ``sides`` by splitting them in halves."""
    if len(sides) <= 1:
        return sides[0] if sides else iter(())
    middle = len(sides) // 2
    return merge_two(merge_range(sides[:middle]), merge_range(sides[middle:]))


def merge_two(
    left: Iterator[tuple[Any, T]], right: Iterator[tuple[Any, T]]
) -> Iterator[tuple[Any, T]]:
    """Merge two sorted streams of (key, item) pairs; on equal keys the left one goes first."""
    try:
        left_key, left_item = next(left)
    except StopIteration:
        yield from right
        return
    for right_key, right_item in right:
        while not right_key < left_key:
            yield left_key, left_item
            try:
                left_key, left_item = next(left)
            except StopIteration:
                yield right_key, right_item
                yield from right
                return
        yield right_key, right_item
    yield left_key, left_item
    yield from left
