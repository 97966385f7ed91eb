"""An exercise's test processes run side by side and grade as one process would.

The correctness tests are split between two processes, the timing tests run in a third; an
exercise may ask for more in its catalogue table. The timing tests count only once every
correctness test passes: their run is ended at the first correctness failure and its tests read
"not timed", whatever they did meanwhile; a run that stops at the first correctness failure (a
mutant's) starts them only after the correctness verdict. Every test process draws the same
examples and hashes strings alike, warm or fresh.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import Any
from unittest import mock

from grader import collect
from grader.collect import NOT_TIMED, Outcome, RunResult, combine
from grader.config import Exercise, Processes, load_config
from grader.pipeline import Options, processes_at_once
from tests.selftest.conftest import ROOT, in_a_process_of_its_own, run_grader

CORRECT = Outcome("test_adds", "correctness", True)
WRONG = Outcome("test_adds", "correctness", False, "assert 4 == 5")
PLACEHOLDER = Outcome("test_fast", "performance", False, "not run: the run ended before this test")
TIMED = Outcome("test_fast", "performance", True)


def parts(correctness: RunResult, performance: RunResult) -> dict[tuple[str, int], RunResult]:
    """One process per category."""
    return {("correctness", 0): correctness, ("performance", 0): performance}


def test_the_timing_run_gives_the_timing_outcomes() -> None:
    correctness = RunResult((CORRECT, PLACEHOLDER))
    performance = RunResult((PLACEHOLDER, TIMED))
    assert combine(parts(correctness, performance)) == RunResult((CORRECT, TIMED))


def test_a_correctness_failure_makes_every_timing_test_not_timed() -> None:
    combined = combine(parts(RunResult((WRONG, PLACEHOLDER)), RunResult((PLACEHOLDER, TIMED))))
    assert combined.outcomes[0] == WRONG
    assert combined.outcomes[1].message == NOT_TIMED and not combined.outcomes[1].passed
    assert combined.problem is None


def test_a_timing_run_that_broke_off_says_why_its_tests_did_not_run() -> None:
    broken = RunResult((), "the module could not be imported: RuntimeError")
    combined = combine(parts(RunResult((CORRECT, PLACEHOLDER)), broken))
    assert combined.outcomes[0] == CORRECT
    assert combined.outcomes[1].message == f"not run: {broken.problem}"
    assert not combined.outcomes[1].passed
    assert combined.problem == broken.problem


def test_a_refusal_in_either_run_refuses_the_exercise() -> None:
    refused = RunResult((), "refused: it wrote into tests/", refused=True)
    assert combine(parts(RunResult((CORRECT, PLACEHOLDER)), refused)) == refused
    assert combine(parts(refused, RunResult((PLACEHOLDER, TIMED)))) == refused


def test_each_test_comes_from_the_process_of_its_rank_within_its_category() -> None:
    first, second, third = (Outcome(f"test_{n}", "correctness", True) for n in "abc")
    unrun = [
        replace(o, passed=False, message="not run: deselected") for o in (first, second, third)
    ]
    even = RunResult((first, unrun[1], third, PLACEHOLDER))
    odd = RunResult(
        (unrun[0], replace(second, passed=False, message="wrong"), unrun[2], PLACEHOLDER)
    )
    timing = RunResult((*unrun, TIMED))
    runs = {("correctness", 0): even, ("correctness", 1): odd, ("performance", 0): timing}
    combined = combine(runs)
    assert combined.outcomes[:3] == (first, replace(second, passed=False, message="wrong"), third)
    assert combined.outcomes[3].message == NOT_TIMED
    runs[("correctness", 1)] = RunResult((), "the test process ended early")
    assert combine(runs).outcomes[1].message == "not run: the test process ended early"


TEST = '''\
"""A correctness test that fails at once and a timing test that would take a minute."""

import os
import time

import pytest

from tests.submission import load

module = load("{name}")


def test_adds() -> None:
    assert module.add(2, 2) == 4


@pytest.mark.timing
def test_fast() -> None:
    time.sleep({seconds})
    assert module.add(1, 1) == 2
'''


def make_repo(root: Path, seconds: float, answer: str) -> Path:
    (root / "tests").mkdir(parents=True)
    (root / "exercises").mkdir()
    for support in ("__init__.py", "conftest.py", "submission.py", "timing.py"):
        (root / "tests" / support).write_bytes((ROOT / "tests" / support).read_bytes())
    (root / "pyproject.toml").write_bytes((ROOT / "pyproject.toml").read_bytes())
    (root / "exercises" / "info.toml").write_text('[[exercise]]\nname = "adder"\n')
    (root / "tests" / "test_adder.py").write_text(TEST.format(name="adder", seconds=seconds))
    source = f'def add(a: int, b: int) -> int:\n    """Add."""\n    return {answer}\n'
    (root / "exercises" / "adder.py").write_text(source)
    return root


def test_a_failing_correctness_test_ends_the_timing_run(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo", seconds=60, answer="a - b")
    start = time.monotonic()
    graded = run_grader("--impl", repo / "exercises", root=repo, report=tmp_path / "r.json")
    elapsed = time.monotonic() - start
    checks = graded.exercise("adder")["categories"]["performance"]["checks"]
    assert [c["message"] for c in checks] == [NOT_TIMED]
    assert elapsed < 30, f"the grade waited {elapsed:.0f}s for a timing run that cannot count"


def grade_output(repo: Path, *, warm: bool) -> str:
    """What grading ``repo``'s exercise printed, forked from the warm worker or started fresh."""
    done = subprocess.run(
        [sys.executable, "-m", "grader", "--root", str(repo), "--impl", str(repo / "exercises")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "KATA_WORKER": "1" if warm else "0"},
    )
    return done.stdout + done.stderr


def test_fresh_processes_grade_the_same_as_the_warm_worker(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo", seconds=0.1, answer="a + b")
    output = grade_output(repo, warm=False)
    assert "100/100" in output, output


SAME_ORDER = """

def test_strings_hash_alike_on_every_run() -> None:
    import sys

    assert sys.flags.hash_randomization == 0, "a set of strings would change order between runs"
"""


def test_every_test_process_hashes_strings_alike(tmp_path: Path) -> None:
    """A submission that returns a set's strings in its order gets the same grade on every run."""
    repo = make_repo(tmp_path / "repo", seconds=0.1, answer="a + b")
    with (repo / "tests" / "test_adder.py").open("a") as tests:
        tests.write(SAME_ORDER)
    for warm in (True, False):
        output = grade_output(repo, warm=warm)
        assert "100/100" in output, output


NO_LITERALS = """

def test_examples_come_from_the_strategies_alone() -> None:
    from hypothesis.internal.conjecture import providers

    assert not providers._get_local_constants().strings, "the submission's literals were mined"
"""


def test_examples_never_depend_on_the_literals_of_loaded_modules(tmp_path: Path) -> None:
    """Hypothesis would draw the submission's and the grader's literals: grades would drift."""
    repo = make_repo(tmp_path / "repo", seconds=0.1, answer='a + b if "mined" else 0')
    with (repo / "tests" / "test_adder.py").open("a") as tests:
        tests.write(NO_LITERALS)
    graded = run_grader("--impl", repo / "exercises", root=repo, report=tmp_path / "r.json")
    correctness = graded.exercise("adder")["categories"]["correctness"]
    assert correctness["score"] == correctness["max_score"], graded.output


WHICH_PROCESS = """

@pytest.mark.timing
@pytest.mark.parametrize("n", range(4))
def test_which_process(n: int) -> None:
    assert False, f"process {os.getpid()}"
"""


def timing_processes(repo: Path, report: Path) -> set[str]:
    """The processes that ran the timing tests, as their failures name them."""
    with (repo / "tests" / "test_adder.py").open("a") as tests:
        tests.write(WHICH_PROCESS)
    graded = run_grader("--impl", repo / "exercises", root=repo, report=report)
    checks = graded.exercise("adder")["categories"]["performance"]["checks"]
    return {c["message"] for c in checks if c["message"].startswith("process ")}


def test_an_exercise_may_split_its_timing_tests_between_processes(tmp_path: Path) -> None:
    one = make_repo(tmp_path / "one", seconds=0, answer="a + b")
    assert len(timing_processes(one, tmp_path / "one.json")) == 1
    two = make_repo(tmp_path / "two", seconds=0, answer="a + b")
    catalogue = two / "exercises" / "info.toml"
    catalogue.write_text(catalogue.read_text() + "processes = { performance = 2 }\n")
    assert len(timing_processes(two, tmp_path / "two.json")) == 2


def test_an_exercise_that_asks_for_more_processes_than_a_grade_runs_gets_them_at_once() -> None:
    cores = os.cpu_count() or 1
    plain = Exercise("plain", "Plain", "easy", (), ())
    wide = replace(
        plain, name="wide", processes=Processes(correctness=cores + 1, performance=cores)
    )
    assert processes_at_once(Options(), [plain]) == 2 * cores
    assert processes_at_once(Options(), [plain, wide]) == 2 * cores + 1
    assert processes_at_once(Options(jobs=1), [plain, wide]) == 1  # as the grade asks


def parts_started(stop_after: str | None, work: Path) -> list[str]:
    """What the processes of a grade whose correctness test fails did, in order.

    A stand-in for each test process says when it began (or that it was cancelled before it
    could) and when it ended; the correctness one fails after a fifth of a second. It replaces
    the grader's test process for the whole interpreter, so it runs in a process of its own.
    """
    happened: list[str] = in_a_process_of_its_own(record_parts, stop_after or "", str(work))
    return happened


def record_parts(stop_after: str, folder: str) -> list[str]:
    """:func:`parts_started`, in the process it runs in (``stop_after`` "" for none)."""
    happened: list[str] = []
    work = Path(folder)

    def stand_in(*_: object, options: list[str], **hooks: Any) -> RunResult:
        part = next(o for o in options if o.startswith("--kata-part=")).split("=")[1]
        happened.append(f"{part} {'cancelled' if hooks['cancel'].is_set() else 'started'}")
        if hooks["on_start"] is not None:  # said first: it lets a waiting timing process go
            hooks["on_start"]()
        if part == "correctness":
            time.sleep(0.2)  # time for the timing process to start beside it, if it may
            hooks["on_event"]({"event": "result", "id": "test_adds", "passed": False})
        happened.append(f"{part} ended")
        return RunResult((), None)

    work.mkdir()
    adder = Exercise("adder", "Adder", "easy", (), (), processes=Processes(1, 1))
    with mock.patch.object(collect, "run_pytest", stand_in):  # in this process alone
        collect.run_tests(load_config(ROOT), adder, work, work, work, stop_after=stop_after or None)
    return happened


def test_a_run_that_stops_at_a_correctness_failure_never_starts_a_timing_process(
    tmp_path: Path,
) -> None:
    # A learner's grade starts the timing process beside the correctness one, for speed.
    assert parts_started(None, tmp_path / "grade")[:2] == [
        "correctness started",
        "performance started",
    ]
    # A mutant's (--stop-after correctness) waits for the correctness verdict, which ends it.
    assert parts_started("correctness", tmp_path / "mutant") == [
        "correctness started",
        "correctness ended",
        "performance cancelled",
        "performance ended",
    ]
