"""Mutant: the heap holds (value, row) pairs, with the row as a dict.

A reviewer would say: two rows of equal value make the heap compare the dicts, and dicts cannot
be ordered: TypeError on the first tie. Put a unique tie-breaker (the line number) between the
value and the row.

Caught by: correctness
"""

from __future__ import annotations

import csv
import heapq
from collections.abc import Iterable


def top_values(lines: Iterable[str], column: str, n: int) -> list[dict[str, str]]:
    """Return the ``n`` rows of the CSV ``lines`` with the largest numbers in ``column``."""
    if n < 0:
        raise ValueError(f"n must be 0 or more, not {n}")
    reader = csv.reader(lines)
    try:
        header = next(reader, None)
        if header is None:
            raise ValueError("there is no header: the input is empty")
        try:
            index = header.index(column)
        except ValueError:
            raise ValueError(f"the header {header} has no column {column!r}") from None
        # The n best rows so far, as (value, row): a min-heap whose root is the weakest.
        kept: list[tuple[float, dict[str, str]]] = []
        for fields in reader:
            if not fields:
                continue  # an empty line
            line = reader.line_num
            if len(fields) != len(header):
                raise ValueError(
                    f"line {line}: {len(fields)} fields, but the header has {len(header)}"
                )
            value = number(fields[index], line)
            row = dict(zip(header, fields, strict=True))
            if len(kept) < n:
                heapq.heappush(kept, (value, row))
            elif n:
                heapq.heappushpop(kept, (value, row))
    except csv.Error as error:
        raise ValueError(f"line {reader.line_num}: {error}") from None
    kept.sort(reverse=True)
    return [row for _, row in kept]


def number(field: str, line: int) -> float:
    """Return ``field`` as a float that can be ranked, or raise ValueError naming ``line``."""
    try:
        value = float(field)
    except ValueError:
        raise ValueError(f"line {line}: {field!r} is not a number") from None
    if value != value:  # NaN is the only float unequal to itself
        raise ValueError(f"line {line}: {field!r} is not a number that can be ranked")
    return value
