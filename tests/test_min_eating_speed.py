"""Tests of the ``min_eating_speed`` exercise: the specification in its docstring, on any design.

Correctness: a comparison with a linear scan over the speeds, on small piles (where exact
multiples, ties and an answer of 1 or of max(piles) are common) and on piles far above 2**53 with
small answers (where a float quotient is wrong); examples that pin each classic bug; the
ValueError cases. Every answer in these tests is small, so a correct linear scan passes them all.
Performance (``timing``): 100,000 piles up to 10**9, and piles near 2**60 (whose answers are near
2**60 too), each within a factor of a textbook binary search timed alongside; the growth from n to
10n piles, and from piles up to 10**3 to piles up to 10**9.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import TYPE_CHECKING

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from tests.submission import load
from tests.timing import best_times, check_ratio, deadline, thread_time

if TYPE_CHECKING:
    from solutions import min_eating_speed as exercise
else:
    exercise = load("min_eating_speed")


def solve(piles: Sequence[int], hours: int) -> int:
    return exercise.min_eating_speed(piles, hours)


def hours_at(piles: Sequence[int], speed: int) -> int:
    """The hours the piles take at ``speed``, in exact integer arithmetic."""
    return sum(-(-pile // speed) for pile in piles)


def model(piles: Sequence[int], hours: int) -> int:
    """The specification, as plainly as possible: try the speeds 1, 2, 3, ... in turn."""
    speed = 1
    while hours_at(piles, speed) > hours:
        speed += 1
    return speed


def show(value: object) -> str:
    """Write a big int as a power of two and an offset, so a failing call reads at a glance."""
    if isinstance(value, list | tuple):
        shown = ", ".join(map(show, value))
        return f"[{shown}]" if isinstance(value, list) else f"({shown}{',' * (len(value) == 1)})"
    if isinstance(value, int) and value > 2**40:
        for power in (value.bit_length() - 1, value.bit_length()):
            offset = value - 2**power
            if abs(offset) < 2**20:
                sign = "+" if offset > 0 else "-"
                return f"2**{power} {sign} {abs(offset)}" if offset else f"2**{power}"
    return repr(value)


def call(piles: Sequence[int], hours: int) -> str:
    return f"min_eating_speed({show(piles)}, {show(hours)})"


def check_answer(piles: Sequence[int], hours: int, got: object, expected: int) -> None:
    assert type(got) is int, f"{call(piles, hours)} returned {got!r}, not an int"
    wrong = f"{call(piles, hours)} returned {show(got)}, expected {show(expected)}"
    if got < 1:
        pytest.fail(f"{wrong}: a speed is at least 1", pytrace=False)
    assert got == expected, (
        f"{wrong}: at speed {show(got)} the piles take {show(hours_at(piles, got))} hours, "
        f"and there are {show(hours)}"
    )


# --- Properties -----------------------------------------------------------------------------------


@st.composite
def small_cases(draw: st.DrawFn) -> tuple[list[int], int]:
    """Few, small piles and every number of hours from len(piles) to past the total."""
    piles = draw(st.lists(st.integers(1, 12), min_size=1, max_size=6))
    return piles, len(piles) + draw(st.integers(0, 70))


# Piles around 2**53 (where floats stop being exact), 2**63 and 2**64, and up to 2**70.
BIG_PILES = (
    st.integers(2**53 - 8, 2**53 + 8)
    | st.integers(2**63 - 8, 2**64 + 8)
    | st.integers(1, 2**70)
    | st.integers(1, 20)
)


@st.composite
def big_cases(draw: st.DrawFn) -> tuple[list[int], int]:
    """Big piles with hours near what a small speed needs, so the answer stays small."""
    piles = draw(st.lists(BIG_PILES, min_size=1, max_size=5))
    speed = draw(st.integers(1, 64))
    hours = hours_at(piles, speed) + draw(st.integers(-2, 2))
    return piles, max(hours, len(piles))


@settings(max_examples=400)
@given(case=small_cases())
@example(case=([3, 6, 7, 11], 8))
@example(case=([4, 4], 4))
@example(case=([30, 11, 23, 4, 20], 5))
@example(case=([1, 1], 5))
@example(case=([2, 3], 3))
def test_agrees_with_a_linear_scan_on_small_piles(case: tuple[list[int], int]) -> None:
    piles, hours = case
    check_answer(piles, hours, solve(piles, hours), model(piles, hours))


@settings(max_examples=300)
@given(case=big_cases())
@example(case=([2**60 + 1], 2**60))
@example(case=([2**60 - 1], 2**60 - 1))
@example(case=([2**64 + 1, 3], 2**63 + 3))
def test_agrees_with_a_linear_scan_on_piles_far_above_2_to_the_53(
    case: tuple[list[int], int],
) -> None:
    piles, hours = case
    check_answer(piles, hours, solve(piles, hours), model(piles, hours))


@given(
    piles=st.lists(st.integers(1, 12), max_size=5),
    bad=st.integers(-3, 0),
    where=st.integers(0, 5),
    slack=st.integers(0, 20),
)
def test_a_pile_below_one_raises(piles: list[int], bad: int, where: int, slack: int) -> None:
    piles.insert(where, bad)
    hours = len(piles) + slack
    with pytest.raises(ValueError):
        got = solve(piles, hours)
        pytest.fail(f"{call(piles, hours)} returned {got!r} instead of raising ValueError")


@given(piles=st.lists(st.integers(1, 12), min_size=1, max_size=6), short=st.integers(1, 8))
def test_fewer_hours_than_piles_raise(piles: list[int], short: int) -> None:
    hours = len(piles) - short
    with pytest.raises(ValueError):
        got = solve(piles, hours)
        pytest.fail(f"{call(piles, hours)} returned {got!r} instead of raising ValueError")


# --- Examples: one per classic bug ----------------------------------------------------------------

EXAMPLES: dict[str, tuple[Sequence[int], int]] = {
    "hours round up (ceil, not floor)": ([3, 6, 7, 11], 8),
    "an exact multiple takes p // s hours, not p // s + 1": ([4, 4], 4),
    "every hour may be used (<= hours, not <)": ([6], 2),
    "the largest pile can be the answer (search up to max(piles))": ([30, 11, 23, 4, 20], 5),
    "one pile, one hour": ([7], 1),
    "the answer can be 1 (search from 1, not 0)": ([1, 1], 5),
    "more hours than bananas": ((5, 5), 100),
    "hours far beyond the bananas": ([10**9] * 3, 10**18),
    "a pile past 2**53: p / s as a float rounds down": ([2**60 + 1], 2**60),
    "a pile past 2**53: p / s as a float rounds up": ([2**60 - 1], 2**60 - 1),
    "piles past 2**64": ([2**64 + 1, 2**64 + 1], 2**64 + 2),
    "many equal piles": ([3] * 10, 10),
    "the search must not skip the answer": ([2, 3], 3),
    "a tuple of piles": ((3, 6, 7, 11), 8),
    "a range of piles": (range(1, 101), 200),
}


@pytest.mark.parametrize(("piles", "hours"), EXAMPLES.values(), ids=EXAMPLES.keys())
def test_example(piles: Sequence[int], hours: int) -> None:
    check_answer(piles, hours, solve(piles, hours), model(piles, hours))


def test_statement_examples() -> None:
    for piles, hours, expected in [
        ([3, 6, 7, 11], 8, 4),
        ([30, 11, 23, 4, 20], 5, 30),
        ([30, 11, 23, 4, 20], 6, 23),
        ((5, 5), 100, 1),
        ([2**60 + 1], 2**60, 2),
    ]:
        check_answer(piles, hours, solve(piles, hours), expected)


def test_hours_equal_to_the_number_of_piles_are_enough() -> None:
    got = solve([3, 9, 4], 3)
    assert got == 9, f"min_eating_speed([3, 9, 4], 3) returned {got!r}, expected 9"


def test_the_piles_are_not_modified() -> None:
    piles = [11, 3, 7, 6]
    solve(piles, 8)
    assert piles == [11, 3, 7, 6], f"min_eating_speed(piles, 8) changed piles to {piles}"


INVALID = {
    "no piles": ([], 1),
    "no piles in a tuple": ((), 0),
    "no piles in a range": (range(0), 5),
    "an empty pile": ([0], 5),
    "an empty pile among others": ([3, 0, 4], 10),
    "a negative pile": ([-2], 1),
    "fewer hours than piles": ([3, 4], 1),
    "no hours": ([3], 0),
    "negative hours": ([3], -1),
}


@pytest.mark.parametrize(("piles", "hours"), INVALID.values(), ids=INVALID.keys())
def test_invalid_arguments_raise_value_error(piles: Sequence[int], hours: int) -> None:
    with pytest.raises(ValueError):
        got = solve(piles, hours)
        pytest.fail(f"{call(piles, hours)} returned {got!r} instead of raising ValueError")


# --- Performance ----------------------------------------------------------------------------------
# Ratios are taken in this thread's CPU time: beside other processes a run of 50 ms is nearly
# always preempted and a run of 5 ms often is not, which skewed wall-clock growth ratios of the
# reference from 10x to 63x on a busy machine. Deadlines stay in wall-clock time, so that nothing
# escapes them.


def random_piles(count: int, low: int, high: int, seed: int) -> list[int]:
    rng = random.Random(seed)
    return [rng.randint(low, high) for _ in range(count)]


def textbook_search(piles: list[int], hours: int) -> int:
    """The calibration: halve the speeds 1..max(piles), hours summed by a generator expression."""
    low, high = 1, max(piles)
    while low < high:
        speed = (low + high) // 2
        if hours_at(piles, speed) <= hours:
            high = speed
        else:
            low = speed + 1
    return low


TEXTBOOK_LIMIT = 4  # the reference measures 0.6-0.8x; a for loop adding (p + s - 1) // s, 1.1-1.6x


def first_solve(piles: list[int], hours: int, what: str) -> None:
    """Solve once under a deadline and check the answer against the textbook search's.

    The deadline stops a linear scan over the speeds in about a second instead of hours.
    """
    answers = []
    (textbook,) = best_times([lambda: answers.append(textbook_search(piles, hours))], repeat=1)
    with deadline(2 * TEXTBOOK_LIMIT * textbook, what):
        got = solve(piles, hours)
    assert type(got) is int, f"{what} returned {got!r}, not an int"
    expected = answers[0]
    assert got == expected, (
        f"{what} returned {got}, expected {expected}: at speed {got} the piles take "
        f"{hours_at(piles, got) if got >= 1 else '?'} hours, and there are {hours}"
    )


def check_against_textbook(piles: list[int], hours: int, what: str, repeat: int) -> None:
    first_solve(piles, hours, what)
    ours, textbook = best_times(
        [lambda: solve(piles, hours), lambda: textbook_search(piles, hours)],
        repeat=repeat,
        clock=thread_time,
    )
    check_ratio(
        ours / textbook,
        limit=TEXTBOOK_LIMIT,
        message=f"{what} was slower than a textbook binary search over 1..max(piles) in this run",
    )


@pytest.mark.timing
def test_100k_piles_within_a_factor_of_a_textbook_binary_search() -> None:
    piles = random_piles(100_000, 1, 10**9, seed=1)
    check_against_textbook(piles, 2 * len(piles), "solving 100,000 piles of up to 10**9", 1)


@pytest.mark.timing
def test_piles_near_2_to_the_60_within_a_factor_of_a_textbook_binary_search() -> None:
    piles = random_piles(10_000, 2**59, 2**61 - 1, seed=2)
    hours = len(piles) + len(piles) // 4  # the answer is near 2**60 too
    check_against_textbook(piles, hours, "solving 10,000 piles near 2**60", 3)


def growth(small: list[int], large: list[int], what: str) -> float:
    """Solve the large case under a deadline, then return the growth from small to large."""
    small_hours, large_hours = 2 * len(small), 2 * len(large)
    first_solve(large, large_hours, what)
    small_time, large_time = best_times(
        [lambda: solve(small, small_hours), lambda: solve(large, large_hours)],
        repeat=5,
        clock=thread_time,
    )
    return large_time / small_time


PILES_GROWTH_LIMIT = 30  # 10x the piles cost about 10x; quadratic work, 100x


@pytest.mark.timing
def test_ten_times_the_piles_cost_about_ten_times_as_much() -> None:
    small = random_piles(5_000, 1, 10**9, seed=3)
    large = random_piles(50_000, 1, 10**9, seed=4)
    check_ratio(
        growth(small, large, "solving 50,000 piles of up to 10**9"),
        limit=PILES_GROWTH_LIMIT,
        message="solving 50,000 piles cost far more than 10x solving 5,000",
    )


SIZE_GROWTH_LIMIT = 8  # 30 bits instead of 10: about 3x; a linear scan, 10**6 x


@pytest.mark.timing
def test_piles_a_million_times_larger_cost_about_three_times_as_much() -> None:
    small = random_piles(10_000, 1, 10**3, seed=5)
    large = random_piles(10_000, 1, 10**9, seed=5)
    check_ratio(
        growth(small, large, "solving 10,000 piles of up to 10**9"),
        limit=SIZE_GROWTH_LIMIT,
        message="solving piles up to 10**9 cost far more than 3x solving piles up to 10**3: "
        "the cost should grow with the number of bits of the piles, not with their size",
    )
