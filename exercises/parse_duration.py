"""Parse and format durations written like ``"1h30m"``, ``"45s"`` or ``"1.5h"``.

``parse_duration(text)`` reads a duration and returns it as a ``datetime.timedelta``;
``format_duration(delta)`` writes a ``timedelta`` back in the canonical form.

Grammar of ``parse_duration``
-----------------------------
A duration is one or more *parts*; a part is a number immediately followed by a unit::

    duration = part, { { " " }, part }
    part     = number, unit
    number   = digits, [ ".", digits ]
    digits   = digit, { digit }          digit = "0" | "1" | ... | "9"
    unit     = "d" | "h" | "m" | "s" | "ms"

- Units: ``d`` a day (24 hours), ``h`` an hour, ``m`` a minute (never a month), ``s`` a
  second, ``ms`` a millisecond. Lower case only: ``"1H"`` is an error.
- Each unit appears at most once, from the largest to the smallest: ``d``, ``h``, ``m``,
  ``s``, ``ms``. Units may be skipped (``"1d5s"``); ``"30m1h"`` and ``"1h2h"`` are errors.
- Numbers are ASCII digits, with an optional fraction that has digits on both sides of the
  point (``"1.5h"``; not ``".5h"`` nor ``"5.h"``). Leading zeros are fine (``"05m"``). There
  is no sign: ``"-1h"`` and ``"+1h"`` are errors. A value need not be smaller than the next
  unit up: ``"90m"`` is ``"1h30m"`` and ``"36h"`` is ``"1d12h"``. A zero part is a part:
  ``"0s"`` is valid (zero), and ``"0h"`` still counts for the order (``"0h1h"`` is an error).
- Parts may be separated by any number of spaces (``"1h30m"``, ``"1h 30m"``, ``"1h   30m"``).
  No other whitespace, no space inside a part (``"1 h"``, ``"1 5m"``), and no space before
  the first part or after the last.
- The value is the exact sum of the parts (no floating point), rounded once to the nearest
  microsecond, halves to even, as ``timedelta`` itself rounds: ``"1.5h"`` is 1 h 30 min,
  ``"0.0000015s"`` is 2 microseconds.

``parse_duration`` raises ``ValueError`` for any text outside this grammar: the empty string,
spaces alone, a number without a unit (``"1h30"``), a unit without a number (``"h"``), an
unknown unit (``"1w"``, ``"1H"``), a repeated unit, units out of order, a sign, any other
character; and for a total above ``timedelta.max``. The exception may be a subclass of
``ValueError``, and its message is not part of the contract: callers must not depend on it.

Canonical form: ``format_duration``
-----------------------------------
``format_duration(delta)`` writes a ``timedelta`` of zero or more as its non-zero units from the
largest to the smallest, without spaces: whole days, then hours (0-23), minutes (0-59) and
seconds (0-59), then milliseconds (0-999) with the microseconds, if any, as up to three
decimals without trailing zeros (1500 microseconds is ``"1.5ms"``). The zero duration is
``"0s"``. A negative ``delta`` raises ``ValueError``.

So ``parse_duration(format_duration(delta)) == delta`` for every ``delta >= timedelta(0)``,
and ``format_duration(parse_duration(text))`` is the canonical form of any valid ``text``.

Examples
--------
>>> parse_duration("1h30m")
datetime.timedelta(seconds=5400)
>>> parse_duration("1.5h") == parse_duration("90m") == parse_duration("1h 30m")
True
>>> parse_duration("2d 0.5s")
datetime.timedelta(days=2, microseconds=500000)
>>> format_duration(parse_duration("90m"))
'1h30m'
>>> format_duration(parse_duration("36h 1500ms"))
'1d12h1s500ms'
>>> format_duration(parse_duration("0.0015s"))
'1.5ms'
>>> format_duration(parse_duration("0h"))
'0s'
>>> parse_duration("1h30")
Traceback (most recent call last):
    ...
ValueError: invalid duration '1h30': expected a number and a unit at position 2
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
        total += Fraction(part["number"]) * _MICROSECONDS[unit]
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
