"""Helpers of the self-test: run the grader as a learner would and read its JSON report."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
NOT_COPIED = (".git", ".nox", ".kata", "__pycache__", ".pytest_cache", ".mypy_cache", ".ruff_cache")


@dataclass(frozen=True)
class Graded:
    """What one run of the grader printed, returned and reported."""

    exit_code: int
    output: str
    errors: str
    report: dict[str, Any] | None

    def exercise(self, name: str) -> dict[str, Any]:
        assert self.report is not None, f"no JSON report; the grader said: {self.errors}"
        return next(e for e in self.report["exercises"] if e["name"] == name)


def run_grader(*args: str | Path, root: Path = ROOT, report: Path | None = None) -> Graded:
    """Run ``python -m grader`` in a fresh process, with ``--json`` when ``report`` is given."""
    command = [sys.executable, "-m", "grader", *map(str, args), "--root", str(root)]
    if report is not None:
        command += ["--json", str(report)]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    data = json.loads(report.read_text()) if report is not None and report.exists() else None
    return Graded(done.returncode, done.stdout, done.stderr, data)


@pytest.fixture(scope="session")
def exercise_names() -> list[str]:
    """Every exercise in the catalogue."""
    from grader.config import load_config

    return [exercise.name for exercise in load_config(ROOT).catalogue]


def copy_repo(dest: Path) -> Path:
    """Copy the repository's working tree (no git history, environments or caches) to ``dest``."""
    shutil.copytree(ROOT, dest, ignore=shutil.ignore_patterns(*NOT_COPIED))
    return dest


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """In an export (no solutions/), leave out the checks that need the reference solutions."""
    if (ROOT / "solutions").is_dir():
        return
    needs = [item for item in items if item.path.name in NEEDS_REFERENCES]
    if needs:
        items[:] = [item for item in items if item not in needs]
        config.hook.pytest_deselected(items=needs)


NEEDS_REFERENCES = {
    "test_references.py", "test_mutants.py", "test_learner.py", "test_install.py", "test_guard.py",
}  # fmt: skip
