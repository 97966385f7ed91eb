"""Mutant: the property tests draw from too narrow a space: one whole-number part, under a day.

A reviewer would say: integers from 1 to 59 with h, m or s, and whole seconds below a day, never
reach zero, days, milliseconds, decimals, several parts, spaces, carries (90m), microseconds or
huge values, so the properties pass on most buggy versions. With its three error examples it
catches reads_m_as_months, empty_text_is_zero, reads_a_bare_number_as_seconds and
ignores_trailing_text, and misses the other eighteen chaff.

Caught by: correctness
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st
from parse_duration import format_duration, parse_duration

SECONDS_PER_UNIT = {"h": 3600, "m": 60, "s": 1}


@given(st.integers(1, 59), st.sampled_from(["h", "m", "s"]))
def test_one_part(number: int, unit: str) -> None:
    expected = timedelta(seconds=number * SECONDS_PER_UNIT[unit])
    assert parse_duration(f"{number}{unit}") == expected


@given(st.integers(1, 86_399))
def test_round_trip(seconds: int) -> None:
    delta = timedelta(seconds=seconds)
    assert parse_duration(format_duration(delta)) == delta


@pytest.mark.parametrize("text", ["", "1h30", "abc"])
def test_refuses(text: str) -> None:
    with pytest.raises(ValueError):
        parse_duration(text)
