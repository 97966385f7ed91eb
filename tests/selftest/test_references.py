"""Every reference solution earns full marks, and every untouched stub earns what its kind says.

An untouched stub earns nothing, except a ``debug`` exercise's: its buggy module runs, fails every
test that reproduces its bug report, passes every other, and stays below the pass mark.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from grader.config import load_config
from grader.kinds.rewrite import ORIGINALS, REPRODUCES
from tests.selftest.conftest import ROOT, Graded, run_grader

CONFIG = load_config(ROOT)
NAMES = [exercise.name for exercise in CONFIG.catalogue]


def chosen(request: pytest.FixtureRequest) -> list[str]:
    """The exercises this run's selected tests are about (``-k word_count``); all by default."""
    picked = {
        item.callspec.params["name"]
        for item in request.session.items
        if item.path.name == Path(__file__).name
        and hasattr(item, "callspec")
        and "name" in item.callspec.params
    }
    return [name for name in NAMES if name in picked] or NAMES


@pytest.fixture(scope="module")
def references(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Graded:
    report = tmp_path_factory.mktemp("refs") / "r.json"
    return run_grader(*chosen(request), "--impl", "solutions", report=report)  # drafts too


@pytest.fixture(scope="module")
def stubs(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Graded:
    report = tmp_path_factory.mktemp("stubs") / "r.json"
    return run_grader(*chosen(request), "--impl", "exercises", report=report)  # drafts too


@pytest.mark.parametrize("name", NAMES)
def test_reference_scores_full_marks(references: Graded, name: str) -> None:
    graded = references.exercise(name)
    assert graded["score"] == graded["max_score"], (
        f"{name} is incomplete: its reference scores {graded['score']:g}/{graded['max_score']:g}"
        f"; fill in solutions/{name}.py until it scores full marks\n{references.output}"
    )


@pytest.mark.parametrize("name", NAMES)
def test_untouched_stub_scores_what_its_kind_says(stubs: Graded, name: str) -> None:
    exercise = CONFIG.exercise(name)
    assert exercise is not None
    score = stubs.exercise(name)["score"]
    if exercise.kind.stub_earns == "nothing":
        assert score == 0, f"{name}: {stubs.output}"
    else:
        assert score < CONFIG.pass_mark, f"{name}: the buggy module passes: {stubs.output}"


def reproducing_run(name: str, selection: str) -> subprocess.CompletedProcess[str]:
    """pytest on the untouched module, only the tests ``selection`` (a -m expression) picks."""
    command = [sys.executable, "-m", "pytest", f"tests/test_{name}.py", "--impl=exercises",
               "-m", selection, "-q", "-p", "no:cacheprovider", "--no-header"]  # fmt: skip
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)


DEBUG = [exercise.name for exercise in CONFIG.catalogue if exercise.kind_name == "debug"]


@pytest.mark.parametrize("name", DEBUG)
def test_a_debug_stub_fails_every_reproducing_test_and_passes_the_others(name: str) -> None:
    reproducing = reproducing_run(name, REPRODUCES)
    assert " passed" not in reproducing.stdout and " failed" in reproducing.stdout, (
        f"{name}: a test marked {REPRODUCES} passes on the buggy module:\n{reproducing.stdout}"
    )
    others = reproducing_run(name, f"not {REPRODUCES} and not timing")
    assert others.returncode == 0, (
        f"{name}: a pass-to-pass test fails on the buggy module:\n" + (others.stdout[-2000:])
    )


def test_report_has_the_documented_json_shape(references: Graded) -> None:
    report = references.report
    assert report is not None
    assert {"score", "max_score", "exercises"} <= set(report)
    for exercise in report["exercises"]:
        assert {"name", "score", "max_score", "categories"} <= set(exercise)
        assert set(exercise["categories"]) == {"correctness", "performance", "readability"}
        for category in exercise["categories"].values():
            assert {"score", "max_score", "checks"} <= set(category)
            for check in category["checks"]:
                assert set(check) >= {"name", "passed", "message"}


@pytest.mark.parametrize("name", NAMES)
def test_stub_and_reference_share_the_statement(name: str) -> None:
    exercise = CONFIG.exercise(name)
    assert exercise is not None
    stub = (ROOT / "exercises" / exercise.module_file).read_text()
    reference = (ROOT / "solutions" / exercise.module_file).read_text()
    assert stub.split('"""')[1] == reference.split('"""')[1], f"{name}: docstrings differ"


@pytest.mark.parametrize("name", NAMES)
def test_given_files_are_what_the_learner_starts_from(name: str) -> None:
    """A rewrite's original is the stub, byte for byte; a tests exercise's module is finished."""
    exercise = CONFIG.exercise(name)
    assert exercise is not None
    for given in exercise.kind.given_files(name):
        copy = ROOT / given
        assert copy.is_file(), f"{name}: {given} is missing"
        if given.startswith(ORIGINALS.as_posix()):
            assert copy.read_bytes() == (ROOT / "exercises" / f"{name}.py").read_bytes(), (
                f"{name}: {given} differs from exercises/{name}.py: copy the starting point"
            )
        else:
            assert copy.read_bytes() == (ROOT / "solutions" / f"{name}.py").read_bytes(), (
                f"{name}: {given} differs from solutions/{name}.py: it is the finished module"
            )


def test_exit_status_says_whether_everything_passed(references: Graded, stubs: Graded) -> None:
    assert references.report is not None
    everything_passed = all(e["passed"] for e in references.report["exercises"])  # drafts may not
    expected = (0 if everything_passed else 1, 1)
    assert (references.exit_code, stubs.exit_code) == expected, references.output + stubs.output
