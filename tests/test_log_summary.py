"""Tests of log_summary: the original's results on any log, and a peak memory cut by steps."""

from __future__ import annotations

import random
from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from tests.memory import format_size, peak_memory
from tests.originals import log_summary as original
from tests.submission import load

if TYPE_CHECKING:
    from solutions import log_summary as exercise
else:
    exercise = load("log_summary")

summarize = exercise.summarize

# --- Correctness: the original's results -------------------------------------------------------

# Small alphabets, so that repeated paths, ties and skipped lines are common. '²' is a digit
# but not a decimal (int() refuses it); '٣' is a decimal digit int() reads as 3.
FIELDS = {
    "method": st.sampled_from(["GET", "POST"]),
    "path": st.sampled_from(["/", "/a", "/b", "/c", "/d"]),
    "status": st.sampled_from(["200", "200", "404", "500", "301", "2x0", "²", "-1", "٣"]),
    "size": st.sampled_from(["0", "12", "512", "x", "٣", "²", ""]),
}
SEPARATORS = st.sampled_from([" ", "  ", "\t", " \t "])


@st.composite
def log_lines(draw: st.DrawFn) -> str:
    fields = [draw(FIELDS[name]) for name in ("method", "path", "status", "size")]
    count = draw(st.sampled_from([4, 4, 4, 4, 3, 5]))  # now and then a field short or extra
    fields = [*fields, "extra"][:count]
    separator = draw(SEPARATORS)
    return draw(st.sampled_from(["", " ", "\n"])) + separator.join(fields)


def call(lines: list[str]) -> exercise.Summary:
    """The submission's summary of ``lines``, read from an iterator as a log would be."""
    return summarize(iter(lines))


@given(st.lists(log_lines(), max_size=40))
@example(["GET /a 200 1", "GET /b 200 1", "GET /b 200 1", "GET /a 200 1"])  # a tie: /a first
@example(["GET /a 2²0 1", "GET /a 200 ²"])  # digits that are not decimals are skipped
@example(["GET\t/a\t200\t1", "GET  /b  404  2"])  # any whitespace separates fields
def test_results_are_the_originals(lines: list[str]) -> None:
    got, expected = tuple(call(lines)), tuple(original.summarize(iter(lines)))
    assert got == expected, f"summarize({lines!r}) returned {got!r}, the original {expected!r}"


def test_the_statement_example() -> None:
    lines = ["GET / 200 512", "GET /a 404 0", "bad line", "POST / 200 20"]
    expected = exercise.Summary(3, 532, {200: 2, 404: 1}, [("/", 2), ("/a", 1)])
    got = call(lines)
    assert got == expected, f"summarize({lines!r}) returned {got!r}, expected {expected!r}"


def test_an_empty_log() -> None:
    got = call([])
    assert got == (0, 0, {}, []), f"summarize([]) returned {got!r}, expected (0, 0, {{}}, [])"


def test_ties_keep_the_order_of_first_appearance() -> None:
    lines = ["GET /d 200 1", "GET /c 200 1", "GET /b 200 1", "GET /a 200 1", "GET /a 200 1"]
    got = call(lines).busiest
    expected = [("/a", 2), ("/d", 1), ("/c", 1)]
    assert got == expected, f"busiest of {lines!r} was {got!r}, expected {expected!r}"


def test_statuses_come_in_increasing_order() -> None:
    lines = ["GET / 500 1", "GET / 200 1", "GET / 404 1"]
    got = list(call(lines).by_status)
    assert got == [200, 404, 500], f"by_status of {lines!r} had the keys {got!r} in that order"


# --- Memory: the peak against the original's, in the same run ---------------------------------

LINES = 20_000
STEPS = (2, 10, 50, 200)  # a quarter of the performance points at each


def log(count: int, seed: int = 7) -> Iterator[str]:
    """A log of ``count`` lines made one at a time, so that only what summarize keeps counts."""
    rng = random.Random(seed)
    statuses = (200, 200, 200, 301, 404, 500)
    for _ in range(count):
        if rng.random() < 0.05:
            yield "a line that is not a request"
        else:
            path = f"/products/{rng.randrange(50)}/reviews"
            yield f"GET {path} {rng.choice(statuses)} {rng.randrange(100_000)}"


@pytest.fixture(scope="module")
def peaks() -> tuple[int, int]:
    """The original's peak and the submission's, in bytes, on the same lines."""
    summarize(log(100))  # a first call fills caches and imports, which are not the log's
    theirs = peak_memory(lambda: original.summarize(log(LINES)))
    ours = peak_memory(lambda: summarize(log(LINES)))
    return theirs, max(ours, 1)


@pytest.mark.timing
@pytest.mark.parametrize("step", STEPS, ids=[f"{step}x_less" for step in STEPS])
def test_peak_memory_is_cut(peaks: tuple[int, int], step: int) -> None:
    theirs, ours = peaks
    if ours * step > theirs:
        pytest.fail(
            f"summarize(lines) peaked at {format_size(ours)} on {LINES:,} lines, "
            f"{theirs / ours:.1f}x less than the original's {format_size(theirs)} in this run; "
            f"this step needs {step}x less",
            pytrace=False,
        )
