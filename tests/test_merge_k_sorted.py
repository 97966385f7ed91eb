"""Tests of the ``merge_k_sorted`` exercise: the specification in its docstring, on any design.

Correctness: properties over few distinct keys (so ties are everywhere) against the plain model
``sorted(chain(*inputs), key=key)``, with items that cannot be compared and with equal numbers of
different types, so that every tie-break shows; a state machine that advances several merges in
turn over counting inputs, some infinite, and checks that none reads more than one item ahead;
examples that pin each classic bug. Performance (``timing``): the growth from 8 to 1,024 inputs
and from n to 10n items, and 50,000 items against ``heapq.merge`` timed alongside.
"""

from __future__ import annotations

import heapq
import random
import weakref
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import chain, count, islice
from operator import itemgetter
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from tests.submission import load
from tests.timing import check_ratio, deadline, quiet_gc, thread_time

if TYPE_CHECKING:
    from solutions import merge_k_sorted as exercise
else:
    exercise = load("merge_k_sorted")

Key = Callable[[Any], Any] | None


def merge(inputs: Sequence[Iterable[Any]], key: Key = None) -> Iterator[Any]:
    """Call the exercise, leaving ``key`` to its default when it is None."""
    if key is None:
        return exercise.merge_k_sorted(*inputs)
    return exercise.merge_k_sorted(*inputs, key=key)


def model(inputs: Sequence[Iterable[Any]], key: Key = None) -> list[Any]:
    """The specification, as plainly as possible: Python's sort is stable."""
    return sorted(chain(*inputs), key=key)


def call(inputs: Sequence[object], key: Key = None) -> str:
    """The call as the learner would write it, for failure messages."""
    arguments = ", ".join(map(repr, inputs))
    if key is not None:
        arguments += f", key={getattr(key, '__name__', key)}"
    return f"merge_k_sorted({arguments})"


@dataclass(frozen=True)
class Item:
    """An item with no ordering (``<`` raises TypeError): only its key can be compared.

    It says where it came from, so a result that breaks a tie the wrong way shows which way.
    """

    key: int
    source: int
    position: int

    def __repr__(self) -> str:
        return f"Item({self.key}, source={self.source}, position={self.position})"


def item_key(item: Item) -> int:
    return item.key


def items(key_lists: Sequence[Iterable[int]]) -> list[list[Item]]:
    """Turn lists of sorted keys into lists of items that remember their input and position."""
    return [
        [Item(key, source, position) for position, key in enumerate(keys)]
        for source, keys in enumerate(key_lists)
    ]


class ReadTooFarError(Exception):
    """An input was read far beyond anything a lazy merge needs."""


class Source:
    """An input that counts the items taken from it, and stops a merge that reads far ahead.

    A merge that reads a whole infinite input (``list(it)``, ``sorted(chain(...))``) would run
    until memory runs out; this one raises after ``limit`` items instead.
    """

    def __init__(self, items: Iterable[Any], limit: int = 10_000) -> None:
        self.items = iter(items)
        self.limit = limit
        self.pulled = 0

    def __iter__(self) -> Source:
        return self

    def __next__(self) -> Any:
        if self.pulled >= self.limit:
            raise ReadTooFarError(
                f"{self.limit:,} items were read from one input: the merge must read at most "
                "one item ahead of what it yields"
            )
        item = next(self.items)
        self.pulled += 1
        return item


# Few distinct keys, so that ties between inputs, within an input and after a refill are common.
KEYS = st.integers(min_value=0, max_value=3)
KEY_LISTS = st.lists(st.lists(KEYS, max_size=6).map(sorted), max_size=7)
# Equal numbers of different types: with key=None the result shows which of them came first.
NUMBERS = st.sampled_from([0, 0.0, False, 1, 1.0, True, 2, 2.0])
NUMBER_LISTS = st.lists(st.lists(NUMBERS, max_size=5).map(sorted), max_size=6)


@settings(report_multiple_bugs=False)
@given(key_lists=KEY_LISTS)
@example(key_lists=[[0], [0]])  # ties between inputs: the first input goes first
@example(key_lists=[[1, 1], [1]])  # a tie-break that counts pushes puts input 1 between input 0's
@example(key_lists=[[1], [0, 1]])  # staying on the input just used breaks the tie the wrong way
@example(key_lists=[[0], [0], [0]])  # two-way merges must give ties to their left side
@example(key_lists=[[], [0], [], [1]])  # empty inputs anywhere
@example(key_lists=[[0], [1, 2, 3]])  # an input that runs out while others go on
def test_merge_is_a_stable_sort_of_unorderable_items(key_lists: list[list[int]]) -> None:
    inputs = items(key_lists)
    got = list(merge([iter(each) for each in inputs], key=item_key))
    expected = model(inputs, key=item_key)
    assert got == expected, (
        f"{call(inputs, item_key)} returned {got!r}, expected {expected!r} (Item has no <, so "
        "ties must be broken by the input's index, never by comparing items)"
    )


def typed(values: Iterable[object]) -> list[str]:
    """Values with their types, so that 1, 1.0 and True are told apart."""
    return [f"{value!r}:{type(value).__name__}" for value in values]


@settings(report_multiple_bugs=False)
@given(number_lists=NUMBER_LISTS)
@example(number_lists=[[1, 1.0], [True]])  # a tie-break that counts pushes
@example(number_lists=[[0], [False]])  # a two-way merge that takes the right side on a tie
@example(number_lists=[[False, 1], [0]])  # 0 and False are items, not the end of an input
def test_merge_without_key_is_a_stable_sort(number_lists: list[list[float]]) -> None:
    got = list(merge(number_lists))
    expected = model(number_lists)
    assert typed(got) == typed(expected), (
        f"{call(number_lists)} returned {typed(got)}, expected {typed(expected)} (equal numbers "
        "of different types must keep the order of their inputs)"
    )


# --- Laziness: several merges advanced in turn, over inputs that count what is read --------------

LOOKAHEAD = 100  # keys of infinite inputs are modelled up to here: far more than a run takes
PLANS = st.one_of(
    st.lists(KEYS, max_size=6).map(sorted),  # a finite input, its keys
    st.integers(min_value=1, max_value=3),  # an infinite input: each key repeated this often
)


@dataclass
class Merge:
    """One merge under test, its inputs and what the model says it must yield."""

    plans: list[list[int] | int]
    sources: list[Source]
    iterator: Iterator[Item]
    expected: list[Item]
    yielded: list[int]  # items yielded so far from each input
    taken: int = 0


def stream(keys: Iterable[int], source: int) -> Iterator[Item]:
    """The items of input number ``source``, lazily: an endless input stays endless."""
    for position, key in enumerate(keys):
        yield Item(key, source, position)


def repeated_keys(times: int) -> Iterator[int]:
    """0, 0, 1, 1, 2, 2, ... for times=2: an endless sorted input full of ties."""
    return (position // times for position in count())


def start_merge(plans: list[list[int] | int]) -> Merge:
    # Endless inputs are cut after their last key of LOOKAHEAD: every key up to it is in the
    # model, so the model's first items are the merge's first items.
    finite = [
        list(islice(repeated_keys(plan), plan * (LOOKAHEAD + 1))) if isinstance(plan, int) else plan
        for plan in plans
    ]
    expected = model(items(finite), key=item_key)
    sources = [
        Source(stream(repeated_keys(plan) if isinstance(plan, int) else plan, source))
        for source, plan in enumerate(plans)
    ]
    return Merge(plans, sources, merge(sources, key=item_key), expected, [0] * len(plans))


def describe(plans: list[list[int] | int]) -> str:
    return ", ".join(
        f"an endless input with each key {plan}x" if isinstance(plan, int) else f"keys {plan}"
        for plan in plans
    )


class LazyMergeMachine(RuleBasedStateMachine):
    """Advance up to three merges in any order; each must match the model, reading little."""

    merges: list[Merge]

    @initialize(plans=st.lists(st.lists(PLANS, max_size=4), min_size=1, max_size=3))
    def start(self, plans: list[list[list[int] | int]]) -> None:
        self.merges = [start_merge(each) for each in plans]

    @rule(which=st.integers(min_value=0, max_value=2), steps=st.integers(min_value=1, max_value=4))
    def take(self, which: int, steps: int) -> None:
        run = self.merges[which % len(self.merges)]
        for _ in range(steps):
            got = next(run.iterator, None)
            expected = run.expected[run.taken] if run.taken < len(run.expected) else None
            assert got == expected, (
                f"merging {describe(run.plans)} by key: item #{run.taken} was {got!r}, "
                f"expected {expected!r}"
            )
            if got is None:
                return
            run.taken += 1
            run.yielded[got.source] += 1

    @invariant()
    def no_input_is_read_more_than_one_item_ahead(self) -> None:
        for run in self.merges:
            for index, source in enumerate(run.sources):
                assert source.pulled <= run.yielded[index] + 1, (
                    f"merging {describe(run.plans)}: {source.pulled} items had been read from "
                    f"input {index} and {run.yielded[index]} yielded; at most one more than "
                    "yielded may be read"
                )


LazyMergeMachine.TestCase.settings = settings(
    max_examples=60, stateful_step_count=20, report_multiple_bugs=False
)
TestLazyMerge = LazyMergeMachine.TestCase


# --- Examples: one per classic bug ---------------------------------------------------------------


def none_first(value: int | None) -> int:
    return -1 if value is None else value


EXAMPLES: dict[str, tuple[list[list[Any]], Key]] = {
    "no inputs": ([], None),
    "one input": ([[1, 2, 3]], None),
    "empty inputs only": ([[], []], None),
    "an empty input first": ([[], [1, 2]], None),
    "an empty input between others": ([[3], [], [1, 2]], None),
    "an input runs out while others go on": ([[1], [0, 2, 3]], None),
    "duplicates": ([[1, 1, 2], [1, 2, 2]], None),
    "0 is an item": ([[0, 1], [0, 2]], None),
    "the empty string is an item": ([["", "a"], ["", "b"]], None),
    "None is an item": ([[None, 1, 2], [None, 0]], none_first),
    "the key orders the inputs": ([["b", "C"], ["a", "B", "c"]], str.lower),
    "ties go by input, not by item": ([["dd", "aaa"], ["c", "bb"]], len),
    "dicts with tying keys": (
        [[{"t": 1, "id": "x"}], [{"t": 1, "id": "y"}, {"t": 2, "id": "z"}]],
        itemgetter("t"),
    ),
    "negative and large keys": ([[-(10**20), 0], [-5, 10**20]], None),
}


@pytest.mark.parametrize(("inputs", "key"), EXAMPLES.values(), ids=EXAMPLES.keys())
def test_example(inputs: list[list[Any]], key: Key) -> None:
    got = list(merge([iter(each) for each in inputs], key=key))
    expected = model(inputs, key=key)
    assert typed(got) == typed(expected), (
        f"{call(inputs, key)} returned {got!r}, expected {expected!r}"
    )


def test_key_none_can_be_passed() -> None:
    got = list(exercise.merge_k_sorted([2, 3], [1], key=None))
    assert got == [1, 2, 3], f"merge_k_sorted([2, 3], [1], key=None) returned {got!r}"


def test_result_is_an_iterator() -> None:
    result = exercise.merge_k_sorted([1, 3], [2])
    assert iter(result) is result, f"merge_k_sorted returned a {type(result).__name__}"
    got = [next(result), next(result), next(result)]
    assert got == [1, 2, 3], f"next() on merge_k_sorted([1, 3], [2]) gave {got!r}"
    assert next(result, "done") == "done", "the merge went on after its last item"


def test_infinite_inputs() -> None:
    sources = [Source(count(start, 3)) for start in range(3)]
    got = list(islice(merge(sources), 30))
    assert got == list(range(30)), (
        f"the first 30 items of merge_k_sorted(count(0, 3), count(1, 3), count(2, 3)) were "
        f"{got!r}, expected 0 to 29"
    )


def test_infinite_inputs_with_a_key_and_ties() -> None:
    sources = [Source(stream(repeated_keys(2), source)) for source in range(3)]
    got = list(islice(merge(sources, key=item_key), 12))
    expected = model(items([[0, 0, 1, 1]] * 3), key=item_key)
    assert got == expected, (
        f"three endless inputs with keys 0, 0, 1, 1, 2, 2, ...: the first 12 items were "
        f"{got!r}, expected {expected!r}"
    )


def test_reads_at_most_one_item_ahead() -> None:
    sources = [Source(range(0, 10, 2)), Source(range(1, 10, 2))]
    merged = merge(sources)
    for taken in range(11):
        reads = [source.pulled for source in sources]
        yielded = [(taken + 1) // 2, taken // 2]
        assert all(read <= done + 1 for read, done in zip(reads, yielded, strict=True)), (
            f"merging range(0, 10, 2) and range(1, 10, 2): when {taken} items had come out, "
            f"{reads} items had been read from the two inputs and {yielded} yielded; at most "
            "one more than yielded may be read from each"
        )
        next(merged, None)


@dataclass(eq=False)
class Tracked:
    """An item the test can watch die."""

    key: int


def test_yielded_items_are_not_kept() -> None:
    alive: weakref.WeakSet[Tracked] = weakref.WeakSet()

    def tracked(keys: Iterable[int]) -> Iterator[Tracked]:
        for key in keys:
            item = Tracked(key)
            alive.add(item)
            yield item

    inputs = [tracked(range(start, 600, 3)) for start in range(3)]
    merged = merge(inputs, key=lambda item: item.key)
    deque(islice(merged, 300), maxlen=0)  # consume 300 items, keeping none of them
    assert len(alive) <= 2 * len(inputs) + 2, (
        f"after 300 of 600 items from 3 inputs had been yielded, {len(alive)} items were still "
        "alive: the merge keeps what it has yielded, or reads ahead (memory must be O(k))"
    )
    assert next(merged).key == 300


def test_many_inputs() -> None:
    inputs = [[value] for value in range(2_000, 0, -1)]
    try:
        got = list(merge(inputs))
    except RecursionError:
        pytest.fail(
            "merging 2,000 one-item inputs raised RecursionError: the merge nests a level per "
            "input (a chain of two-way merges?), and Python allows about 1,000",
            pytrace=False,
        )
    assert got == list(range(1, 2_001)), (
        "merging 2,000 one-item inputs ([2000], [1999], ..., [1]) did not give 1 to 2000"
    )


def test_long_inputs() -> None:
    inputs = [range(start, 60_000, 3) for start in range(3)]
    got = list(merge(inputs))
    assert got == list(range(60_000)), "merging three inputs of 20,000 items lost or moved some"


class BoomError(Exception):
    """Raised by an input or a key function of the tests."""


def test_an_error_from_an_input_reaches_the_caller() -> None:
    def failing() -> Iterator[int]:
        yield 1
        raise BoomError("the input failed")

    with pytest.raises(BoomError):
        got = list(merge([[0, 2, 3], failing()]))
        pytest.fail(
            f"merging [0, 2, 3] with an input that yields 1 and then raises BoomError returned "
            f"{got!r}: the error was lost, and it must reach the caller",
            pytrace=False,
        )


def test_an_error_from_the_key_reaches_the_caller() -> None:
    def key(value: int) -> int:
        if value == 2:
            raise BoomError("the key failed")
        return value

    with pytest.raises(BoomError):
        got = list(merge([[0, 2, 3], [1]], key=key))
        pytest.fail(
            f"merging [0, 2, 3] and [1] with a key that raises BoomError on 2 returned {got!r}: "
            "the error was lost, and it must reach the caller",
            pytrace=False,
        )


# --- Performance ----------------------------------------------------------------------------------


def sorted_inputs(total: int, inputs: int, seed: int) -> list[list[int]]:
    """``total`` random numbers dealt into ``inputs`` sorted lists of equal length.

    The numbers are below 256, which CPython keeps as one shared object each: ten times the items
    then do not also mean ten times the memory to walk, which would add cache misses to the ratio.
    """
    rng = random.Random(seed)
    numbers = [rng.randrange(256) for _ in range(total)]
    return [sorted(numbers[start::inputs]) for start in range(inputs)]


def consume(iterator: Iterator[object]) -> None:
    deque(iterator, maxlen=0)


def best_chunked_times(
    merges: Sequence[Callable[[], Iterator[object]]], totals: Sequence[int], rounds: int
) -> list[float]:
    """Time each merge chunk by chunk, ``rounds`` times; add up the best time of each chunk.

    The clock is this thread's CPU time, which another process taking the CPU does not advance,
    and each chunk of 4,096 items is short, so the sum of the best is a run nothing disturbed.
    """
    chunk = 4_096
    best = [[float("inf")] * -(-total // chunk) for total in totals]
    with quiet_gc():
        for _ in range(rounds):
            for index, make in enumerate(merges):
                start = thread_time()
                iterator = make()
                for piece in range(len(best[index])):
                    consume(islice(iterator, chunk))
                    end = thread_time()
                    best[index][piece] = min(best[index][piece], end - start)
                    start = end
    return [sum(pieces) for pieces in best]


def calibrate(inputs: list[list[int]]) -> float:
    """The time ``heapq.merge`` takes on ``inputs`` in this run: the unit of every allowance."""
    return best_chunked_times([lambda: heapq.merge(*inputs)], [sum(map(len, inputs))], 1)[0]


DEADLINE_FACTOR = 20  # of heapq.merge's time: a correct merge needs 2x at most, a k-scan 70x


INPUTS_LIMIT = 12  # 8 to 1,024 inputs: heaps measure 2.4-3x, a tree of merges 3.8x, a scan 50x+


@pytest.mark.timing
def test_cost_grows_with_log_k_not_k() -> None:
    total = 32_768
    few, many = sorted_inputs(total, 8, seed=1), sorted_inputs(total, 1_024, seed=2)
    allowance = DEADLINE_FACTOR * calibrate(many) + 0.05
    with deadline(allowance, f"merging {total:,} items from 1,024 inputs"):
        consume(merge(many))  # an O(N * k) merge is stopped here, in about half a second
    few_time, many_time = best_chunked_times(
        [lambda: merge(few), lambda: merge(many)], [total, total], rounds=5
    )
    check_ratio(
        many_time / few_time,
        limit=INPUTS_LIMIT,
        message=f"merging {total:,} items from 1,024 inputs cost far more than from 8: the cost "
        "grows with k, not log k (is every input's next item compared to find the smallest?)",
    )


ITEMS_LIMIT = 25  # 10x the items should cost about 10x (the reference measures 9-10x)


@pytest.mark.timing
def test_ten_times_the_items_cost_about_ten_times_as_much() -> None:
    small, large = sorted_inputs(8_192, 16, seed=3), sorted_inputs(81_920, 16, seed=4)
    allowance = DEADLINE_FACTOR * calibrate(large) + 0.05
    with deadline(allowance, "merging 81,920 items from 16 inputs"):
        consume(merge(large))
    small_time, large_time = best_chunked_times(
        [lambda: merge(small), lambda: merge(large)], [8_192, 81_920], rounds=3
    )
    check_ratio(
        large_time / small_time,
        limit=ITEMS_LIMIT,
        message="merging 81,920 items from 16 inputs cost far more than 10x merging 8,192: "
        "the cost of an item grows with the number of items",
    )


THROUGHPUT_LIMIT = 5  # the reference measures 1.1-1.2x heapq.merge, a tree of merges 1.25x


@pytest.mark.timing
def test_within_a_factor_of_heapq_merge() -> None:
    total = 50_000
    inputs = sorted_inputs(total, 100, seed=5)
    allowance = DEADLINE_FACTOR * calibrate(inputs) + 0.05
    with deadline(allowance, f"merging {total:,} items from 100 inputs"):
        consume(merge(inputs))
    ours, theirs = best_chunked_times(
        [lambda: merge(inputs), lambda: heapq.merge(*inputs)], [total, total], rounds=3
    )
    check_ratio(
        ours / theirs,
        limit=THROUGHPUT_LIMIT,
        message=f"merging {total:,} items from 100 inputs was slower than heapq.merge in this run",
    )
