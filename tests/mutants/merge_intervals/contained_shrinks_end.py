"""Mutant: a merged interval takes the end of the interval that joins it (end = b, not max).

A reviewer would say: an interval contained in the current one, like (2, 3) in (1, 10), pulls the
end back to 3; the end must be max(current end, b).

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
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged
