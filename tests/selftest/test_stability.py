"""``nox -s stability`` counts the exercises whose score moved, and says which checks moved."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from grader import stability


def report(score: float, failed: list[str]) -> dict[str, Any]:
    checks = [{"name": "test_fast", "passed": "test_fast" not in failed, "message": ""}]
    return {"name": "x", "score": score, "categories": {"performance": {"checks": checks}}}


def test_a_difference_names_the_check_that_moved(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    reports: Iterator[dict[str, Any]] = iter(
        [{"x": report(100, [])}, {"x": report(92.5, ["test_fast"])}, {"x": report(100, [])}]
    )

    def grade_once(names: list[str], impl: str, path: Path) -> dict[str, Any]:
        return next(reports)

    monkeypatch.setattr(stability, "grade_once", grade_once)
    assert stability.measure(["x"], "solutions", 3) == 1
    out = capsys.readouterr().out
    assert "DIFFERS: x 92.5: fails performance: test_fast" in out
    assert out.strip().endswith("1 differences in 3 runs with a CPU-bound process beside them")
