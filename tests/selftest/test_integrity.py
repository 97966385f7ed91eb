"""Tamper evidence: the report fingerprints the tests and rubric and flags edits against git."""

from __future__ import annotations

import shutil
import subprocess
from importlib.metadata import version
from pathlib import Path

import pytest

from grader.integrity import check_integrity
from tests.selftest.conftest import ROOT, run_grader


def git(repo: Path, *args: str) -> None:
    subprocess.run(
        [
            "git",
            "-C",
            str(repo),
            "-c",
            "user.name=kata",
            "-c",
            "user.email=kata@example.com",
            *args,
        ],
        check=True,
        capture_output=True,
    )


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A committed checkout holding the configuration and one test file."""
    root = tmp_path / "repo"
    (root / "tests").mkdir(parents=True)
    (root / "exercises").mkdir()
    shutil.copy(ROOT / "pyproject.toml", root / "pyproject.toml")
    shutil.copy(ROOT / "exercises" / "info.toml", root / "exercises" / "info.toml")
    (root / "tests" / "test_x.py").write_text("def test_x() -> None:\n    assert True\n")
    git(root, "init", "-q")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "start")
    return root


def test_an_untouched_checkout_matches_git(repo: Path) -> None:
    integrity = check_integrity(repo)
    assert integrity.git and integrity.changes == ()
    assert integrity.summary == "tests/ and the rubric are as committed in git"
    assert len(integrity.tests_sha256) == len(integrity.config_sha256) == 64


def test_an_edited_test_is_named(repo: Path) -> None:
    before = check_integrity(repo).tests_sha256
    (repo / "tests" / "test_x.py").write_text("def test_x() -> None:\n    pass\n")
    integrity = check_integrity(repo)
    assert integrity.changes == ("tests/ differ from git HEAD: tests/test_x.py",)
    assert integrity.tests_sha256 != before


def test_a_softened_rubric_is_flagged(repo: Path) -> None:
    pyproject = repo / "pyproject.toml"
    pyproject.write_text(pyproject.read_text().replace("pass_mark = 70", "pass_mark = 10"))
    assert check_integrity(repo).changes == (
        "the rubric ([tool.kata] or exercises/info.toml) differs from git HEAD",
    )


def test_outside_git_the_report_says_it_could_not_compare(tmp_path: Path) -> None:
    root = tmp_path / "plain"
    (root / "tests").mkdir(parents=True)
    (root / "exercises").mkdir()
    shutil.copy(ROOT / "pyproject.toml", root / "pyproject.toml")
    shutil.copy(ROOT / "exercises" / "info.toml", root / "exercises" / "info.toml")
    integrity = check_integrity(root)
    assert not integrity.git
    assert "not a git checkout" in integrity.summary


def test_every_report_carries_the_fingerprints(tmp_path: Path) -> None:
    graded = run_grader("group_anagrams", report=tmp_path / "r.json")
    assert graded.report is not None
    integrity = graded.report["integrity"]
    assert set(integrity) == {
        "tests_sha256", "config_sha256", "compared_with_git", "changes", "tools", "hidden_sha256",
    }  # fmt: skip
    assert integrity["tools"]["pytest"] == version("pytest"), "the report names the versions"
    assert integrity["hidden_sha256"] is None
    assert f"tests sha256 {integrity['tests_sha256'][:16]}" in graded.output
