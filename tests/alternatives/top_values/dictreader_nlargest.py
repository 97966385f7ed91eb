"""A correct design unlike the reference: csv.DictReader and heapq.nlargest over a generator.

A generator checks each row that ``csv.DictReader`` makes (a short row shows as a None value, a
long one as a ``restkey`` entry) and yields it; ``heapq.nlargest`` keeps the n best of them, and
is documented as equivalent to ``sorted(..., reverse=True)[:n]``, so ties keep their input order.
nlargest does not read its input when n is 0, so the rows are then drained with a zero-length
deque, since every line must be checked. A dict per row makes it slower than the reference, but
its memory holds n rows, not the input. The self-test requires it to score full marks.
"""

from __future__ import annotations

import csv
import heapq
import math
from collections import deque
from collections.abc import Iterable, Iterator

EXTRA = "\x00extra fields"  # DictReader's restkey: where the fields beyond the header go


def top_values(lines: Iterable[str], column: str, n: int) -> list[dict[str, str]]:
    """Return the ``n`` rows of the CSV ``lines`` with the largest numbers in ``column``."""
    if n < 0:
        raise ValueError(f"n must be 0 or more, not {n}")
    reader = csv.DictReader(lines, restkey=EXTRA)
    try:
        header = reader.fieldnames
    except csv.Error as error:
        raise ValueError(f"line 1: {error}") from None
    if header is None:
        raise ValueError("the input is empty: there is no header")
    if column not in header:
        raise ValueError(f"no column {column!r} in the header {list(header)}")
    rows = checked(reader, column, len(header))
    if n == 0:
        deque(rows, maxlen=0)
        return []
    return [row for _, row in heapq.nlargest(n, rows, key=lambda pair: pair[0])]


def checked(
    reader: csv.DictReader[str], column: str, width: int
) -> Iterator[tuple[float, dict[str, str]]]:
    """Yield (value, row) for each row of ``reader``, raising ValueError at a malformed one."""
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:  # DictReader's own line_num is set only after a good row
            raise ValueError(f"line {reader.reader.line_num}: {error}") from None
        if EXTRA in row or None in row.values() or len(row) != width:
            raise ValueError(f"line {reader.line_num}: the row does not have {width} fields")
        try:
            value = float(row[column])
        except ValueError:
            raise ValueError(f"line {reader.line_num}: {row[column]!r} is not a number") from None
        if math.isnan(value):
            raise ValueError(f"line {reader.line_num}: NaN cannot be ranked")
        yield value, row
