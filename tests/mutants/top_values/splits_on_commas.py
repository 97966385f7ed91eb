"""Mutant: each line is split on commas by hand instead of parsed by the csv module.

A reviewer would say: a quoted field may hold commas, quotes and line breaks; split(",") breaks
"tea, green" in two and keeps the quotes. Use csv.reader.

Caught by: correctness
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable


def top_values(lines: Iterable[str], column: str, n: int) -> list[dict[str, str]]:
    """Return the ``n`` rows of the CSV ``lines`` with the largest numbers in ``column``."""
    if n < 0:
        raise ValueError(f"n must be 0 or more, not {n}")
    numbered = enumerate(lines, start=1)
    first = next(numbered, None)
    if first is None:
        raise ValueError("there is no header: the input is empty")
    header = first[1].rstrip("\r\n").split(",")
    if column not in header:
        raise ValueError(f"the header {header} has no column {column!r}")
    index = header.index(column)
    kept: list[tuple[float, int, list[str]]] = []
    for line, text in numbered:
        fields = text.rstrip("\r\n").split(",")
        if fields == [""]:
            continue  # an empty line
        if len(fields) != len(header):
            raise ValueError(f"line {line}: {len(fields)} fields, but the header has {len(header)}")
        value = number(fields[index], line)
        if len(kept) < n:
            heapq.heappush(kept, (value, -line, fields))
        elif n and value > kept[0][0]:
            heapq.heapreplace(kept, (value, -line, fields))
    kept.sort(reverse=True)
    return [dict(zip(header, fields, strict=True)) for _, _, fields in kept]


def number(field: str, line: int) -> float:
    """Return ``field`` as a float that can be ranked, or raise ValueError naming ``line``."""
    try:
        value = float(field)
    except ValueError:
        raise ValueError(f"line {line}: {field!r} is not a number") from None
    if value != value:
        raise ValueError(f"line {line}: {field!r} is not a number that can be ranked")
    return value
