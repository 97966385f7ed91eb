"""Mutant: only the examples of the statement, all of them valid text.

A reviewer would say: nothing checks what must be refused (empty text, a bare number, units out
of order or repeated, a sign, upper case, spaces inside a part, overflow), nor zero, milliseconds
or the edges of format_duration. It catches only truncates_decimals, reads_m_as_months and
format_always_shows_seconds, and misses the other nineteen chaff.

Caught by: correctness
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from parse_duration import format_duration, parse_duration


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1h30m", timedelta(hours=1, minutes=30)),
        ("45s", timedelta(seconds=45)),
        ("2d", timedelta(days=2)),
        ("1h 30m", timedelta(hours=1, minutes=30)),
        ("1.5h", timedelta(hours=1, minutes=30)),
        ("90m", timedelta(minutes=90)),
    ],
)
def test_parses_the_examples(text: str, expected: timedelta) -> None:
    assert parse_duration(text) == expected


def test_formats_an_hour_and_a_half() -> None:
    assert format_duration(timedelta(hours=1, minutes=30)) == "1h30m"
