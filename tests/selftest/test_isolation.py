"""A submission that hangs, crashes, exits or does not parse costs its own exercise, nothing more.

Each case grades a tiny repository of two exercises, ``adder`` and ``doubler``: ``adder.py`` is
the broken one, ``doubler.py`` is correct and must still get full marks.
"""

from __future__ import annotations

import shutil
import textwrap
import time
from pathlib import Path

import pytest

from tests.selftest.conftest import ROOT, Graded, run_grader

EXERCISE_TEST = '''\
"""Tests of the {name} exercise."""

from tests.submission import load

module = load("{name}")


def test_small() -> None:
    assert module.{name}(2) == {small}


def test_large() -> None:
    assert module.{name}(1000) == {large}
'''

CORRECT = {
    "adder": 'def adder(n: int) -> int:\n    """Add one."""\n    return n + 1\n',
    "doubler": 'def doubler(n: int) -> int:\n    """Double."""\n    return 2 * n\n',
}


@pytest.fixture
def mini_repo(tmp_path: Path) -> Path:
    """A repository with the real grader configuration, test support and two tiny exercises."""
    repo = tmp_path / "repo"
    (repo / "tests").mkdir(parents=True)
    (repo / "exercises").mkdir()
    for support in ("__init__.py", "conftest.py", "submission.py", "timing.py"):
        shutil.copy(ROOT / "tests" / support, repo / "tests" / support)
    pyproject = (ROOT / "pyproject.toml").read_text()
    # The exercise limit leaves room for a slow start beside other processes (a loaded machine).
    pyproject = pyproject.replace("test_timeout = 15", "test_timeout = 2")
    pyproject = pyproject.replace("exercise_timeout = 120", "exercise_timeout = 15")
    (repo / "pyproject.toml").write_text(pyproject)
    catalogue = "".join(f'[[exercise]]\nname = "{name}"\n\n' for name in CORRECT)
    (repo / "exercises" / "info.toml").write_text(catalogue)
    for name, small, large in (("adder", 3, 1001), ("doubler", 4, 2000)):
        text = EXERCISE_TEST.format(name=name, small=small, large=large)
        (repo / "tests" / f"test_{name}.py").write_text(text)
    return repo


def grade_with_adder(repo: Path, adder_source: str) -> Graded:
    impl = repo / "impl"
    impl.mkdir()
    (impl / "adder.py").write_text(textwrap.dedent(adder_source))
    (impl / "doubler.py").write_text(CORRECT["doubler"])
    return run_grader("--impl", impl, root=repo, report=repo / "report.json")


def assert_doubler_unharmed(graded: Graded) -> None:
    doubler = graded.exercise("doubler")
    assert doubler["score"] == doubler["max_score"], graded.output


def test_correct_submission_scores_full_marks(mini_repo: Path) -> None:
    graded = grade_with_adder(mini_repo, CORRECT["adder"])
    assert graded.exit_code == 0, graded.output + graded.errors
    assert graded.exercise("adder")["score"] == 100


BROKEN = {
    "syntax error": ("def adder(n: int) -> int\n    return n + 1\n", "could not be imported"),
    "exit at import": ("import sys\nsys.exit(0)\n", ""),
    "os._exit at import": ("import os\nos._exit(0)\n", ""),
    "endless loop at import": ("while True:\n    pass\n", "took more than 2s"),
    "missing function": ("def add_one(n: int) -> int:\n    return n + 1\n", "AttributeError"),
    # A lone surrogate in a message once crashed the report after everything was graded.
    "a lone surrogate": (
        'def adder(n: int) -> int:\n    raise ValueError("\\ud800")\n',
        "ValueError: \ud800",
    ),
}


@pytest.mark.parametrize(("source", "reason"), BROKEN.values(), ids=BROKEN.keys())
def test_broken_module_scores_zero_and_spares_the_other(
    mini_repo: Path, source: str, reason: str
) -> None:
    graded = grade_with_adder(mini_repo, source)
    adder = graded.exercise("adder")
    assert adder["score"] == 0
    assert graded.exit_code == 1
    messages = [adder["problem"] or ""] + [
        check["message"] for check in adder["categories"]["correctness"]["checks"]
    ]
    assert any(reason in message for message in messages), messages
    assert_doubler_unharmed(graded)


def test_a_hanging_test_fails_alone(mini_repo: Path) -> None:
    source = """
        def adder(n: int) -> int:
            while n > 100:
                pass
            return n + 1
    """
    graded = grade_with_adder(mini_repo, source)
    checks = {c["name"]: c for c in graded.exercise("adder")["categories"]["correctness"]["checks"]}
    assert checks["test_small"]["passed"]
    assert not checks["test_large"]["passed"]
    assert "did not finish in time" in checks["test_large"]["message"]
    assert_doubler_unharmed(graded)


@pytest.mark.parametrize("exit_call", ["sys.exit(3)", "os._exit(0)", "raise KeyboardInterrupt"])
def test_exiting_inside_a_test_costs_the_rest_of_the_run(mini_repo: Path, exit_call: str) -> None:
    source = f"""
        import os
        import sys

        def adder(n: int) -> int:
            if n > 100:
                {exit_call}
            return n + 1
    """
    graded = grade_with_adder(mini_repo, source)
    checks = {c["name"]: c for c in graded.exercise("adder")["categories"]["correctness"]["checks"]}
    assert checks["test_small"]["passed"]
    assert not checks["test_large"]["passed"]
    assert_doubler_unharmed(graded)


def test_a_crash_is_reported_and_spares_the_other(mini_repo: Path) -> None:
    source = """
        import sys

        sys.setrecursionlimit(10**9)

        def adder(n: int) -> list[int]:
            return list(map(adder, [n]))  # recursion through C code overflows the stack: SIGSEGV
    """
    graded = grade_with_adder(mini_repo, source)
    adder = graded.exercise("adder")
    assert adder["score"] == 0
    assert "ended early" in (adder["problem"] or "")
    assert_doubler_unharmed(graded)


def test_a_test_that_survives_its_timeout_stops_the_run(mini_repo: Path) -> None:
    source = """
        import time

        def adder(n: int) -> int:
            while True:
                try:
                    time.sleep(3600)
                except BaseException:  # swallows pytest-timeout's interruption
                    pass
    """
    start = time.monotonic()
    graded = grade_with_adder(mini_repo, source)
    assert time.monotonic() - start < 30
    adder = graded.exercise("adder")
    assert adder["score"] == 0
    assert "could not be interrupted" in (adder["problem"] or "")
    assert_doubler_unharmed(graded)


def test_whole_run_limit_stops_a_hang_that_holds_the_interpreter(mini_repo: Path) -> None:
    source = """
        def adder(n: int) -> int:
            # Hours inside one C loop, where no signal handler and no other thread runs.
            return sum(range(10**15))
    """
    # Each hung process burns a core until the limit: 5 s leaves doubler room enough.
    pyproject = mini_repo / "pyproject.toml"
    pyproject.write_text(
        pyproject.read_text().replace("exercise_timeout = 15", "exercise_timeout = 5")
    )
    start = time.monotonic()
    graded = grade_with_adder(mini_repo, source)
    assert time.monotonic() - start < 30
    adder = graded.exercise("adder")
    assert adder["score"] == 0
    assert "stopped after the exercise's limit of 5s" in (adder["problem"] or "")
    assert_doubler_unharmed(graded)


CATCHING_TEST = '''\
"""Tests that catch whatever the call raises, pytest-timeout's interruption included.

Three for each of the two correctness processes: the third of each is never run.
"""

from tests.submission import load

module = load("adder")


def outcome(n: int) -> object:
    try:
        return module.adder(n)
    except BaseException as error:  # a test of error handling records what was raised
        return error


def test_one() -> None:
    assert outcome(1) == 2


def test_two() -> None:
    assert outcome(2) == 3


def test_three() -> None:
    assert outcome(3) == 4


def test_four() -> None:
    assert outcome(4) == 5


def test_five() -> None:
    assert outcome(5) == 6


def test_six() -> None:
    assert outcome(6) == 7
'''


def test_tests_that_catch_the_timeout_still_count_as_timed_out(mini_repo: Path) -> None:
    (mini_repo / "tests" / "test_adder.py").write_text(CATCHING_TEST)
    hangs = "def adder(n: int) -> int:\n    while True:\n        pass\n"
    graded = grade_with_adder(mini_repo, hangs)
    adder = graded.exercise("adder")
    assert adder["score"] == 0
    assert "2 tests did not finish in time" in (adder["problem"] or ""), adder["problem"]
    checks = adder["categories"]["correctness"]["checks"]
    assert [c["name"] for c in checks if c["message"].startswith("not run")], checks
    assert_doubler_unharmed(graded)
