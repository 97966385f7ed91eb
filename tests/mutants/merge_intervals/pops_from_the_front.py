"""Mutant: the sorted intervals are taken from the front of a list with pop(0).

A reviewer would say: correct, but pop(0) moves every remaining item: n pops cost O(n^2). Iterate
over the sorted list instead.

Caught by: performance
"""

from __future__ import annotations

from collections.abc import Iterable


def merge_intervals(intervals: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Return the union of ``intervals`` as disjoint intervals sorted by start."""
    pending = sorted(intervals)
    merged: list[tuple[int, int]] = []
    while pending:
        start, end = pending.pop(0)
        if start > end:
            raise ValueError(f"the interval ({start}, {end}) starts after it ends")
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged
