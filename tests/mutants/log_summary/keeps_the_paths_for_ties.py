"""Mutant: every kept path is remembered, to break ties by first appearance.

A reviewer would say: a Counter already keeps first appearances in order; the list of paths grows
with the log.

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
    seen: list[str] = []
    for line in lines:
        fields = line.split()
        if len(fields) != 4 or not (fields[2].isdecimal() and fields[3].isdecimal()):
            continue
        _, path, status, size = fields
        requests += 1
        bytes_sent += int(size)
        statuses[int(status)] += 1
        paths[path] += 1
        seen.append(path)
    # sorted() is stable and a Counter keeps first appearances in order: ties stay in log order.
    busiest = sorted(paths.items(), key=lambda item: (-item[1], seen.index(item[0])))[:TOP]
    return Summary(requests, bytes_sent, dict(sorted(statuses.items())), busiest)
