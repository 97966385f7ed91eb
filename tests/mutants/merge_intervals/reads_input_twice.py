"""Mutant: the input is read once to validate it, then again to sort it.

A reviewer would say: a generator can be read only once: the second read finds nothing, and the
result is []. Read it into a list once (sorted() does), then work on that.

Caught by: correctness
"""

from __future__ import annotations

from collections.abc import Iterable


def merge_intervals(intervals: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Return the union of ``intervals`` as disjoint intervals sorted by start."""
    for start, end in intervals:
        if start > end:
            raise ValueError(f"the interval ({start}, {end}) starts after it ends")
    merged: list[tuple[int, int]] = []
    for start, end in sorted(intervals):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged
