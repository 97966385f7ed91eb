"""Mutant: the only test is the round trip parse_duration(format_duration(d)) == d.

A reviewer would say: a round trip proves the two functions agree with each other, not with the
statement. It never feeds parse_duration anything but the canonical form (no spaces, no
decimals above milliseconds, no 90m), never checks the canonical text itself, and never tries
text that must be refused. It still catches what breaks the canonical forms (reads_m_as_months,
reads_ms_as_minutes, truncates_decimals on "1.5ms", format_ignores_days, format_zero_is_empty,
format_drops_microseconds) and misses the other sixteen chaff, format_always_shows_seconds
among them ("1h0s" parses back to the same hour).

Caught by: correctness
"""

from __future__ import annotations

from datetime import timedelta

from hypothesis import given
from hypothesis import strategies as st
from parse_duration import format_duration, parse_duration


@given(st.timedeltas(min_value=timedelta(0)))
def test_format_then_parse_gives_the_same_duration(delta: timedelta) -> None:
    assert parse_duration(format_duration(delta)) == delta
