"""A correct parse_duration: one verbose regular expression for the whole text, decimal arithmetic.

Unlike the reference it matches the whole text at once (a named group per unit, so order and
repetition are the regular expression's business), computes with ``decimal`` in a context wide
enough to be exact, raises its own ``DurationError`` (a subclass of ``ValueError``) with its own
message, and writes the canonical form from the total number of microseconds.
"""

from __future__ import annotations

import re
from datetime import timedelta
from decimal import ROUND_HALF_EVEN, Decimal, localcontext

__all__ = ["DurationError", "format_duration", "parse_duration"]

_ONE_MICROSECOND = timedelta(microseconds=1)
_LARGEST = timedelta.max // _ONE_MICROSECOND
_UNITS = (("d", 86_400_000_000), ("h", 3_600_000_000), ("m", 60_000_000), ("s", 1_000_000))
_NUMBER = r"[0-9]+(?:\.[0-9]+)?"
_DURATION = re.compile(
    rf"""
    (?=[0-9])                  # a part comes first: not empty, no leading space
    (?:(?P<d>{_NUMBER})d\ *)?
    (?:(?P<h>{_NUMBER})h\ *)?
    (?:(?P<m>{_NUMBER})m\ *)?  # backtracking gives "5ms" to the ms group
    (?:(?P<s>{_NUMBER})s\ *)?
    (?:(?P<ms>{_NUMBER})ms)?
    (?<!\ )                    # no trailing space
    """,
    re.VERBOSE,
)
_MICROSECONDS = {**dict(_UNITS), "ms": 1_000}


class DurationError(ValueError):
    """Text that is not a duration, or a duration that is too long or negative."""


def parse_duration(text: str) -> timedelta:
    """Return the duration ``text`` writes, such as ``"1h30m"``."""
    match = _DURATION.fullmatch(text)
    if match is None:
        raise DurationError(f"not a duration: {text!r} (write it like '1d 2h 3m 4.5s 6ms')")
    with localcontext() as context:
        context.prec = len(text) + 30  # more digits than any sum of these parts: exact
        total = sum(
            (
                Decimal(number) * _MICROSECONDS[unit]
                for unit, number in match.groupdict().items()
                if number is not None
            ),
            Decimal(0),
        )
        microseconds = int(total.to_integral_value(rounding=ROUND_HALF_EVEN))
    if microseconds > _LARGEST:
        raise DurationError(f"{text!r} is longer than timedelta.max")
    return timedelta(microseconds=microseconds)


def format_duration(delta: timedelta) -> str:
    """Return the canonical form of ``delta``: ``"1d2h3m4s5.5ms"``, ``"0s"`` for zero."""
    rest = delta // _ONE_MICROSECOND
    if rest < 0:
        raise DurationError(f"{delta} is negative")
    written = ""
    for unit, size in _UNITS:
        count, rest = divmod(rest, size)
        if count:
            written += f"{count}{unit}"
    if rest:
        written += format((Decimal(rest) / 1000).normalize(), "f") + "ms"
    return written or "0s"
