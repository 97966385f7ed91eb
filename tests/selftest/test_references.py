"""Every reference solution earns full marks, and every untouched stub earns nothing."""

from __future__ import annotations

import pytest

from grader.config import load_config
from tests.selftest.conftest import ROOT, Graded, run_grader

NAMES = [exercise.name for exercise in load_config(ROOT).catalogue]


@pytest.fixture(scope="module")
def references(tmp_path_factory: pytest.TempPathFactory) -> Graded:
    report = tmp_path_factory.mktemp("refs") / "r.json"
    return run_grader(*NAMES, "--impl", "solutions", report=report)  # drafts too


@pytest.fixture(scope="module")
def stubs(tmp_path_factory: pytest.TempPathFactory) -> Graded:
    report = tmp_path_factory.mktemp("stubs") / "r.json"
    return run_grader(*NAMES, "--impl", "exercises", report=report)  # drafts too


@pytest.mark.parametrize("name", NAMES)
def test_reference_scores_full_marks(references: Graded, name: str) -> None:
    graded = references.exercise(name)
    assert graded["score"] == graded["max_score"], (
        f"{name} is incomplete: its reference scores {graded['score']:g}/{graded['max_score']:g}"
        f"; fill in solutions/{name}.py until it scores full marks\n{references.output}"
    )


@pytest.mark.parametrize("name", NAMES)
def test_untouched_stub_scores_nothing(stubs: Graded, name: str) -> None:
    assert stubs.exercise(name)["score"] == 0, f"{name}: {stubs.output}"


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
    stub = (ROOT / "exercises" / f"{name}.py").read_text()
    reference = (ROOT / "solutions" / f"{name}.py").read_text()
    assert stub.split('"""')[1] == reference.split('"""')[1], f"{name}: docstrings differ"


def test_exit_status_says_whether_everything_passed(references: Graded, stubs: Graded) -> None:
    assert references.report is not None
    everything_passed = all(e["passed"] for e in references.report["exercises"])  # drafts may not
    expected = (0 if everything_passed else 1, 1)
    assert (references.exit_code, stubs.exit_code) == expected, references.output + stubs.output
