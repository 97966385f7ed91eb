"""Every reference solution earns full marks, and every untouched stub earns nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.selftest.conftest import Graded, run_grader


@pytest.fixture(scope="module")
def references(tmp_path_factory: pytest.TempPathFactory) -> Graded:
    return run_grader("--impl", "solutions", report=tmp_path_factory.mktemp("refs") / "r.json")


@pytest.fixture(scope="module")
def stubs(tmp_path_factory: pytest.TempPathFactory) -> Graded:
    return run_grader("--impl", "exercises", report=tmp_path_factory.mktemp("stubs") / "r.json")


def test_references_score_full_marks(references: Graded, exercise_names: list[str]) -> None:
    for name in exercise_names:
        graded = references.exercise(name)
        assert graded["score"] == graded["max_score"], f"{name}: {references.output}"
    assert references.exit_code == 0


def test_untouched_stubs_score_nothing(stubs: Graded, exercise_names: list[str]) -> None:
    for name in exercise_names:
        assert stubs.exercise(name)["score"] == 0, f"{name}: {stubs.output}"
    assert stubs.exit_code == 1


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


def test_stub_and_reference_share_the_statement(exercise_names: list[str]) -> None:
    root = Path(__file__).resolve().parents[2]
    for name in exercise_names:
        stub = (root / "exercises" / f"{name}.py").read_text()
        reference = (root / "solutions" / f"{name}.py").read_text()
        assert stub.split('"""')[1] == reference.split('"""')[1], f"{name}: docstrings differ"
