"""Mutant: the sweep starts from a sentinel interval (-1, -1), dropped at the end.

A reviewer would say: ends may be negative: (-3, -1) touches the sentinel and is dropped with it,
and every interval before -1 is swallowed. Start from the first real interval.

Caught by: correctness
"""

from __future__ import annotations

from collections.abc import Iterable


def merge_intervals(intervals: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Return the union of ``intervals`` as disjoint intervals sorted by start."""
    merged = [(-1, -1)]
    for start, end in sorted(intervals):
        if start > end:
            raise ValueError(f"the interval ({start}, {end}) starts after it ends")
        if start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged[1:]
