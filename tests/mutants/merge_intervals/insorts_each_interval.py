"""Mutant: each interval is inserted into a sorted list with bisect.insort as it is read.

A reviewer would say: correct, but every insort shifts the items after it: O(n^2) for n intervals,
however fast the shifting is in C. Sort once.

Caught by: performance
"""

from __future__ import annotations

from bisect import insort
from collections.abc import Iterable


def merge_intervals(intervals: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Return the union of ``intervals`` as disjoint intervals sorted by start."""
    ordered: list[tuple[int, int]] = []
    for start, end in intervals:
        if start > end:
            raise ValueError(f"the interval ({start}, {end}) starts after it ends")
        insort(ordered, (start, end))
    merged: list[tuple[int, int]] = []
    for start, end in ordered:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged
