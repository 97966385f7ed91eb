"""Tests of the ``summarize_orders`` exercise (kind: speedup): the original's report, faster.

Correctness: the report must equal the original's (``tests/originals/summarize_orders.py``),
character for character: on small random inputs where repeat customers, ties, empty names and
zero amounts are common, on a generator, on repeated calls, and on examples that pin the slips
a rewrite makes (tie order, a lost final newline, ranks from 0, duplicate orders merged).
Performance (``timing``): one measurement, cached for the module: the original and the
submission timed alternately on the same 1,600 orders, best of 9 in this thread's CPU time.
Four steps, a quarter of the points each, read the one speedup: 1.5x, 2x, 2.5x and 3x.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable, Sequence
from itertools import zip_longest
from typing import TYPE_CHECKING

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from tests.originals import summarize_orders as original
from tests.submission import load
from tests.timing import best_times, deadline, perf_counter, thread_time

if TYPE_CHECKING:
    from solutions import summarize_orders as exercise
else:
    exercise = load("summarize_orders")

Pairs = Sequence[tuple[str, int]]


def theirs(
    pairs: Pairs, wrap: Callable[[list[exercise.Order]], Iterable[exercise.Order]] = list
) -> str:
    """The submission's report on ``pairs``, as its own ``Order``s (in a list unless wrapped)."""
    orders = [exercise.Order(customer=customer, amount_cents=cents) for customer, cents in pairs]
    return exercise.summarize_orders(wrap(orders))


def expected(pairs: Pairs) -> str:
    """The original's report on ``pairs``: the specification."""
    orders = [original.Order(customer=customer, amount_cents=cents) for customer, cents in pairs]
    return original.summarize_orders(orders)


def call(pairs: Pairs) -> str:
    """The call as the learner would write it, for failure messages."""
    orders = ", ".join(f"Order({customer!r}, {cents})" for customer, cents in pairs)
    return f"summarize_orders([{orders}])"


def check(pairs: Pairs, got: str) -> None:
    want = expected(pairs)
    assert got == want, f"{call(pairs)} returned\n{got!r}\nexpected\n{want!r}"


# Few names and few amounts: repeat customers, equal totals (ties) and duplicate orders are
# common. The names include an empty one, one differing only in case and one in a space.
NAMES = st.sampled_from(["ann", "bob", "cy", "Ann", "", "bob "]) | st.text(max_size=3)
AMOUNTS = st.sampled_from([0, 1, 5, 99, 100, 250]) | st.integers(0, 10**18)
ORDERS = st.lists(st.tuples(NAMES, AMOUNTS), max_size=25)


@given(pairs=ORDERS)
@example(pairs=[("b", 100), ("a", 100)])
@example(pairs=[("x", 5), ("b", 1), ("a", 1), ("c", 1), ("x", 0)])
@example(pairs=[("ann", 100), ("ann", 100)])
@example(pairs=[])
def test_report_is_the_originals(pairs: list[tuple[str, int]]) -> None:
    check(pairs, theirs(pairs))


@given(pairs=ORDERS)
def test_a_generator_gives_the_same_report(pairs: list[tuple[str, int]]) -> None:
    check(pairs, theirs(pairs, wrap=lambda orders: (order for order in orders)))


@given(first=ORDERS, second=ORDERS)
def test_calls_do_not_share_state(
    first: list[tuple[str, int]], second: list[tuple[str, int]]
) -> None:
    for pairs in (first, second, first):
        check(pairs, theirs(pairs))


# --- Examples: one per slip a rewrite makes -------------------------------------------------------

TWELVE_NAMES = ["kim", "al", "zoe", "bo", "eve", "dan", "max", "cy", "fay", "ann", "lu", "ida"]

EXAMPLES: dict[str, Pairs] = {
    "no orders": [],
    "one order: singular nouns": [("ann", 1250)],
    "ties keep first-seen order, not names": [("dan", 100), ("bob", 100), ("cy", 100)],
    "twelve customers tied": [(name, 100) for name in TWELVE_NAMES],
    "ties after a bigger spender": [("x", 5), ("b", 1), ("a", 1), ("c", 1), ("x", 0)],
    "a tie decided by a later order": [("a", 1), ("b", 2), ("a", 1)],
    "duplicate orders count twice": [("ann", 100), ("bob", 150), ("ann", 100)],
    "zero amounts": [("ann", 0), ("bob", 0), ("ann", 0)],
    "cents below ten and below one unit": [("ann", 5), ("bob", 1005), ("cy", 100)],
    "an empty name is a customer": [("", 1), ("ann", 2)],
    "names differ in case and spaces": [("ann", 1), ("Ann", 1), ("ann ", 1), ("ann", 1)],
    "ranks beyond 9": [(f"c{i}", 100 - i) for i in range(12)],
    "large amounts": [("ann", 10**12), ("bob", 10**12 + 1)],
    "amounts beyond a float's precision": [("ann", 10**17 + 1)],
}


@pytest.mark.parametrize("pairs", EXAMPLES.values(), ids=EXAMPLES.keys())
def test_example(pairs: Pairs) -> None:
    check(pairs, theirs(pairs))


def test_the_statement_example() -> None:
    pairs = [("ann", 1250), ("bob", 500), ("ann", 250)]
    got = theirs(pairs)
    want = (
        "3 orders from 2 customers, 20.00 in total\n"
        "1. ann: 2 orders, 15.00\n"
        "2. bob: 1 order, 5.00\n"
    )
    assert got == want, f"{call(pairs)} returned\n{got!r}\nexpected\n{want!r}"


def test_an_iterator_is_read_once() -> None:
    pairs = [("ann", 1250), ("bob", 500), ("ann", 250)]
    got = theirs(pairs, wrap=iter)
    assert got == expected(pairs), (
        f"summarize_orders(iter([...])) on the statement's example returned\n{got!r}\n"
        f"expected\n{expected(pairs)!r}: is the input read twice?"
    )


def test_returns_a_str() -> None:
    got = theirs([("ann", 1)])
    assert type(got) is str, f"summarize_orders returned a {type(got).__name__}, not a str"


# --- Performance ----------------------------------------------------------------------------------

CUSTOMERS, MORE_ORDERS, REPEAT = 700, 900, 9


def day_of_orders() -> list[tuple[str, int]]:
    """1,600 orders from 700 customers: each orders once, 900 orders more by any of them."""
    rng = random.Random(16)
    names = [f"customer-{number:04d}" for number in range(CUSTOMERS)]
    customers = names + rng.choices(names, k=MORE_ORDERS)
    rng.shuffle(customers)
    return [(customer, rng.randrange(1, 50_000)) for customer in customers]


def test_a_day_of_orders_gives_the_same_report() -> None:
    pairs = day_of_orders()
    got, want = theirs(pairs), expected(pairs)
    assert got == want, (
        f"on {len(pairs)} orders the report differs from the original's, first at line "
        f"{first_difference(got, want)}"
    )


def first_difference(got: str, want: str) -> str:
    """The first line where two reports differ, with both versions of it."""
    lines = zip_longest(got.splitlines(keepends=True), want.splitlines(keepends=True))
    for number, (mine, reference) in enumerate(lines, 1):
        if mine != reference:
            return f"{number}: {mine!r} instead of {reference!r}"
    return "nowhere"


@pytest.fixture(scope="module")
def speedup() -> float:
    """The original's best time over the submission's, measured once for the four steps."""
    pairs = day_of_orders()
    mine = [exercise.Order(customer=customer, amount_cents=cents) for customer, cents in pairs]
    base = [original.Order(customer=customer, amount_cents=cents) for customer, cents in pairs]

    # Fresh iterators: a cache keyed by the input cannot answer from a previous round.
    def run_original() -> str:
        return original.summarize_orders(iter(base))

    def run_submission() -> str:
        return exercise.summarize_orders(iter(mine))

    (calibration,) = best_times([run_original], repeat=1, clock=perf_counter)
    with deadline(
        3 * calibration + 0.1, "summarize_orders on 1,600 orders (3x the original's time)"
    ):
        run_submission()  # a version much slower than the original is stopped here
    before, after = best_times([run_original, run_submission], repeat=REPEAT, clock=thread_time)
    return before / max(after, 1e-9)


def check_speedup(measured: float, needed: float) -> None:
    if measured < needed:
        pytest.fail(
            f"measured {measured:.2f}x faster than the original (best of {REPEAT}, same run); "
            f"this step needs {needed:g}x",
            pytrace=False,
        )


@pytest.mark.timing
def test_at_least_1_5x_faster(speedup: float) -> None:
    check_speedup(speedup, 1.5)


@pytest.mark.timing
def test_at_least_2x_faster(speedup: float) -> None:
    check_speedup(speedup, 2)


@pytest.mark.timing
def test_at_least_2_5x_faster(speedup: float) -> None:
    check_speedup(speedup, 2.5)


@pytest.mark.timing
def test_at_least_3x_faster(speedup: float) -> None:
    check_speedup(speedup, 3)
