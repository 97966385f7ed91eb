"""Mutant: a decimal number loses its fraction (1.5h is read as 1h).

Seen in real code: int(float(value)) where the value may be a decimal.
"""

from __future__ import annotations

import re
from datetime import timedelta
from fractions import Fraction

__all__ = ["format_duration", "parse_duration"]

# Microseconds per unit, from the largest unit to the smallest: the order the grammar requires.
_MICROSECONDS = {
    "d": 86_400_000_000,
    "h": 3_600_000_000,
    "m": 60_000_000,
    "s": 1_000_000,
    "ms": 1_000,
}
_RANK = {unit: rank for rank, unit in enumerate(_MICROSECONDS)}

# One part and the spaces after it. "ms" is tried before "m": "5ms" is never "5m" then "s".
# [0-9], not \d: \d also matches the digits of other scripts, which the grammar excludes.
_PART = re.compile(r"(?P<number>[0-9]+(?:\.[0-9]+)?)(?P<unit>ms|[dhms]) *")


def parse_duration(text: str) -> timedelta:
    """Return the duration that ``text`` writes, such as ``"1h30m"``; see the module docstring.

    Raise ValueError for text outside the grammar and for a total above ``timedelta.max``.
    """
    if not text or text.startswith(" ") or text.endswith(" "):
        raise ValueError(f"invalid duration {text!r}: empty, or spaces around it")
    total = Fraction(0)
    previous_rank = -1
    position = 0
    while position < len(text):
        part = _PART.match(text, position)
        if part is None:
            raise ValueError(
                f"invalid duration {text!r}: expected a number and a unit at position {position}"
            )
        unit = part["unit"]
        if _RANK[unit] <= previous_rank:
            raise ValueError(f"invalid duration {text!r}: unit {unit!r} repeated or out of order")
        previous_rank = _RANK[unit]
        total += int(float(part["number"])) * _MICROSECONDS[unit]
        position = part.end()
    try:
        return timedelta(microseconds=round(total))  # round() on a Fraction: halves to even
    except OverflowError:
        raise ValueError(f"invalid duration {text!r}: above timedelta.max") from None


def format_duration(delta: timedelta) -> str:
    """Return the canonical form of ``delta``, such as ``"1h30m"``; ``"0s"`` for zero.

    Raise ValueError if ``delta`` is negative.
    """
    if delta < timedelta(0):
        raise ValueError(f"cannot format a negative duration: {delta!r}")
    if not delta:
        return "0s"
    minutes, seconds = divmod(delta.seconds, 60)
    hours, minutes = divmod(minutes, 60)
    milliseconds, microseconds = divmod(delta.microseconds, 1000)
    whole_units = {"d": delta.days, "h": hours, "m": minutes, "s": seconds}
    parts = [f"{value}{unit}" for unit, value in whole_units.items() if value]
    if delta.microseconds:
        fraction = f".{microseconds:03d}".rstrip("0").rstrip(".")
        parts.append(f"{milliseconds}{fraction}ms")
    return "".join(parts)
