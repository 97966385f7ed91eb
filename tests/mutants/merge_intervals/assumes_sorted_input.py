"""Mutant: the input is assumed to be sorted by start already.

A reviewer would say: the input may come in any order: [(5, 6), (1, 2), (0, 10)] is never merged,
and the result is not sorted. Sort first.

Caught by: correctness
"""

from __future__ import annotations

from collections.abc import Iterable


def merge_intervals(intervals: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Return the union of ``intervals`` as disjoint intervals sorted by start."""
    merged: list[tuple[int, int]] = []
    for start, end in intervals:
        if start > end:
            raise ValueError(f"the interval ({start}, {end}) starts after it ends")
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged
