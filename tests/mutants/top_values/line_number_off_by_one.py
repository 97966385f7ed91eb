"""Mutant: line numbers count the data rows from 1, leaving the header out.

A reviewer would say: the statement counts the header as line 1, as an editor does; this names
the line before the bad one.

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
        # The n best rows so far, as (value, -line, fields): a min-heap whose root is the weakest
        # kept row, the smallest value and, of equal values, the one that came last. Lines are
        # unique, so the fields are never compared.
        kept: list[tuple[float, int, list[str]]] = []
        for fields in reader:
            if not fields:
                continue  # an empty line
            line = reader.line_num - 1
            if len(fields) != len(header):
                raise ValueError(
                    f"line {line}: {len(fields)} fields, but the header has {len(header)}"
                )
            value = number(fields[index], line)
            if len(kept) < n:
                heapq.heappush(kept, (value, -line, fields))
            # A later row of equal value ranks below every kept one, so only a larger value
            # enters; comparing the floats alone spares building a tuple for most rows.
            elif n and value > kept[0][0]:
                heapq.heapreplace(kept, (value, -line, fields))
    except csv.Error as error:
        raise ValueError(f"line {reader.line_num}: {error}") from None
    kept.sort(reverse=True)
    return [dict(zip(header, fields, strict=True)) for _, _, fields in kept]


def number(field: str, line: int) -> float:
    """Return ``field`` as a float that can be ranked, or raise ValueError naming ``line``."""
    try:
        value = float(field)
    except ValueError:
        raise ValueError(f"line {line}: {field!r} is not a number") from None
    if value != value:  # NaN is the only float unequal to itself
        raise ValueError(f"line {line}: {field!r} is not a number that can be ranked")
    return value
