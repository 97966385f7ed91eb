"""Hostile and broken submissions earn nothing they did not earn and harm nothing else.

Every module in ``tests/hostile/`` is graded as one exercise of each kind and of each shape at
once, in a copy of this repository with tight limits and one extra exercise, ``control``, whose
correct module must still get full marks. Each hostile exercise must score 0 with a one-line
reason, the run must end within its limits, and no file of the repository may change.

The cases are graded in the background as the self-test starts (:mod:`tests.selftest.background`),
and their tests run last.
"""

from __future__ import annotations

import hashlib
import shutil
import time
from collections.abc import Hashable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import pytest

from tests.selftest.background import Background, Job, selected
from tests.selftest.conftest import ROOT, Graded, run_grader

CORPUS = sorted((ROOT / "tests" / "hostile").glob("*.py"))
PLACEHOLDER = "EXERCISE"
TEST_TIMEOUT = 1  # nothing here needs long: the control has one trivial test
MEMORY_MB = 1024
CASE_SECONDS = 90  # the slowest case hangs in every test it reaches: about 9 x 3 x 1 s

CONTROL_TEST = '''\
"""A trivial exercise graded beside the hostile ones: it must keep full marks."""

from tests.submission import load

control = load("control")


def test_adds() -> None:
    assert control.add(2, 3) == 5
'''
CONTROL = '''\
"""A correct control submission."""


def add(a: int, b: int) -> int:
    """Add two numbers."""
    return a + b
'''


def make_fortress(root: Path) -> Path:
    """A copy of the repository's tests and configuration with tight limits and a control."""
    shutil.copytree(
        ROOT / "tests", root / "tests", ignore=shutil.ignore_patterns("__pycache__", "selftest")
    )
    (root / "tests" / "test_control.py").write_text(CONTROL_TEST)
    (root / "exercises").mkdir()
    catalogue = (ROOT / "exercises" / "info.toml").read_text()
    (root / "exercises" / "info.toml").write_text(catalogue + '\n[[exercise]]\nname = "control"\n')
    pyproject = (ROOT / "pyproject.toml").read_text()
    pyproject = pyproject.replace("test_timeout = 15", f"test_timeout = {TEST_TIMEOUT}")
    pyproject = pyproject.replace("memory_limit_mb = 2048", f"memory_limit_mb = {MEMORY_MB}")
    (root / "pyproject.toml").write_text(pyproject)
    return root


# What a hostile module does is the same under any exercise's name: what differs is how the
# tests reach it. So each case faces one exercise of each kind (which file the learner writes,
# which suite grades it) and of each shape the tests call (a class, a decorator, threads,
# coroutines), not the whole catalogue: the cases that hang cost their limit in every test.
SHAPES = {"lru_cache": "a class", "retry": "a decorator", "connection_pool": "threads",
          "fetch_all": "coroutines"}  # fmt: skip


def exercise_names() -> list[str]:
    """The exercises every case is graded as: one of each kind and of each shape."""
    from grader.config import load_config

    catalogue = load_config(ROOT).catalogue
    first_of_kind = {exercise.kind_name: exercise.name for exercise in reversed(catalogue)}
    chosen = SHAPES.keys() | first_of_kind.values()
    return [exercise.name for exercise in catalogue if exercise.name in chosen]


def fingerprint(root: Path) -> dict[str, str]:
    """A digest of every file a submission might touch, outside temporary folders."""
    files = [
        path
        for folder in ("tests", "solutions", "exercises", "grader", "bench")
        for path in (root / folder).rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    ]
    files += [root / name for name in ("pyproject.toml", "noxfile.py", "README.md")]
    files = [path for path in files if path.is_file()]
    return {str(path): hashlib.sha256(path.read_bytes()).hexdigest() for path in files}


def reason(exercise: dict[str, object]) -> str:
    """The report's reason for a lost exercise: the run's problem, or the first failed check."""
    problem = exercise["problem"]
    if isinstance(problem, str) and problem:
        return problem
    categories = exercise["categories"]
    assert isinstance(categories, dict)
    failed = [c for c in categories["correctness"]["checks"] if not c["passed"]]
    return str(failed[0]["message"]) if failed else ""


@dataclass(frozen=True)
class Outcome:
    """How the grader dealt with one hostile case."""

    graded: Graded
    elapsed: float
    unchanged: bool  # every file of the repository and of the fortress as it was


def background_jobs(
    items: list[pytest.Item], tmp_path_factory: pytest.TempPathFactory
) -> dict[Hashable, Job]:
    """The gradings of the selected cases, to begin with the self-test, in one fortress."""
    cases = [case for case in selected(items, __file__, "case") if isinstance(case, Path)]
    if not cases:
        return {}
    # Made here, not in a background thread: pytest's folders are not made thread-safely.
    fortress = make_fortress(tmp_path_factory.mktemp("fortress"))
    return {
        case: partial(grade_case, case, fortress, tmp_path_factory.mktemp(case.stem))
        for case in cases
    }


def grade_case(case: Path, fortress: Path, folder: Path) -> Outcome:
    """Grade ``case`` as every exercise of :func:`exercise_names` at once, beside the control."""
    names = exercise_names()
    impl = folder / "impl"
    impl.mkdir()
    for name in names:
        (impl / f"{name}.py").write_text(case.read_text().replace(PLACEHOLDER, name))
    (impl / "control.py").write_text(CONTROL)
    before = fingerprint(ROOT), fingerprint(fortress)
    start = time.monotonic()
    # Named: a grade without names leaves out drafts, and a draft may be the first of its kind.
    graded = run_grader(
        *names, "control", "--impl", impl, root=fortress, report=folder / "report.json"
    )
    elapsed = time.monotonic() - start
    return Outcome(graded, elapsed, (fingerprint(ROOT), fingerprint(fortress)) == before)


@pytest.mark.parametrize("case", CORPUS, ids=lambda path: path.stem)
def test_hostile_submission_earns_nothing_and_harms_nothing(
    case: Path, background: Background
) -> None:
    outcome = background.result(case)
    assert isinstance(outcome, Outcome)
    graded = outcome.graded
    assert graded.report is not None, f"{case.stem}: no report; stderr: {graded.errors[-500:]}"
    assert "Traceback" not in graded.errors, f"{case.stem}: the grader crashed: {graded.errors}"
    assert graded.exit_code == 1, f"{case.stem}: exit code {graded.exit_code}"
    for name in exercise_names():
        exercise = graded.exercise(name)
        assert exercise["score"] == 0, f"{case.stem} as {name} earned {exercise['score']} points"
        why = reason(exercise)
        assert why, f"{case.stem} as {name}: the report gives no reason"
        problem = exercise["problem"]
        assert problem is None or "\n" not in problem, f"{case.stem}: reason is not one line"
    control = graded.exercise("control")
    assert control["score"] == control["max_score"], f"{case.stem} harmed another exercise"
    assert outcome.unchanged, f"{case.stem} changed files"
    assert outcome.elapsed < CASE_SECONDS, f"{case.stem} took {outcome.elapsed:.0f}s to grade"


def test_the_corpus_covers_every_kind_of_attack() -> None:
    expected = {
        "loops_at_import", "never_returns", "exits_at_import", "os_exit_at_import",
        "exits_in_call", "os_exit_in_call", "raises_base_exception", "unbounded_recursion",
        "allocates_gigabytes", "prints_megabytes", "syntax_error", "missing_names",
        "wrong_signatures", "patches_the_clocks", "patches_pytest", "patches_hypothesis",
        "patches_the_grader", "writes_into_tests", "writes_into_solutions",
        "imports_the_reference",
        # Seen only at run time: no name list finds these.
        "removes_by_computed_name", "writes_through_io_open", "writes_through_os_open",
        "writes_through_an_alias", "spawns_a_process", "leaves_a_callback_behind",
        "writes_from_inside_a_call",
    }  # fmt: skip
    assert expected <= {path.stem for path in CORPUS}
