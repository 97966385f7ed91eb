"""A correct parse_duration: a hand-written scanner, integer arithmetic, no regular expression.

Unlike the reference it walks the text one character at a time into (digits, fraction, unit)
tokens, checks the syntax of the whole text before the order of the units (so a text with two
problems reports another one first), keeps the sum as an integer over a power of ten and rounds
halves to even by hand, raises plain ``ValueError`` with messages of its own, and writes the
milliseconds with float formatting.
"""

from __future__ import annotations

from datetime import timedelta
from itertools import pairwise
from typing import NamedTuple

__all__ = ["format_duration", "parse_duration"]

_ORDER = ("d", "h", "m", "s", "ms")
_SIZE = {"d": 86_400_000_000, "h": 3_600_000_000, "m": 60_000_000, "s": 1_000_000, "ms": 1_000}
_DIGITS = frozenset("0123456789")
_LARGEST = timedelta.max // timedelta(microseconds=1)


class _Part(NamedTuple):
    whole: str
    fraction: str
    unit: str


def _digits(text: str, start: int) -> int:
    """Return the index just past the ASCII digits that begin at ``start``."""
    end = start
    while end < len(text) and text[end] in _DIGITS:
        end += 1
    return end


def _scan(text: str) -> list[_Part]:
    """Split ``text`` into parts, or raise ValueError at the first character out of place."""
    parts: list[_Part] = []
    i = 0
    while True:
        start = i
        i = _digits(text, start)
        if i == start:
            raise ValueError(f"a number was expected at index {start} of {text!r}")
        whole, fraction = text[start:i], ""
        if i < len(text) and text[i] == ".":
            end = _digits(text, i + 1)
            if end == i + 1:
                raise ValueError(f"the point at index {i} of {text!r} needs digits after it")
            fraction, i = text[i + 1 : end], end
        if text.startswith("ms", i):
            unit = "ms"
        elif i < len(text) and text[i] in "dhms":
            unit = text[i]
        else:
            raise ValueError(f"{text[start:i]!r} in {text!r} has no unit (d, h, m, s or ms)")
        i += len(unit)
        parts.append(_Part(whole, fraction, unit))
        if i == len(text):
            return parts
        while i < len(text) and text[i] == " ":
            i += 1
        # a space at the end falls through to "a number was expected"


def parse_duration(text: str) -> timedelta:
    """Return the duration ``text`` writes, such as ``"1h30m"``."""
    parts = _scan(text)
    ranks = [_ORDER.index(part.unit) for part in parts]
    if any(later <= earlier for earlier, later in pairwise(ranks)):
        raise ValueError(f"units must go d, h, m, s, ms, each at most once: {text!r}")
    places = max(len(part.fraction) for part in parts)
    scale = 10**places
    numerator = sum(
        int(part.whole + part.fraction) * 10 ** (places - len(part.fraction)) * _SIZE[part.unit]
        for part in parts
    )
    microseconds, remainder = divmod(numerator, scale)
    if 2 * remainder > scale or (2 * remainder == scale and microseconds % 2):
        microseconds += 1
    if microseconds > _LARGEST:
        raise ValueError(f"{text!r} does not fit in a timedelta")
    return timedelta(microseconds=microseconds)


def format_duration(delta: timedelta) -> str:
    """Return the canonical form of ``delta``: ``"1d2h3m4s5.5ms"``, ``"0s"`` for zero."""
    if delta.days < 0:
        raise ValueError("durations below zero have no canonical form")
    hours, seconds = divmod(delta.seconds, 3600)
    minutes, seconds = divmod(seconds, 60)
    out = []
    if delta.days:
        out.append(f"{delta.days}d")
    if hours:
        out.append(f"{hours}h")
    if minutes:
        out.append(f"{minutes}m")
    if seconds:
        out.append(f"{seconds}s")
    if delta.microseconds:
        milliseconds = f"{delta.microseconds / 1000:.3f}".rstrip("0").rstrip(".")
        out.append(milliseconds + "ms")
    return "".join(out) if out else "0s"
