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
from grader.config import CATALOGUE, ConfigError, load_config

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

CATALOGUE_ENTRY = """
[[exercise]]
name = "{name}"
draft = true  # hidden from learners; delete this line once nox -s selftest finds it complete
title = "TODO: a title"
difficulty = "medium"
topics = []
hints = [
    "TODO: a first hint, revealed by nox -s hint",
]
"""


def scaffold(root: Path, name: str) -> list[Path]:
    """Create the new exercise's files under ``root``; return them. Refuse to overwrite."""
    if not SLUG.match(name):
        raise UsageError(f"{name!r} is not a valid exercise name: use snake_case, like word_count")
    if len(name) > MAX_NAME:
        raise UsageError(f"{name!r} is longer than {MAX_NAME} characters; choose a shorter name")
    config = load_config(root)
    if config.exercise(name) is not None:
        raise UsageError(f"the exercise {name!r} exists already; choose another name")
    statement = STATEMENT.format(name=name)
    files = {
        root / "exercises" / f"{name}.py": statement + STUB_BODY,
        root / "solutions" / f"{name}.py": statement + REFERENCE_BODY,
        root / "tests" / f"test_{name}.py": TESTS.format(name=name),
        root / "tests" / "mutants" / name / "__init__.py": "",
        root / "tests" / "mutants" / name / "ignores_negatives.py": MUTANT.format(name=name),
        root / "tests" / "alternatives" / name / "__init__.py": ALTERNATIVES.format(name=name),
    }
    existing = [path for path in files if path.exists()]
    if existing:
        shown = ", ".join(str(path.relative_to(root)) for path in existing)
        raise UsageError(f"{shown} exists already; nothing was written")
    for path, text in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    with (root / CATALOGUE).open("a", encoding="utf-8") as catalogue:
        catalogue.write(CATALOGUE_ENTRY.format(name=name))
    return [*files, root / CATALOGUE]


def main(argv: Sequence[str] | None = None) -> int:
    parser = OneLineParser(prog="nox -s new --", description="Scaffold a new exercise.")
    parser.add_argument("name", metavar="NAME", help="the new exercise's name, in snake_case")
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="the repository (default: .)")
    try:
        args = parser.parse_args(argv)
        created = scaffold(args.root.resolve(), args.name)
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
