"""The kinds that start from working code: ``speedup``, ``memory`` and ``debug``.

The learner's starting point is a module that runs (slow, greedy or buggy). A copy of it is kept
as ``tests/originals/NAME.py``: the tests measure against it, and the grader compares with it.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from grader.kinds.base import Kind, same_code

if TYPE_CHECKING:
    from grader.collect import Outcome
    from grader.config import Exercise

ORIGINALS = Path("tests") / "originals"
REPRODUCES = "reproduces"  # the marker of a debug exercise's tests that reproduce its bug report


class Rewrite(Kind):
    """Make a working module better by one measure, keeping every result the same."""

    def given_files(self, name: str) -> tuple[str, ...]:
        return ((ORIGINALS / f"{name}.py").as_posix(),)

    def not_started(self, root: Path, exercise: Exercise, module: Path) -> str | None:
        if same_code(module, root / ORIGINALS / module.name):
            return f"not started: {module.name} is still the original; {self.task}"
        return None


class Speedup(Rewrite):
    """``speedup``: make a correct but slow function at least 3x faster."""

    name: ClassVar[str] = "speedup"
    task: ClassVar[str] = "make it at least 3x faster, with identical results"
    meaning: ClassVar[dict[str, str]] = {
        "correctness": "share of the tests your results pass, compared with the original's",
        "performance": (
            "the speedup over the original, timed in the same run: a quarter of the points "
            "at each of 1.5x, 2x, 2.5x and 3x, once every correctness test passes"
        ),
        "readability": "ruff check, ruff format and mypy --strict on your file",
    }


class Memory(Rewrite):
    """``memory``: cut the peak memory of a function that holds everything at once."""

    name: ClassVar[str] = "memory"
    task: ClassVar[str] = "cut its peak memory, with identical results"
    meaning: ClassVar[dict[str, str]] = {
        "correctness": "share of the tests your results pass, compared with the original's",
        "performance": (
            "the peak memory (tracemalloc) against the original's on the same input, in the "
            "same run, once every correctness test passes"
        ),
        "readability": "ruff check, ruff format and mypy --strict on your file",
    }


class Debug(Rewrite):
    """``debug``: fix the bug a report describes without breaking anything else.

    The buggy module runs like any submission, so the learner sees which tests reproduce the
    report. Those tests (marked ``reproduces``) carry half of the correctness points, every
    other test the other half: a fix that breaks another behaviour loses as surely as one that
    does not fix the report.
    """

    name: ClassVar[str] = "debug"
    task: ClassVar[str] = "fix the bug its report describes, and break nothing else"
    meaning: ClassVar[dict[str, str]] = {
        "correctness": (
            "half for the tests that reproduce the bug report (they must now pass), half for "
            "every other test (they must still pass)"
        ),
        "performance": "share of the timing tests passed, once every correctness test passes",
        "readability": "ruff check, ruff format and mypy --strict on your file",
    }
    stub_earns: ClassVar[str] = "below the pass mark"

    def not_started(self, root: Path, exercise: Exercise, module: Path) -> str | None:
        return None  # the buggy module runs: its failing reproductions are the first clue

    def correctness_share(self, outcomes: Sequence[Outcome]) -> float:
        reproducing = [o for o in outcomes if REPRODUCES in o.tags]
        others = [o for o in outcomes if REPRODUCES not in o.tags]
        halves = [part for part in (reproducing, others) if part]
        return sum(super(Debug, self).correctness_share(part) for part in halves) / max(
            1, len(halves)
        )
