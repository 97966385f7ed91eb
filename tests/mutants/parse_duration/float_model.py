"""Mutant: the expected values are computed with floats, so the tests pin float rounding.

A reviewer would say: the statement says the value is exact (no floating point); a model that
builds timedelta(seconds=float(number)) disagrees with it by a microsecond once a number has
more significant digits than a float holds (10000000000.000001s). The test fails on the module
given and on all three wheats (one_regex_decimal, hand_scanner, findall_and_rejoin): false
alarms on every correct version.

Caught by: correctness
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from hypothesis import example, given
from hypothesis import strategies as st
from parse_duration import parse_duration


@given(st.decimals(min_value=0, max_value=10**11, places=6))
@example(Decimal("10000000000.000001"))
def test_seconds_with_decimals(seconds: Decimal) -> None:
    text = f"{seconds:f}s"
    assert parse_duration(text) == timedelta(seconds=float(seconds))
