"""Write the tests for ``parse_duration`` and ``format_duration``.

The module ``parse_duration.py`` is finished and documented: its docstring is the whole
contract (the grammar, the value, the canonical form, what raises). Your task is to write, in
this file, the tests that tell an implementation of that contract from a wrong one.

How it is graded
----------------
- Correctness: your suite runs against hidden implementations of the same module. Some are
  correct, written in other designs (a single regular expression, a hand-written scanner, ...):
  your suite must pass on every one of them, as on the module you were given, since a test that
  fails a correct implementation is a false alarm. Each of the others has one bug of the kind
  real duration parsers have; your score is the share of them your suite catches (fails on).
  The report names, in words, the kinds of bug your suite missed.
- Performance: the whole suite must finish within a bound measured against the reference
  suite, so keep hypothesis's example counts reasonable.
- Readability: ruff check, ruff format and mypy --strict on this file.

Test the contract and nothing else. What the docstring leaves open is not yours to pin: the text
of an error message, which subclass of ValueError is raised, how the module is written inside.
Import the two public functions (``from parse_duration import ...``) and use the standard library,
pytest and hypothesis; never read other files or try to guess which implementation is loaded.

Run your suite with ``nox -s tests -- exercises/test_parse_duration.py``.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from parse_duration import format_duration, parse_duration

# The model: microseconds per unit, in the only order the grammar allows.
UNITS = {"d": 86_400_000_000, "h": 3_600_000_000, "m": 60_000_000, "s": 1_000_000, "ms": 1_000}
MAX_MICROSECONDS = timedelta.max // timedelta(microseconds=1)


def canonical(delta: timedelta) -> str:
    """The canonical form of ``delta >= 0``, computed the plain way: divide and write down."""
    rest = delta // timedelta(microseconds=1)
    parts = []
    for unit in ("d", "h", "m", "s"):
        value, rest = divmod(rest, UNITS[unit])
        if value:
            parts.append(f"{value}{unit}")
    if rest:
        parts.append(f"{Decimal(rest) / 1000:f}ms")
    return "".join(parts) or "0s"


def check_parse(text: str, expected: timedelta) -> None:
    got = parse_duration(text)
    assert got == expected, f"parse_duration({text!r}) returned {got!r}, expected {expected!r}"


def check_rejected(text: str) -> None:
    with pytest.raises(ValueError):  # any subclass will do; the message is not the contract
        got = parse_duration(text)
        pytest.fail(f"parse_duration({text!r}) returned {got!r}, expected a ValueError")


# --- valid text ---------------------------------------------------------------------------------

VALID = [
    ("1h30m", timedelta(hours=1, minutes=30)),
    ("45s", timedelta(seconds=45)),
    ("2d", timedelta(days=2)),
    ("1h 30m", timedelta(hours=1, minutes=30)),
    ("1h   30m", timedelta(hours=1, minutes=30)),
    ("1d2h3m4s5ms", timedelta(days=1, hours=2, minutes=3, seconds=4, milliseconds=5)),
    ("1d 2h 3m 4s 5ms", timedelta(days=1, hours=2, minutes=3, seconds=4, milliseconds=5)),
    ("1d5s", timedelta(days=1, seconds=5)),
    ("90m", timedelta(minutes=90)),
    ("36h", timedelta(hours=36)),
    ("500ms", timedelta(milliseconds=500)),
    ("1m500ms", timedelta(minutes=1, milliseconds=500)),
    ("05m", timedelta(minutes=5)),
    ("0s", timedelta(0)),
    ("0h30m", timedelta(minutes=30)),
    ("1.5h", timedelta(hours=1, minutes=30)),
    ("0.5d", timedelta(hours=12)),
    ("2.25m", timedelta(minutes=2, seconds=15)),
    ("1.5ms", timedelta(microseconds=1500)),
    ("0.001ms", timedelta(microseconds=1)),
    ("0.0000015s", timedelta(microseconds=2)),  # halves round to even...
    ("0.0000025s", timedelta(microseconds=2)),  # ...both ways
    ("10000000000.000001s", timedelta(seconds=10_000_000_000, microseconds=1)),  # beyond a float
    ("999999999d 23h 59m 59.999999s", timedelta.max),
]


@pytest.mark.parametrize(("text", "expected"), VALID)
def test_parses_valid_text(text: str, expected: timedelta) -> None:
    check_parse(text, expected)


# --- invalid text -------------------------------------------------------------------------------

INVALID = {
    "nothing": ["", " ", "   "],
    "a number without a unit": ["1", "0", "1h30", "1h 30", "1.5"],
    "a unit without a number": ["h", "1hh", "1h m", "1mss"],
    "an unknown unit": ["1w", "1y", "1x", "1hr", "1sec", "1us"],
    "upper case": ["1H", "1D", "1M", "1S", "1MS", "1Ms"],
    "a repeated unit": ["1h2h", "1s 1s", "1ms1ms", "0h1h"],
    "units out of order": ["30m1h", "1s1m", "1ms1s", "1s1d", "5s 1h"],
    "a sign": ["-1h", "+1h", "1h-30m", "-0s"],
    "a space inside a part": ["1 h", "1 5m", "1. 5h", "1 .5h"],
    "spaces around": [" 1h", "1h ", " 1h "],
    "other whitespace": ["1h\t30m", "1h\n30m", "\n1h"],
    "a malformed number": [".5h", "5.h", "1.2.3h", "1,5h", "1e3s", "1_000s", "1/2h"],
    "non-ASCII digits": ["\u0661h", "\uff11h", "\u00b9h"],
    "trailing text": ["1hx", "1h30x", "1h,30m", "1h and 30m"],
    "beyond timedelta.max": ["1000000000d", "999999999d 24h", "99999999999999999999999s"],
}


@pytest.mark.parametrize("text", [text for texts in INVALID.values() for text in texts], ids=repr)
def test_rejects_text_outside_the_grammar(text: str) -> None:
    check_rejected(text)


# --- properties of parse_duration ---------------------------------------------------------------

# Small whole numbers make carries common (90m, 36h); large ones with many decimals go where a
# float loses microseconds and where the total passes timedelta.max.
WHOLE = st.one_of(st.integers(0, 100), st.integers(0, 10**12)).map(str)
NUMBERS = st.builds(
    lambda zeros, whole, fraction: zeros + whole + fraction,
    st.sampled_from(["", "", "", "0"]),
    WHOLE,
    st.one_of(st.just(""), st.text("0123456789", min_size=1, max_size=9).map(lambda f: "." + f)),
)
SPACES = st.sampled_from(["", "", " ", "  "])


@st.composite
def durations(draw: st.DrawFn) -> tuple[str, int]:
    """A valid text and its exact value in microseconds, rounded halves to even."""
    units = draw(st.lists(st.sampled_from(list(UNITS)), min_size=1, unique=True))
    units.sort(key=list(UNITS).index)
    text = ""
    total = Fraction(0)
    for unit in units:
        number = draw(NUMBERS)
        text += (draw(SPACES) if text else "") + number + unit
        total += Fraction(number) * UNITS[unit]
    return text, round(total)


@given(durations())
@example(("10000000000.000001s", 10_000_000_000_000_001))
@example(("1d 1h", 90_000_000_000))
def test_parse_is_the_exact_sum_of_the_parts(case: tuple[str, int]) -> None:
    text, microseconds = case
    if microseconds > MAX_MICROSECONDS:
        check_rejected(text)
    else:
        check_parse(text, timedelta(microseconds=microseconds))


@given(durations())
def test_format_of_a_parse_is_the_canonical_form(case: tuple[str, int]) -> None:
    text, microseconds = case
    if microseconds <= MAX_MICROSECONDS:
        got = format_duration(parse_duration(text))
        expected = canonical(timedelta(microseconds=microseconds))
        assert got == expected, f"format_duration(parse_duration({text!r})) returned {got!r}"


@given(
    st.sampled_from(list(UNITS)),
    st.sampled_from(list(UNITS)),
    st.integers(0, 99),
    st.integers(0, 99),
    SPACES,
)
def test_rejects_a_unit_repeated_or_out_of_order(
    first: str, second: str, a: int, b: int, space: str
) -> None:
    order = list(UNITS)
    if order.index(first) < order.index(second):
        first, second = second, first  # now a repeat, or a smaller unit before a larger one
    check_rejected(f"{a}{first}{space}{b}{second}")


# --- format_duration ----------------------------------------------------------------------------

FORMATTED = [
    (timedelta(0), "0s"),
    (timedelta(hours=1, minutes=30), "1h30m"),
    (timedelta(minutes=90), "1h30m"),
    (timedelta(days=2), "2d"),
    (timedelta(hours=36), "1d12h"),
    (timedelta(days=1, seconds=5), "1d5s"),
    (timedelta(hours=1), "1h"),
    (timedelta(days=3, minutes=1), "3d1m"),
    (timedelta(seconds=59), "59s"),
    (timedelta(milliseconds=1500), "1s500ms"),
    (timedelta(milliseconds=100), "100ms"),
    (timedelta(microseconds=1500), "1.5ms"),
    (timedelta(microseconds=10), "0.01ms"),
    (timedelta(microseconds=1), "0.001ms"),
    (timedelta(days=1, hours=2, minutes=3, seconds=4, microseconds=5_678), "1d2h3m4s5.678ms"),
    (timedelta.max, "999999999d23h59m59s999.999ms"),
]


@pytest.mark.parametrize(("delta", "expected"), FORMATTED)
def test_formats_the_canonical_form(delta: timedelta, expected: str) -> None:
    got = format_duration(delta)
    assert got == expected, f"format_duration({delta!r}) returned {got!r}, expected {expected!r}"


@pytest.mark.parametrize(
    "delta", [timedelta(microseconds=-1), timedelta(seconds=-1), timedelta(days=-1), timedelta.min]
)
def test_format_rejects_a_negative_duration(delta: timedelta) -> None:
    with pytest.raises(ValueError):
        got = format_duration(delta)
        pytest.fail(f"format_duration({delta!r}) returned {got!r}, expected a ValueError")


# Zeros are common in the small strategy, so are units that are zero between non-zero ones.
SMALL_DELTAS = st.builds(
    timedelta,
    days=st.integers(0, 2),
    hours=st.integers(0, 2),
    minutes=st.integers(0, 2),
    seconds=st.integers(0, 2),
    microseconds=st.sampled_from([0, 1, 10, 500, 1000, 1500, 999_999]),
)


@given(st.one_of(SMALL_DELTAS, st.timedeltas(min_value=timedelta(0))))
def test_format_then_parse_round_trips(delta: timedelta) -> None:
    text = format_duration(delta)
    assert text == canonical(delta), f"format_duration({delta!r}) returned {text!r}"
    check_parse(text, delta)
