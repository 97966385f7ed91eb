"""Mutant: the intervals are sorted by their end instead of their start.

A reviewer would say: sorted by end, a long interval that starts early comes last: [(1, 2), (4, 5),
(0, 10)] is not merged into (0, 10). Sort by start.

Caught by: correctness
"""

from __future__ import annotations

from collections.abc import Iterable


def merge_intervals(intervals: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Return the union of ``intervals`` as disjoint intervals sorted by start."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(intervals, key=lambda interval: interval[1]):
        if start > end:
            raise ValueError(f"the interval ({start}, {end}) starts after it ends")
        if merged and merged[-1][0] <= start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged
