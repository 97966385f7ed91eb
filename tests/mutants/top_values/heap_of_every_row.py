"""Mutant: every row goes into one heap, and heapq.nlargest picks the n best from it at the end.

A reviewer would say: correct, but the heap holds every row of the input, so memory grows with
the file: 100x for 100x the lines. A heap helps only if it never holds more than n rows.

Caught by: performance
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
        # Every row, as (value, -line, fields); lines are unique, so fields are never compared.
        kept: list[tuple[float, int, list[str]]] = []
        for fields in reader:
            if not fields:
                continue  # an empty line
            line = reader.line_num
            if len(fields) != len(header):
                raise ValueError(
                    f"line {line}: {len(fields)} fields, but the header has {len(header)}"
                )
            value = number(fields[index], line)
            kept.append((value, -line, fields))
    except csv.Error as error:
        raise ValueError(f"line {reader.line_num}: {error}") from None
    heapq.heapify(kept)
    best = heapq.nlargest(n, kept)
    return [dict(zip(header, fields, strict=True)) for _, _, fields in best]


def number(field: str, line: int) -> float:
    """Return ``field`` as a float that can be ranked, or raise ValueError naming ``line``."""
    try:
        value = float(field)
    except ValueError:
        raise ValueError(f"line {line}: {field!r} is not a number") from None
    if value != value:  # NaN is the only float unequal to itself
        raise ValueError(f"line {line}: {field!r} is not a number that can be ranked")
    return value
