"""The grade is only as good as the bugs it catches: every mutant must lose points.

Each module in ``tests/mutants/<exercise>/`` is a known-wrong implementation whose docstring ends
with ``Caught by: correctness`` or ``Caught by: performance``. A correctness mutant must lose
correctness points. A performance mutant must pass every correctness test and still lose
performance points, so that it is the timing tests that catch it, not the rubric's withholding.
Each module in ``tests/alternatives/<exercise>/`` is a correct design unlike the reference and
must lose nothing in correctness or performance.

The gradings begin in the background as the self-test starts (:mod:`tests.selftest.background`),
and the tests of this module run last: the gradings use the time the other self-tests leave a core
idle. A mutant's run ends at its first failed test in the category it must lose
(``--stop-after``), which is all it takes to be caught.
"""

from __future__ import annotations

import ast
import re
import shutil
from collections.abc import Hashable
from functools import partial
from pathlib import Path

import pytest

from grader.config import load_config
from grader.pipeline import Options, grade
from grader.score import CategoryScore
from tests.selftest.background import Background, Job, selected
from tests.selftest.conftest import ROOT

MUTANTS = sorted((ROOT / "tests" / "mutants").glob("*/[!_]*.py"))
ALTERNATIVES = sorted((ROOT / "tests" / "alternatives").glob("*/[!_]*.py"))
CAUGHT_BY = re.compile(r"^Caught by: (correctness|performance)$", re.MULTILINE)


def label(path: Path) -> str:
    return f"{path.parent.name}/{path.stem}"


def caught_by(path: Path) -> str:
    docstring = ast.get_docstring(ast.parse(path.read_text())) or ""
    match = CAUGHT_BY.search(docstring)
    assert match, f"{label(path)}: the docstring needs a line 'Caught by: correctness|performance'"
    return match.group(1)


def grade_as_exercise(module: Path, tmp_path: Path, stop_after: str | None = None) -> Categories:
    """Grade ``module`` as its folder's exercise; return each category's score and checks.

    The grade runs in this process, through the pipeline a learner's grade goes through, its
    correctness processes side by side: the first failure ends them all when ``stop_after`` asks.
    Readability is not reviewed: these tests ask only about correctness and performance.
    """
    config = load_config(ROOT)
    chosen = config.exercise(module.parent.name)
    assert chosen is not None, f"tests/mutants/{module.parent.name}/: not in the catalogue"
    impl = tmp_path / "impl"
    impl.mkdir()
    shutil.copy(module, impl / chosen.module_file)
    graded = grade(config, chosen, impl, Options(jobs=2, stop_after=stop_after, review=False))
    return dict(graded.categories)


Categories = dict[str, CategoryScore]


def failed(category: CategoryScore) -> str:
    """The checks ``category`` lost, with their messages, for a failure that must say why."""
    return "; ".join(f"{c.name}: {c.message}" for c in category.checks if not c.passed)


def background_jobs(
    items: list[pytest.Item], tmp_path_factory: pytest.TempPathFactory
) -> dict[Hashable, Job]:
    """The gradings of the selected mutants and alternatives, to begin with the self-test."""
    chosen = set(selected(items, __file__, "mutant", "alternative"))
    jobs: dict[Hashable, Job] = {}
    for module in [*MUTANTS, *ALTERNATIVES]:
        if module in chosen:
            # Made here, not in a background thread: pytest's folders are not made thread-safely.
            folder = tmp_path_factory.mktemp(label(module).replace("/", "-"))
            jobs[module] = partial(grade_or_say_why, module, folder)
    return jobs


def grade_or_say_why(module: Path, folder: Path) -> Categories | str:
    """``module``'s categories, or why it could not be graded (its test says so)."""
    stop_after = caught_by(module) if module in MUTANTS else None
    try:
        return grade_as_exercise(module, folder, stop_after)
    except AssertionError as error:  # no report: the test of this module says why
        return str(error)


def graded(background: Background, module: Path) -> Categories:
    """``module``'s categories, graded in the background since the self-test began."""
    categories = background.result(module)
    assert isinstance(categories, dict), categories
    return categories


@pytest.mark.parametrize("name", [e.name for e in load_config(ROOT).catalogue])
def test_every_exercise_has_at_least_eight_mutants(name: str) -> None:
    count = len([m for m in MUTANTS if m.parent.name == name])
    assert count >= 8, f"{name} is incomplete: {count} mutants in tests/mutants/{name}/, need 8"


@pytest.mark.parametrize("name", [e.name for e in load_config(ROOT).catalogue])
def test_every_exercise_has_an_alternative_design(name: str) -> None:
    count = len([a for a in ALTERNATIVES if a.parent.name == name])
    assert count >= 1, f"{name} is incomplete: add a correct design to tests/alternatives/{name}/"


@pytest.mark.parametrize("mutant", MUTANTS, ids=label)
def test_mutant_loses_points_in_its_category(mutant: Path, background: Background) -> None:
    category = caught_by(mutant)
    categories = graded(background, mutant)
    lost = categories[category]
    assert lost.score < lost.max_score, f"{label(mutant)} kept its {category} points"
    if category == "performance":
        correctness = categories["correctness"]
        assert correctness.score == correctness.max_score, (
            f"{label(mutant)} must be correct for its timing bug to be what is caught; it lost "
            f"{failed(correctness)}"
        )


@pytest.mark.parametrize("alternative", ALTERNATIVES, ids=label)
def test_alternative_design_loses_nothing(alternative: Path, background: Background) -> None:
    categories = graded(background, alternative)
    for category in ("correctness", "performance"):
        score = categories[category]
        assert score.score == score.max_score, (
            f"{label(alternative)} lost {category} points: {failed(score)}"
        )
