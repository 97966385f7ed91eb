"""A correct design unlike the reference: a heap pops the intervals in order of their start.

heapify is O(n) and each pop O(log n), so the merge is O(n log n) without sorting a list; an
interval joins the last merged one when it starts at or before that one's end.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable


def merge_intervals(intervals: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Return the union of ``intervals`` as disjoint intervals sorted by start."""
    heap = list(intervals)
    for start, end in heap:
        if start > end:
            raise ValueError(f"the interval ({start}, {end}) starts after it ends")
    heapq.heapify(heap)
    merged: list[tuple[int, int]] = []
    while heap:
        start, end = heapq.heappop(heap)
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged
