"""The grade is only as good as the bugs it catches: every mutant must lose points.

Each module in ``tests/mutants/<exercise>/`` is a known-wrong implementation whose docstring ends
with ``Caught by: correctness`` or ``Caught by: performance``. A correctness mutant must lose
correctness points. A performance mutant must pass every correctness test and still lose
performance points, so that it is the timing tests that catch it, not the rubric's withholding.
Each module in ``tests/alternatives/<exercise>/`` is a correct design unlike the reference and
must lose nothing in correctness or performance.

The gradings begin in the background as the self-test starts (conftest), and the tests of this
module run last: the gradings use the time the other self-tests leave a core idle. A mutant's run
ends at its first failed test in the category it must lose (``--stop-after``), which is all it
takes to be caught.
"""

from __future__ import annotations

import ast
import os
import queue
import re
import shutil
import threading
from concurrent.futures import Future
from pathlib import Path

import pytest

from grader.config import load_config
from grader.pipeline import Options, grade
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


def grade_as_exercise(
    module: Path, tmp_path: Path, stop_after: str | None = None
) -> dict[str, dict[str, float]]:
    """Grade ``module`` as its folder's exercise; return each category's score and maximum.

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
    return {
        name: {"score": category.score, "max_score": category.max_score}
        for name, category in graded.categories.items()
    }


Categories = dict[str, dict[str, float]]


class Gradings:
    """The gradings of the selected mutants and alternatives, under way in background threads.

    One at a time while the other self-tests run, which leave a core idle as often as not; one
    per core once these tests ask for a result, when nothing else is left to run.
    """

    def __init__(self, items: list[pytest.Item], tmp_path_factory: pytest.TempPathFactory) -> None:
        selected = {
            item.callspec.params.get("mutant") or item.callspec.params.get("alternative")
            for item in items
            if hasattr(item, "callspec") and item.path.name == Path(__file__).name
        }
        modules = [module for module in [*MUTANTS, *ALTERNATIVES] if module in selected]
        # Made here, not in the threads: pytest's temporary folders are not made thread-safely.
        self.folders = {m: tmp_path_factory.mktemp(label(m).replace("/", "-")) for m in modules}
        self.futures: dict[Path, Future[Categories | str]] = {m: Future() for m in modules}
        self.waiting: queue.SimpleQueue[Path] = queue.SimpleQueue()
        for module in modules:
            self.waiting.put(module)
        self.threads: list[threading.Thread] = []
        self.grade_with(threads=1)

    def grade_with(self, threads: int) -> None:
        """Grade with this many threads from now on (never fewer than before)."""
        while len(self.threads) < threads:
            thread = threading.Thread(target=self._work, name="gradings", daemon=True)
            thread.start()
            self.threads.append(thread)

    def _work(self) -> None:
        while True:
            try:
                module = self.waiting.get_nowait()
            except queue.Empty:
                return
            future = self.futures[module]
            if not future.set_running_or_notify_cancel():  # cancelled by close()
                continue
            try:
                future.set_result(grade_or_say_why(module, self.folders[module]))
            except BaseException as error:  # a crash of the grader: its test shows it
                future.set_exception(error)

    def __getitem__(self, module: Path) -> Categories | str:
        self.grade_with(threads=os.cpu_count() or 1)
        return self.futures[module].result()

    def close(self) -> None:
        """Start no more gradings, and wait for those under way (an interrupted self-test)."""
        for future in self.futures.values():
            future.cancel()
        for thread in self.threads:
            thread.join()


def grade_or_say_why(module: Path, folder: Path) -> Categories | str:
    """``module``'s categories, or why it could not be graded (its test says so)."""
    stop_after = caught_by(module) if module in MUTANTS else None
    try:
        return grade_as_exercise(module, folder, stop_after)
    except AssertionError as error:  # no report: the test of this module says why
        return str(error)


@pytest.fixture(scope="session")
def gradings(background_gradings: Gradings) -> Gradings:
    """Every selected mutant and alternative, graded in parallel since the self-test began."""
    return background_gradings


@pytest.mark.parametrize("name", [e.name for e in load_config(ROOT).catalogue])
def test_every_exercise_has_at_least_eight_mutants(name: str) -> None:
    count = len([m for m in MUTANTS if m.parent.name == name])
    assert count >= 8, f"{name} is incomplete: {count} mutants in tests/mutants/{name}/, need 8"


@pytest.mark.parametrize("name", [e.name for e in load_config(ROOT).catalogue])
def test_every_exercise_has_an_alternative_design(name: str) -> None:
    count = len([a for a in ALTERNATIVES if a.parent.name == name])
    assert count >= 1, f"{name} is incomplete: add a correct design to tests/alternatives/{name}/"


@pytest.mark.parametrize("mutant", MUTANTS, ids=label)
def test_mutant_loses_points_in_its_category(mutant: Path, gradings: Gradings) -> None:
    category = caught_by(mutant)
    categories = gradings[mutant]
    assert not isinstance(categories, str), categories
    lost = categories[category]
    assert lost["score"] < lost["max_score"], f"{label(mutant)} kept its {category} points"
    if category == "performance":
        correctness = categories["correctness"]
        assert correctness["score"] == correctness["max_score"], (
            f"{label(mutant)} must be correct for its timing bug to be what is caught"
        )


@pytest.mark.parametrize("alternative", ALTERNATIVES, ids=label)
def test_alternative_design_loses_nothing(alternative: Path, gradings: Gradings) -> None:
    categories = gradings[alternative]
    assert not isinstance(categories, str), categories
    for category in ("correctness", "performance"):
        score = categories[category]
        assert score["score"] == score["max_score"], f"{label(alternative)} lost {category} points"
