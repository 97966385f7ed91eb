"""Mutant: the tests check valid text only; nothing that must raise is tried.

A reviewer would say: half of the contract is what parse_duration refuses and format_duration
rejects. It misses the 13 chaff that accept what they should refuse:
accepts_a_bare_decimal_point, accepts_a_bare_zero, accepts_a_minus_sign,
accepts_non_ascii_digits, accepts_units_out_of_order, accepts_upper_case_units,
adds_a_repeated_unit, reads_a_bare_number_as_seconds, empty_text_is_zero,
ignores_spaces_inside_parts, ignores_trailing_text, overflow_is_not_value_error,
format_accepts_negative.

Caught by: correctness
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from parse_duration import format_duration, parse_duration

HOUR_AND_A_HALF = timedelta(hours=1, minutes=30)

# text, its value, its canonical form
VALID = [
    ("1h30m", HOUR_AND_A_HALF, "1h30m"),
    ("45s", timedelta(seconds=45), "45s"),
    ("2d", timedelta(days=2), "2d"),
    ("1h 30m", HOUR_AND_A_HALF, "1h30m"),
    ("1h    30m", HOUR_AND_A_HALF, "1h30m"),
    ("1.5h", HOUR_AND_A_HALF, "1h30m"),
    ("90m", HOUR_AND_A_HALF, "1h30m"),
    ("5400s", HOUR_AND_A_HALF, "1h30m"),
    ("36h", timedelta(hours=36), "1d12h"),
    ("0s", timedelta(0), "0s"),
    ("0d 0ms", timedelta(0), "0s"),
    ("05m", timedelta(minutes=5), "5m"),
    ("2h0m0s", timedelta(hours=2), "2h"),
    ("1d 5s", timedelta(days=1, seconds=5), "1d5s"),
    (
        "1d2h3m4s5ms",
        timedelta(days=1, hours=2, minutes=3, seconds=4, milliseconds=5),
        "1d2h3m4s5ms",
    ),
    ("500ms", timedelta(milliseconds=500), "500ms"),
    ("1m 1500ms", timedelta(minutes=1, milliseconds=1500), "1m1s500ms"),
    ("1.5ms", timedelta(microseconds=1500), "1.5ms"),
    ("0.001ms", timedelta(microseconds=1), "0.001ms"),
    ("0.25d", timedelta(hours=6), "6h"),
    ("0.0000015s", timedelta(microseconds=2), "0.002ms"),
    ("0.0000025s", timedelta(microseconds=2), "0.002ms"),
    ("0.0000005s", timedelta(0), "0s"),
    ("10000000000.000001s", timedelta(seconds=10**10, microseconds=1), "115740d17h46m40s0.001ms"),
    ("999999999d 23h 59m 59s 999.999ms", timedelta.max, "999999999d23h59m59s999.999ms"),
]


@pytest.mark.parametrize(("text", "value", "canonical"), VALID)
def test_parse_duration(text: str, value: timedelta, canonical: str) -> None:
    assert parse_duration(text) == value, f"parse_duration({text!r})"


@pytest.mark.parametrize(("text", "value", "canonical"), VALID)
def test_format_duration(text: str, value: timedelta, canonical: str) -> None:
    assert format_duration(value) == canonical, f"format_duration({value!r})"


@pytest.mark.parametrize(("text", "value", "canonical"), VALID)
def test_the_canonical_form_parses_back(text: str, value: timedelta, canonical: str) -> None:
    assert parse_duration(canonical) == value, f"parse_duration({canonical!r})"
