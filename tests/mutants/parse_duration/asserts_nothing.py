"""Mutant: the tests call the functions but assert nothing.

A reviewer would say: every test passes whatever the functions return; a call that raises the
expected ValueError is swallowed, and so is one that should have raised and did not. It catches
no buggy version at all (every chaff passes it).

Caught by: correctness
"""

from __future__ import annotations

from datetime import timedelta

from parse_duration import format_duration, parse_duration


def test_parses_the_examples() -> None:
    for text in ["1h30m", "45s", "2d", "1h 30m", "1.5h", "90m", "500ms"]:
        parse_duration(text)


def test_formats_some_durations() -> None:
    for delta in [timedelta(0), timedelta(hours=1, minutes=30), timedelta(days=2)]:
        format_duration(delta)


def test_bad_text_is_handled() -> None:
    for text in ["", "1h30", "1w", "30m1h", "-1h"]:
        try:
            parse_duration(text)
        except ValueError:
            pass
