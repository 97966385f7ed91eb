"""Mutant: each interval is compared with every merged interval so far, absorbing those it meets.

A reviewer would say: correct, but O(n^2): when most intervals are disjoint, each new one is
compared with nearly all the others. Sorting once makes every merge a comparison with one neighbour.

Caught by: performance
"""

from __future__ import annotations

from collections.abc import Iterable


def merge_intervals(intervals: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Return the union of ``intervals`` as disjoint intervals sorted by start."""
    merged: list[tuple[int, int]] = []
    for start, end in intervals:
        if start > end:
            raise ValueError(f"the interval ({start}, {end}) starts after it ends")
        kept: list[tuple[int, int]] = []
        for other_start, other_end in merged:
            if other_start <= end and start <= other_end:
                start, end = min(start, other_start), max(end, other_end)
            else:
                kept.append((other_start, other_end))
        kept.append((start, end))
        merged = kept
    return sorted(merged)
