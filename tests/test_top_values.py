"""Tests of the ``top_values`` exercise: the specification in its docstring, on any design.

Correctness: properties over small CSV inputs (few columns, few values, so ties, quoted fields,
rows that span lines, empty lines and malformed rows are common) against a plain model that
reads everything and sorts it; examples that pin each classic bug, and the line numbers of
malformed rows. The function is pure, so there is no order of operations to explore with a
state machine. Performance (``timing``): peak memory (``tracemalloc``) for 100,000 lines against
1,000, read from a generator; 100,000 lines against 10,000 in CPU time; and the top 1,000 of
rising values against the top 10.
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import islice
from typing import TYPE_CHECKING

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from tests.memory import check_memory_growth, watched
from tests.submission import load
from tests.timing import best_times, check_ratio, deadline, growth_ratio, thread_time

if TYPE_CHECKING:
    from solutions import top_values as exercise
else:
    exercise = load("top_values")

top_values = exercise.top_values

Row = dict[str, str]


class Problem(Exception):
    """The model's verdict on bad input: ValueError, naming ``line`` unless it is None."""

    def __init__(self, line: int | None) -> None:
        super().__init__(line)
        self.line = line


def model(lines: Sequence[str], column: str, n: int) -> list[Row]:
    """The specification, as plainly as possible: read every row, check it, sort them all."""
    if n < 0:
        raise Problem(None)
    reader = csv.reader(lines)
    header = next(reader, None)
    if header is None or column not in header:
        raise Problem(None)
    ranked: list[tuple[float, Row]] = []
    try:
        for fields in reader:
            if fields == []:
                continue
            if len(fields) != len(header):
                raise Problem(reader.line_num)
            try:
                value = float(fields[header.index(column)])
            except ValueError:
                raise Problem(reader.line_num) from None
            if math.isnan(value):
                raise Problem(reader.line_num)
            ranked.append((value, dict(zip(header, fields, strict=True))))
    except csv.Error:
        raise Problem(reader.line_num) from None
    ranked.sort(key=lambda pair: pair[0], reverse=True)  # stable: ties keep their input order
    return [row for _, row in ranked[:n]]


def call(lines: Sequence[str], column: str, n: int, *, generator: bool = False) -> str:
    """The call as the learner would write it, for failure messages."""
    shown = f"<generator of {lines!r}>" if generator else repr(lines)
    return f"top_values({shown}, {column!r}, {n})"


def check_names_line(what: str, error: ValueError, line: int) -> None:
    """Fail unless the message of ``error`` says ``line N`` for this N (not N - 1, not 40)."""
    if not re.search(rf"\bline {line}\b", str(error), re.IGNORECASE):
        pytest.fail(
            f"{what} raised ValueError({str(error)!r}), whose message should name line {line}: "
            "the line on which the first malformed row ends, the header being line 1",
            pytrace=False,
        )


def check(
    lines: Sequence[str], column: str, n: int, given_lines: Iterable[str] | None = None
) -> None:
    """Call ``top_values`` and compare what it returns or raises with the model's verdict.

    ``given_lines`` is what the call receives when it is not ``lines`` itself (a generator).
    """
    what = call(lines, column, n, generator=given_lines is not None)
    try:
        expected: list[Row] | Problem = model(lines, column, n)
    except Problem as problem:
        expected = problem
    try:
        got = top_values(lines if given_lines is None else given_lines, column, n)
    except Exception as error:  # the learner's exception, whatever it is, goes in the message
        if isinstance(expected, Problem) and isinstance(error, ValueError):
            if expected.line is not None:
                check_names_line(what, error, expected.line)
            return
        wanted = "ValueError" if isinstance(expected, Problem) else repr(expected)
        pytest.fail(
            f"{what} raised {type(error).__name__}({error}), expected {wanted}", pytrace=False
        )
    if isinstance(expected, Problem):
        where = "" if expected.line is None else f" naming line {expected.line}"
        pytest.fail(f"{what} returned {got!r}, expected ValueError{where}", pytrace=False)
    if got != expected:
        pytest.fail(f"{what} returned {got!r}, expected {expected!r}", pytrace=False)


# --- Properties -----------------------------------------------------------------------------------
# Few columns and few values: ties are the rule ("2", "2.0" and " 2 " are one value), text fields
# hold commas, quotes and line breaks, and some rows are empty or malformed. The lines are written
# by csv.writer and then given "\n", "\r\n" or no line endings.

COLUMNS = ("name", "price", "qty")
NUMBERS = ("0", "-0", "1", "2", "2.0", " 2 ", "9.5", "10", "-1", "1e1", "inf", "-inf")
TEXTS = ("a", "b", "", "7", "a,b", 'say "hi"', "x\ny", " ")
NOT_NUMBERS = ("", "abc", "nan", "1,5", "--1", "2 2")
KINDS = ("row",) * 7 + ("empty", "short", "long", "not a number")


def render(rows: Sequence[Sequence[str] | None], ending: str) -> list[str]:
    """Write ``rows`` (None: an empty line) as csv.writer does, one string per physical line."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    for row in rows:
        if row is None:
            buffer.write("\n")
        else:
            writer.writerow(row)
    return [line + ending for line in buffer.getvalue().split("\n")[:-1]]


@st.composite
def csv_inputs(draw: st.DrawFn) -> tuple[list[str], str]:
    """Lines of CSV text (header first) and the column to rank by."""
    header = draw(st.lists(st.sampled_from(COLUMNS), min_size=1, max_size=3, unique=True))
    numeric = [name for name in header if name != "name"]
    # Mostly a column of numbers; now and then the text column, or one the header lacks.
    column = draw(st.sampled_from([*numeric, *numeric, *numeric, *header, "cost"]))
    rows: list[list[str] | None] = [header]
    for _ in range(draw(st.integers(min_value=0, max_value=9))):
        fields = [draw(st.sampled_from(NUMBERS if name != "name" else TEXTS)) for name in header]
        kind = draw(st.sampled_from(KINDS))
        if kind == "empty":
            rows.append(None)
            continue
        if kind == "short":
            fields = fields[:-1]
        elif kind == "long":
            fields = [*fields, draw(st.sampled_from(NUMBERS))]
        elif kind == "not a number" and column in header:
            fields[header.index(column)] = draw(st.sampled_from(NOT_NUMBERS))
        rows.append(fields)
    return render(rows, draw(st.sampled_from(["\n", "", "\r\n"]))), column


NS = st.integers(min_value=0, max_value=6)


@given(data=csv_inputs(), n=NS)
@example(data=(["v\n", "1\n", "3\n", "2\n"], "v"), n=3)  # largest first
@example(data=(["v\n", "9\n", "10\n", "2.5\n"], "v"), n=2)  # numbers, not strings
@example(data=(["k,v\n", "a,2\n", "b,1\n", "c,2\n", "d,2.0\n"], "v"), n=2)  # ties: input order
@example(data=(["k,v\n", "a,2\n", "b,2\n", "c,2\n"], "v"), n=2)  # ties: no dict comparison
@example(data=(["k,v\n", "a,1\n"], "v"), n=5)  # n beyond the rows
@example(data=(["k,v\n", "a,1\n", "b\n"], "v"), n=0)  # n = 0 still checks every row
@example(data=(["k,v\n", "a,1\n", "\n", "b,x\n"], "v"), n=1)  # empty lines count as lines
@example(data=(["k,v\n", '"a\n', 'b",1\n', "c,x\n"], "v"), n=1)  # so do lines inside quotes
@example(data=(["k,v\n", "a,nan\n"], "v"), n=1)  # NaN cannot be ranked
def test_result_agrees_with_a_simple_model(data: tuple[list[str], str], n: int) -> None:
    lines, column = data
    check(lines, column, n)


@given(data=csv_inputs(), n=NS)
def test_a_generator_gives_what_a_list_gives(data: tuple[list[str], str], n: int) -> None:
    lines, column = data
    check(lines, column, n, given_lines=(line for line in lines))


@given(data=csv_inputs(), n=NS)
def test_rows_come_back_whole_largest_first(data: tuple[list[str], str], n: int) -> None:
    lines, column = data
    try:
        expected = model(lines, column, n)
    except Problem:
        return
    got = top_values(lines, column, n)
    header = next(csv.reader(lines))
    assert len(got) == len(expected), (
        f"{call(lines, column, n)} returned {len(got)} rows, expected {len(expected)}: "
        f"min(n, the number of rows)"
    )
    for row in got:
        assert type(row) is dict and list(row) == header, (
            f"{call(lines, column, n)} returned the row {row!r}: expected a dict with the "
            f"header's columns {header!r}, in order"
        )
    values = [float(row[column]) for row in got]
    assert values == sorted(values, reverse=True), (
        f"{call(lines, column, n)} returned values {values!r}: expected largest first"
    )


# --- Examples: one per classic bug ----------------------------------------------------------------

WIDE = [",".join(f"c{i}" for i in range(300)) + "\n"] + [
    ",".join(str(row * i % 7) for i in range(300)) + "\n" for row in range(4)
]
SHOP = ["name,price\n", "tea,2.5\n", "cake,10\n", "jam,2.50\n", "bun,1\n"]

EXAMPLES: dict[str, tuple[list[str], str, int]] = {
    "the statement's example": (SHOP, "price", 2),
    "ties keep their input order": (SHOP, "price", 3),
    "largest first, not smallest": (["v\n", "1\n", "3\n", "2\n"], "v", 3),
    "numbers, not strings: 10 beats 9 and 2.5": (["v\n", "9\n", "10\n", "2.5\n"], "v", 3),
    "negative numbers, exponents, infinities": (
        ["v\n", "-5\n", "1e3\n", "-inf\n", "inf\n", "-0.5\n", "999\n"],
        "v",
        6,
    ),
    "a number with spaces around it": (["k,v\n", "a, 3 \n", "b,4\n"], "v", 2),
    "three equal values, two wanted: rows are never compared": (
        ["k,v\n", "a,2\n", "b,2\n", "c,2\n"],
        "v",
        2,
    ),
    "equal values written differently tie": (["k,v\n", "a,2\n", "b,2.0\n", "c,2e0\n"], "v", 3),
    "a tie cut by n keeps the earlier rows": (
        ["k,v\n", "a,1\n", "b,5\n", "c,5\n", "d,5\n", "e,9\n"],
        "v",
        3,
    ),
    "ties after many rows": (["k,v\n"] + [f"r{i},{i % 3}\n" for i in range(30)], "v", 12),
    "n beyond the number of rows": (["k,v\n", "a,1\n", "b,2\n"], "v", 5),
    "n equal to the number of rows": (["k,v\n", "a,1\n", "b,2\n"], "v", 2),
    "n = 0": (["k,v\n", "a,1\n"], "v", 0),
    "a header and no rows": (["k,v\n"], "v", 3),
    "one row": (["k,v\n", "a,1\n"], "v", 1),
    "the column first": (["v,k\n", "1,a\n", "2,b\n"], "v", 1),
    "the column alone": (["v\n", "1\n", "2\n"], "v", 1),
    "lines without endings": (["k,v", "a,1", "b,2"], "v", 2),
    "lines ending in \\r\\n": (["k,v\r\n", "a,1\r\n", "b,2\r\n"], "v", 2),
    "quoted fields hold commas and quotes": (
        ["name,price\n", '"tea, green",3\n', '"say ""hi""",4\n'],
        "price",
        2,
    ),
    "a quoted number": (["k,v\n", 'a,"7"\n', 'b,"8"\n'], "v", 1),
    "a quoted column name": (['k,"v"\n', "a,1\n"], "v", 1),
    "a row spanning two lines": (["k,v\n", '"two\n', 'lines",5\n', "c,4\n"], "v", 2),
    "empty lines are skipped": (["k,v\n", "\n", "a,1\n", "\n", "b,2\n", "\n"], "v", 3),
    "an empty field in another column": (["k,v,w\n", ",1,\n", "a,2,b\n"], "v", 2),
    # Past 256, CPython makes a new int for each len(): an `is` in place of == shows.
    "300 columns": (WIDE, "c150", 2),
    "the top 300 of 400 rows": (
        ["k,v\n"] + [f"r{i},{i * 37 % 400}\n" for i in range(400)],
        "v",
        300,
    ),
}


@pytest.mark.parametrize(("lines", "column", "n"), EXAMPLES.values(), ids=EXAMPLES.keys())
def test_example(lines: list[str], column: str, n: int) -> None:
    check(lines, column, n)


def test_the_statement_examples() -> None:
    got = top_values(SHOP, "price", 2)
    expected = [{"name": "cake", "price": "10"}, {"name": "tea", "price": "2.5"}]
    assert got == expected, f"{call(SHOP, 'price', 2)} returned {got!r}, expected {expected!r}"
    names = [row["name"] for row in top_values(SHOP, "price", 9)]
    assert names == ["cake", "tea", "jam", "bun"], (
        f"{call(SHOP, 'price', 9)} returned the rows {names!r}, expected cake, tea, jam, bun: "
        "tea and jam tie at 2.5, and tea came first"
    )


def test_a_generator_is_read_once() -> None:
    got = top_values((line for line in SHOP), "price", 1)
    assert got == [{"name": "cake", "price": "10"}], (
        f"top_values(<generator of {SHOP!r}>, 'price', 1) returned {got!r}, expected the cake row"
    )


class CountingIterable:
    """An iterable of lines that records how many times it was iterated."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.iterations = 0

    def __iter__(self) -> Iterator[str]:
        self.iterations += 1
        return iter(self.lines)


def test_input_is_iterated_once() -> None:
    lines = CountingIterable(SHOP)
    top_values(lines, "price", 2)
    assert lines.iterations == 1, f"the lines were iterated {lines.iterations} times, not once"


def test_result_rows_are_new_dicts() -> None:
    first = top_values(SHOP, "price", 1)
    first[0]["price"] = "0"
    again = top_values(SHOP, "price", 1)
    assert again == [{"name": "cake", "price": "10"}], (
        f"changing a row of one result changed the next call's: {again!r}"
    )


# --- Errors ---------------------------------------------------------------------------------------


BAD_ARGUMENTS: dict[str, tuple[list[str], str, int]] = {
    "n = -1": (SHOP, "price", -1),
    "n = -1, no rows": (["k,v\n"], "v", -1),
    "no lines, so no header": ([], "v", 1),
    "no lines, n = 0": ([], "v", 0),
    "no such column": (SHOP, "cost", 1),
    "no such column, n = 0": (SHOP, "Price", 0),
    "the column is ' price', with its space": (["name, price\n", "tea, 2\n"], "price", 1),
}


@pytest.mark.parametrize(("lines", "column", "n"), BAD_ARGUMENTS.values(), ids=BAD_ARGUMENTS.keys())
def test_bad_arguments_raise_value_error(lines: list[str], column: str, n: int) -> None:
    with pytest.raises(ValueError):
        top_values(lines, column, n)


MALFORMED: dict[str, tuple[list[str], str, int, int]] = {
    "a row with too few fields": (["k,v\n", "a,1\n", "b\n", "c,3\n"], "v", 2, 3),
    "a row with too many fields": (["k,v\n", "a,1\n", "b,2\n", "c,3,4\n"], "v", 2, 4),
    "an empty field is not a number": (["k,v\n", "a,\n", "b,2\n"], "v", 2, 2),
    "text is not a number": (["k,v\n", "a,1\n", "b,two\n"], "v", 2, 3),
    "NaN cannot be ranked": (["k,v\n", "a,1\n", "b,nan\n"], "v", 2, 3),
    "a comma inside a quoted number": (["k,v\n", 'a,"1,5"\n'], "v", 1, 2),
    "the first data row": (["k,v\n", "a\n", "b,2\n"], "v", 1, 2),
    "the last row": (["k,v\n", "a,1\n", "b,2\n", "c,3\n", "d,x\n"], "v", 9, 5),
    "a malformed row that would not be kept": (["k,v\n", "a,9\n", "b,1,1\n"], "v", 1, 3),
    "lines without endings": (["k,v", "a,1", "b"], "v", 1, 3),
    "empty lines count as lines": (["k,v\n", "\n", "a,1\n", "\n", "b,x\n"], "v", 1, 5),
    "lines inside quotes count as lines": (["k,v\n", '"a\n', 'b",1\n', "c,x\n"], "v", 1, 4),
    "a row spanning lines ends on its last line": (["k,v\n", '"a\n', "b\n", 'c"\n'], "v", 1, 4),
    "the first malformed row is named": (["k,v\n", "a,1\n", "b,x\n", "c\n"], "v", 1, 3),
    "n = 0 still checks every row": (["k,v\n", "a,1\n", "b,x\n"], "v", 0, 3),
    "csv cannot parse the line": (["k,v\n", "a,1\n", "b\rc,2\n"], "v", 1, 3),
}


@pytest.mark.parametrize(("lines", "column", "n", "line"), MALFORMED.values(), ids=MALFORMED.keys())
def test_malformed_row_raises_value_error_naming_its_line(
    lines: list[str], column: str, n: int, line: int
) -> None:
    try:
        got = top_values(lines, column, n)
    except ValueError as error:
        check_names_line(call(lines, column, n), error, line)
    except Exception as error:  # csv.Error, IndexError...: the learner's, shown as it came
        pytest.fail(
            f"{call(lines, column, n)} raised {type(error).__name__}({error}), expected "
            f"ValueError naming line {line}",
            pytrace=False,
        )
    else:
        pytest.fail(
            f"{call(lines, column, n)} returned {got!r}, expected ValueError naming line {line}",
            pytrace=False,
        )


# --- Performance ----------------------------------------------------------------------------------
# Memory is measured with tracemalloc (tests/memory.py), which makes every allocation about 9x
# dearer: the reference reads 1,000,000 traced lines in 20-28 s on a busy 2-core machine, far too
# long for a test, and 100,000 in under a second. So the sizes are 1,000 and 100,000 lines, the
# same 100x as 10,000 and 1,000,000. The lines come from a generator, so that only what the
# function keeps is measured; each is a new string, as a file gives.

POOL = [f"{i},item {i},{i * 7_919 % 10_007}.5" for i in range(10_007)]  # 10,007 distinct prices


def price_lines(count: int) -> Iterator[str]:
    """A header and ``count`` lines of id, name and price, each line a new string."""
    yield "id,name,price\n"
    rounds, rest = divmod(count, len(POOL))
    for _ in range(rounds):
        for line in POOL:
            yield line + "\n"
    for line in islice(POOL, rest):
        yield line + "\n"


KEEP = 10  # the small run peaks at 24 kB with the reference, the same to the byte on every run
MEMORY_LIMIT = 3  # the reference and DictReader with nlargest measure 1.00x; list(lines) 60x+


@pytest.mark.timing
def test_peak_memory_does_not_grow_with_the_input() -> None:
    check_memory_growth(
        lambda: top_values(watched(price_lines(1_000)), "price", KEEP),
        lambda: top_values(watched(price_lines(100_000)), "price", KEEP),
        limit=MEMORY_LIMIT,
        what=f"top_values(lines, 'price', {KEEP})",
        small_label="1,000 lines",
        large_label="100,000 lines",
        expected=f"a streaming answer keeps only the {KEEP} best rows seen so far",
    )


def random_lines(count: int, seed: int) -> list[str]:
    """A header and ``count`` rows whose prices come in no order."""
    return ["id,name,price\n"] + [
        f"{i},item {i},{(i * 7_919 + seed) % 100_003}.25\n" for i in range(count)
    ]


def rising_lines(count: int) -> list[str]:
    """A header and ``count`` rows of rising prices: every row beats all the kept ones."""
    return ["id,name,price\n"] + [f"{i},item {i},{i}.5\n" for i in range(count)]


def parse_only(lines: list[str]) -> None:
    """The calibration: reading the same lines with csv.reader, which any answer must do."""
    for _ in csv.reader(lines):
        pass


# Of parse_only's time: the reference takes 2-4x, DictReader with nlargest 6-10x, and an O(N * n)
# scan of 1,000 kept rows 240x.
DEADLINE_FACTOR = 60


def within_deadline(action: Callable[[], object], lines: list[str], what: str) -> None:
    """Run ``action`` once, stopping it after a multiple of the time to parse ``lines``."""
    (calibration,) = best_times([lambda: parse_only(lines)], repeat=3)
    with deadline(DEADLINE_FACTOR * calibration + 0.1, what):
        action()


GROWTH_LIMIT = 25  # 10x the lines: the reference measures 9-11x; O(N^2) measures 100x


@pytest.mark.timing
def test_ten_times_the_lines_cost_about_ten_times_as_much() -> None:
    small, large = random_lines(10_000, seed=1), random_lines(100_000, seed=2)
    within_deadline(lambda: top_values(large, "price", 10), large, "top_values(lines, 'price', 10)")
    ratio = growth_ratio(
        lambda: top_values(small, "price", 10),
        lambda: top_values(large, "price", 10),
        rounds=3,
        limit=GROWTH_LIMIT,
        clock=thread_time,
    )
    check_ratio(
        ratio,
        limit=GROWTH_LIMIT,
        message="top_values(lines, 'price', 10) over 100,000 lines cost far more than 10x "
        "10,000 lines: the cost of a line grows with the number of lines",
    )


KEPT_LIMIT = 4  # top 1,000 against top 10 of rising values: the reference measures 1.3-1.6x


@pytest.mark.timing
def test_keeping_1000_rows_costs_about_as_much_as_keeping_10() -> None:
    lines = rising_lines(50_000)
    what = "top_values(lines, 'price', 1000) over 50,000 rising prices"
    within_deadline(lambda: top_values(lines, "price", 1_000), lines, what)
    few, many = best_times(
        [lambda: top_values(lines, "price", 10), lambda: top_values(lines, "price", 1_000)],
        repeat=3,
        clock=thread_time,
    )
    check_ratio(
        many / few,
        limit=KEPT_LIMIT,
        message=f"{what} cost far more than the top 10: each line costs time in proportion to "
        "the rows kept (are they scanned or sorted for every line, instead of kept in a heap?)",
    )
