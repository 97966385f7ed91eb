"""Mutant: any two overlapping intervals are merged, over and over, until no pair overlaps.

A reviewer would say: correct, but every pass compares all pairs, O(n^2) per pass before anything is
merged. Sort by start and sweep once.

Caught by: performance
"""

from __future__ import annotations

from collections.abc import Iterable


def merge_intervals(intervals: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Return the union of ``intervals`` as disjoint intervals sorted by start."""
    pending = list(intervals)
    for start, end in pending:
        if start > end:
            raise ValueError(f"the interval ({start}, {end}) starts after it ends")
    changed = True
    while changed:
        changed = False
        for i in range(len(pending)):
            for j in range(i + 1, len(pending)):
                (a, b), (c, d) = pending[i], pending[j]
                if a <= d and c <= b:
                    pending[i] = (min(a, c), max(b, d))
                    del pending[j]
                    changed = True
                    break
            if changed:
                break
    return sorted(pending)
