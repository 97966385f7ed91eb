"""Mutant: intervals one apart merge too (start <= end + 1).

A reviewer would say: these are closed intervals of real numbers, not sets of integers: (1, 2) and
(3, 4) leave the gap between 2 and 3 uncovered, and stay apart.

Caught by: correctness
"""

from __future__ import annotations

from collections.abc import Iterable


def merge_intervals(intervals: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Return the union of ``intervals`` as disjoint intervals sorted by start."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(intervals):
        if start > end:
            raise ValueError(f"the interval ({start}, {end}) starts after it ends")
        if merged and start <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged
