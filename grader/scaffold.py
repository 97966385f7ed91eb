"""``python -m grader.scaffold NAME``: start a new exercise in the repository's one obvious way.

It creates the stub ``exercises/NAME.py``, the reference ``solutions/NAME.py`` (the same
statement; a body to fill in), the tests ``tests/test_NAME.py`` (a property test with a pinned
example and a timing test with the right marker), ``tests/mutants/NAME/`` with one example
mutant, ``tests/alternatives/NAME/`` and a catalogue entry marked ``draft = true``. A draft is
hidden from learners (``list``, ``grade`` with no names, ``hint``, ``export``); the self-test
checks it like any exercise and reports it incomplete until its reference scores 100, its stub
0, eight mutants are caught and an alternative gets full marks. The code it writes passes ruff
and mypy for any valid name. Nothing that exists is ever overwritten.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from pathlib import Path

from grader.cli import USAGE_ERROR, OneLineParser, UsageError
from grader.config import CATALOGUE, KIND_NAMES, ConfigError, load_config
from grader.kinds import DEFAULT

SLUG = re.compile(r"^[a-z][a-z0-9_]*$")

# The templates put the exercise's name only on short lines, so that any valid name (up to
# MAX_NAME characters) gives code that passes ruff's line length.
MAX_NAME = 60

STATEMENT = '''"""TODO: a one-line summary of the exercise.

Task
----
Write the function below, which returns the total of an iterable of ints.
(Replace this with the task: what to write, the rules, the edge cases.)

Examples
--------
>>> {name}([1, 2, 3])
6

Limits (what the timing tests check)
------------------------------------
- The cost grows linearly with the number of values.
"""

from __future__ import annotations

from collections.abc import Iterable


def {name}(values: Iterable[int]) -> int:
    """Return the total of ``values``."""
'''
STUB_BODY = "    # TODO: write this.\n    raise NotImplementedError\n"
REFERENCE_BODY = "    # TODO: write the reference solution.\n    raise NotImplementedError\n"

MUTANT = '''"""Mutant: negative values are left out of the total (an example; add your own).

A reviewer would say: the filter `v > 0` was meant for counting, not summing; [-1, 2] totals 1.

Caught by: correctness
"""

from __future__ import annotations

from collections.abc import Iterable


def {name}(values: Iterable[int]) -> int:
    """Return the total of ``values``."""
    return sum(value for value in values if value > 0)
'''

ALTERNATIVES = '''"""Correct designs unlike the reference, one per module; each must get full marks.

Copy the reference's API, solve it another way (another data structure, another library), and
name the module for its design, e.g. ``tests/alternatives/{name}/with_a_heap.py``.
"""
'''

TESTS = '''"""Tests of the exercise: its docstring's specification, on any design."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from tests.submission import load
from tests.timing import check_ratio, growth_ratio

if TYPE_CHECKING:
    from solutions import {name} as exercise
else:
    exercise = load("{name}")

solve = exercise.{name}


@given(values=st.lists(st.integers(min_value=-3, max_value=3)))  # small: repeats are common
@example(values=[-1, 2])  # pins a classic bug: negatives left out
def test_the_total_matches_sum(values: list[int]) -> None:
    got = solve(values)
    assert got == sum(values), f"called with {{values}}: returned {{got}}, expected {{sum(values)}}"


def test_an_empty_input_totals_zero() -> None:
    assert solve([]) == 0, "called with []: expected 0"


@pytest.mark.timing
def test_ten_times_the_values_cost_about_ten_times_as_much() -> None:
    small, large = list(range(10_000)), list(range(100_000))
    ratio = growth_ratio(lambda: solve(small), lambda: solve(large), rounds=5, limit=30)
    check_ratio(ratio, 30, "10x the values cost far more than 10x the time")
'''

FINISHED_BODY = "    return sum(values)\n"
# A slow but correct total, the starting point of speedup, memory and debug scaffolds.
SLOW_BODY = (
    "    total = 0\n"
    "    for value in list(values):\n"
    "        total = total + sum([value])\n"
    "    return total\n"
)

SUITE_STATEMENT = '''"""TODO: what to test: the finished module and its rules.

Write the tests of the finished module
``exercises/{name}.py``
here. They are graded by the hidden buggy versions of the module they catch, and they must pass
on its hidden correct versions. Run them with
``python -m pytest exercises/test_{name}.py``.
"""

from __future__ import annotations

'''
SUITE = (
    SUITE_STATEMENT
    + """import {name} as subject  # noqa: F401  (the module you test)


def test_{name}() -> None:
    # TODO: write the tests.
    raise NotImplementedError
"""
)
REFERENCE_SUITE = (
    SUITE_STATEMENT
    + """import {name} as subject
from hypothesis import given
from hypothesis import strategies as st


@given(st.lists(st.integers(min_value=-3, max_value=3)))
def test_the_total_matches_sum(values: list[int]) -> None:
    total = subject.{name}(values)
    assert total == sum(values)
"""
)

CHAFF = '''"""Mutant: negative values are left out of the total (an example; add your own).

The first line is all a learner sees of it, in the report: the bug in words, never the code.
"""

from __future__ import annotations

from collections.abc import Iterable


def {name}(values: Iterable[int]) -> int:
    """Return the total of ``values``."""
    return sum(value for value in values if value > 0)
'''

WHEAT = '''"""A correct version unlike the finished module: a plain loop."""

from __future__ import annotations

from collections.abc import Iterable


def {name}(values: Iterable[int]) -> int:
    """Return the total of ``values``."""
    total = 0
    for value in values:
        total += value
    return total
'''

SUITE_MUTANT = '''"""Mutant: a suite that calls the function and asserts nothing.

A reviewer would say: every buggy version passes it.

Caught by: correctness
"""

from __future__ import annotations

import {name} as subject


def test_it_runs() -> None:
    subject.{name}([1, 2, 3])
'''

REWRITE_TESTS = '''"""Tests: results identical to the original's, and what the rewrite gained."""

from __future__ import annotations

from typing import TYPE_CHECKING

from hypothesis import given
from hypothesis import strategies as st

from tests.originals import {name} as original
from tests.submission import load

if TYPE_CHECKING:
    from solutions import {name} as exercise
else:
    exercise = load("{name}")


@given(values=st.lists(st.integers(min_value=-3, max_value=3)))
def test_results_are_the_originals(values: list[int]) -> None:
    got = exercise.{name}(values)
    expected = original.{name}(values)
    assert got == expected, f"called with {{values}}: returned {{got}}, the original {{expected}}"


# TODO: measure what the kind grades against the original, in the same run (README: kinds).
'''


CATALOGUE_ENTRY = """
[[exercise]]
name = "{name}"
kind = "{kind}"
draft = true  # hidden from learners; delete this line once nox -s selftest finds it complete
title = "TODO: a title"
difficulty = "medium"
topics = []
hints = [
    "TODO: a first hint, revealed by nox -s hint",
]
"""


def starter(kind: str, name: str) -> dict[str, str]:
    """The starting files of a new exercise of ``kind``: relative path -> template."""
    mutants, alternatives = f"tests/mutants/{name}", f"tests/alternatives/{name}"
    common = {f"{mutants}/__init__.py": "", f"{alternatives}/__init__.py": ALTERNATIVES}
    by_kind = {
        "implement": {
            f"exercises/{name}.py": STATEMENT + STUB_BODY,
            f"solutions/{name}.py": STATEMENT + REFERENCE_BODY,
            f"tests/test_{name}.py": TESTS,
            f"{mutants}/ignores_negatives.py": MUTANT,
        },
        "tests": {
            f"exercises/{name}.py": STATEMENT + FINISHED_BODY,
            f"solutions/{name}.py": STATEMENT + FINISHED_BODY,
            f"exercises/test_{name}.py": SUITE,
            f"solutions/test_{name}.py": REFERENCE_SUITE,
            f"tests/chaff/{name}/ignores_negatives.py": CHAFF,
            f"tests/wheat/{name}/with_a_loop.py": WHEAT,
            f"{mutants}/asserts_nothing.py": SUITE_MUTANT,
        },
    }
    rewrite = {  # speedup, memory and debug start from a module that works
        f"exercises/{name}.py": STATEMENT + SLOW_BODY,
        f"tests/originals/{name}.py": STATEMENT + SLOW_BODY,
        f"solutions/{name}.py": STATEMENT + FINISHED_BODY,
        f"tests/test_{name}.py": REWRITE_TESTS,
        f"{mutants}/ignores_negatives.py": MUTANT,
    }
    return {**common, **by_kind.get(kind, rewrite)}


def scaffold(root: Path, name: str, kind: str = DEFAULT) -> list[Path]:
    """Create the new exercise's files under ``root``; return them. Refuse to overwrite."""
    if not SLUG.match(name):
        raise UsageError(f"{name!r} is not a valid exercise name: use snake_case, like word_count")
    if len(name) > MAX_NAME:
        raise UsageError(f"{name!r} is longer than {MAX_NAME} characters; choose a shorter name")
    config = load_config(root)
    if config.exercise(name) is not None:
        raise UsageError(f"the exercise {name!r} exists already; choose another name")
    files = {root / path: text.format(name=name) for path, text in starter(kind, name).items()}
    existing = [path for path in files if path.exists()]
    if existing:
        shown = ", ".join(str(path.relative_to(root)) for path in existing)
        raise UsageError(f"{shown} exists already; nothing was written")
    for path, text in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    with (root / CATALOGUE).open("a", encoding="utf-8") as catalogue:
        catalogue.write(CATALOGUE_ENTRY.format(name=name, kind=kind))
    return [*files, root / CATALOGUE]


def main(argv: Sequence[str] | None = None) -> int:
    parser = OneLineParser(prog="nox -s new --", description="Scaffold a new exercise.")
    parser.add_argument("name", metavar="NAME", help="the new exercise's name, in snake_case")
    parser.add_argument(
        "--kind",
        choices=KIND_NAMES,
        default=DEFAULT,
        help="what the learner does (default: implement; see the README's kinds of exercise)",
    )
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="the repository (default: .)")
    try:
        args = parser.parse_args(argv)
        created = scaffold(args.root.resolve(), args.name, args.kind)
    except (UsageError, ConfigError) as error:
        print(f"error: {error}", file=sys.stderr)
        return USAGE_ERROR
    root = args.root.resolve()
    print(f"Created the exercise {args.name}:")
    for path in created:
        print(f"  {path.relative_to(root)}")
    print(
        f"Next: the statement (in both docstrings), the tests, the reference, eight mutants in "
        f"tests/mutants/{args.name}/ and an alternative in tests/alternatives/{args.name}/; then "
        f"nox -s selftest -- -k {args.name} until it is complete, and delete draft = true."
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
