"""Mutant: the lines are read into a list first, then counted.

A reviewer would say: `list(lines)` holds the whole log: memory grows with its length, only the
intermediate lists are gone.

Caught by: performance
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import NamedTuple

TOP = 3


class Summary(NamedTuple):
    """What :func:`summarize` finds in a log."""

    requests: int
    bytes_sent: int
    by_status: dict[int, int]
    busiest: list[tuple[str, int]]


def summarize(lines: Iterable[str]) -> Summary:
    """Summarize the access log ``lines``, reading each line once and keeping none of them.

    What it keeps grows with the number of distinct statuses and paths, never with the lines:
    two counters, whose keys stay in order of first appearance, and two running totals.
    """
    statuses: Counter[int] = Counter()
    paths: Counter[str] = Counter()
    requests = bytes_sent = 0
    everything = list(lines)
    for line in everything:
        fields = line.split()
        if len(fields) != 4 or not (fields[2].isdecimal() and fields[3].isdecimal()):
            continue
        _, path, status, size = fields
        requests += 1
        bytes_sent += int(size)
        statuses[int(status)] += 1
        paths[path] += 1
    # sorted() is stable and a Counter keeps first appearances in order: ties stay in log order.
    busiest = sorted(paths.items(), key=lambda item: -item[1])[:TOP]
    return Summary(requests, bytes_sent, dict(sorted(statuses.items())), busiest)
