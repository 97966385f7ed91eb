"""A correct parse_duration: ``re.findall`` over the parts, then a check that they rejoin.

The pattern many real parsers use, done right: find every (number, unit, spaces) triple, refuse the
text unless the triples put back together are the text itself, then check the units against the
required order with a dict of units seen. It sums ``Fraction``s per unit, reports a problem of
order before checking the text is all parts (another order than the reference's), and writes the
canonical form with ``timedelta`` floor division.
"""

from __future__ import annotations

import re
from datetime import timedelta
from fractions import Fraction

__all__ = ["format_duration", "parse_duration"]

_UNIT = {
    "d": timedelta(days=1),
    "h": timedelta(hours=1),
    "m": timedelta(minutes=1),
    "s": timedelta(seconds=1),
    "ms": timedelta(milliseconds=1),
}
_TRIPLE = re.compile(r"([0-9]+(?:\.[0-9]+)?)(ms|d|h|m|s)( *)")
_MICROSECOND = timedelta(microseconds=1)


def parse_duration(text: str) -> timedelta:
    """Return the duration ``text`` writes, such as ``"1h30m"``."""
    triples = _TRIPLE.findall(text)
    seen: dict[str, Fraction] = {}
    for number, unit, _ in triples:
        if any(list(_UNIT).index(other) >= list(_UNIT).index(unit) for other in seen):
            raise ValueError(f"{unit} comes after a unit no larger than it in {text!r}")
        seen[unit] = Fraction(number)
    if not triples or "".join(map("".join, triples)) != text or text.endswith(" "):
        raise ValueError(f"cannot read {text!r} as a duration")
    exact = sum(
        (value * (_UNIT[unit] // _MICROSECOND) for unit, value in seen.items()), Fraction(0)
    )
    try:
        return timedelta(microseconds=round(exact))
    except OverflowError as error:
        raise ValueError(f"{text!r} is too long a duration") from error


def format_duration(delta: timedelta) -> str:
    """Return the canonical form of ``delta``: ``"1d2h3m4s5.5ms"``, ``"0s"`` for zero."""
    if delta < timedelta(0):
        raise ValueError(f"negative duration {delta!r}")
    pieces = []
    for unit in ("d", "h", "m", "s"):
        count, delta = divmod(delta, _UNIT[unit])
        if count:
            pieces.append(f"{count}{unit}")
    micro = delta // _MICROSECOND
    if micro:
        pieces.append(f"{micro // 1000}{f'.{micro % 1000:03}'.rstrip('0').rstrip('.')}ms")
    return "".join(pieces) or "0s"
