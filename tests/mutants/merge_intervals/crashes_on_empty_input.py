"""Mutant: the first interval is taken before the loop, without checking there is one.

A reviewer would say: empty input must give []; ordered[0] raises IndexError.

Caught by: correctness
"""

from __future__ import annotations

from collections.abc import Iterable


def merge_intervals(intervals: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Return the union of ``intervals`` as disjoint intervals sorted by start."""
    ordered = sorted(intervals)
    merged = [ordered[0]]
    for start, end in ordered:
        if start > end:
            raise ValueError(f"the interval ({start}, {end}) starts after it ends")
        if start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged
