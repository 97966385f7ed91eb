"""Mutant: a list passed in is sorted in place to save a copy.

A reviewer would say: the caller's list must keep its order: sorting it in place changes data the
function does not own. sorted() makes the copy.

Caught by: correctness
"""

from __future__ import annotations

from collections.abc import Iterable


def merge_intervals(intervals: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Return the union of ``intervals`` as disjoint intervals sorted by start."""
    if isinstance(intervals, list):
        intervals.sort()
        ordered = intervals
    else:
        ordered = sorted(intervals)
    merged: list[tuple[int, int]] = []
    for start, end in ordered:
        if start > end:
            raise ValueError(f"the interval ({start}, {end}) starts after it ends")
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged
