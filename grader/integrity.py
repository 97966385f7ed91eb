"""Tamper evidence: fingerprints of the test suite and the rubric, and whether git agrees.

A grade means something only against the tests and rubric it was given under. Every report
carries a SHA-256 of the files under ``tests/`` and of the ``[tool.kata]`` configuration with
the catalogue, and says plainly when either differs from what git has committed, so a reviewer
sees edited tests or a softened rubric at a glance.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import tomllib
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from grader.config import CATALOGUE

SUITE = "tests"
TOOLS = ("pytest", "hypothesis", "pytest-timeout", "ruff", "mypy")  # pinned in requirements/
SKIPPED_PARTS = {"__pycache__"}


@dataclass(frozen=True)
class Integrity:
    """Fingerprints of what a grade was given under, and any difference from git."""

    tests_sha256: str
    config_sha256: str
    changes: tuple[str, ...]  # one plain sentence per difference from git's HEAD
    git: bool  # False when there is no git checkout to compare with
    tools: dict[str, str] = field(default_factory=dict)  # what graded: name -> version
    hidden_sha256: str | None = None  # the lead's hidden pack, when one was graded

    @property
    def summary(self) -> str:
        if not self.git:
            return "not a git checkout: tests/ and the rubric could not be compared with git"
        if not self.changes:
            return "tests/ and the rubric are as committed in git"
        return "; ".join(self.changes)


def tool_versions() -> dict[str, str]:
    """The versions of the tools a grade depends on, as installed where it was given."""
    found = {}
    for name in TOOLS:
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            found[name] = "not installed"
    return found


def check_integrity(root: Path, hidden: Path | None = None) -> Integrity:
    """Fingerprint ``root``'s test suite, rubric and hidden pack; compare them with git's HEAD."""
    config = rubric(root / "pyproject.toml", root / CATALOGUE)
    tests = suite_digest(root / SUITE)
    pack = suite_digest(hidden) if hidden else None
    changed_tests = _git(root, "status", "--porcelain", "--untracked-files=all", "--", SUITE)
    if changed_tests is None:
        return Integrity(tests, _digest(config), (), False, tool_versions(), pack)
    changes = []
    edited = [line[3:] for line in changed_tests.splitlines() if line.strip()]
    if edited:
        shown = ", ".join(edited[:5]) + (f" and {len(edited) - 5} more" if len(edited) > 5 else "")
        changes.append(f"tests/ differ from git HEAD: {shown}")
    if config != _committed_rubric(root):
        changes.append("the rubric ([tool.kata] or exercises/info.toml) differs from git HEAD")
    return Integrity(tests, _digest(config), tuple(changes), True, tool_versions(), pack)


def suite_digest(folder: Path) -> str:
    """SHA-256 over every file under ``folder``: its relative path and its bytes, in order."""
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        relative = path.relative_to(folder)
        if SKIPPED_PARTS & set(relative.parts):
            continue
        digest.update(relative.as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def rubric(pyproject: Path, catalogue: Path) -> str:
    """The grading configuration as canonical JSON: ``[tool.kata]`` and the catalogue."""
    kata = tomllib.loads(pyproject.read_text(encoding="utf-8")).get("tool", {}).get("kata", {})
    exercises = tomllib.loads(catalogue.read_text(encoding="utf-8"))
    return _canonical(kata, exercises)


def _canonical(kata: object, exercises: object) -> str:
    return json.dumps({"kata": kata, "catalogue": exercises}, sort_keys=True)


def _committed_rubric(root: Path) -> str | None:
    pyproject = _git(root, "show", "HEAD:pyproject.toml")
    catalogue = _git(root, "show", f"HEAD:{CATALOGUE.as_posix()}")
    if pyproject is None or catalogue is None:
        return None
    try:
        kata = tomllib.loads(pyproject).get("tool", {}).get("kata", {})
        return _canonical(kata, tomllib.loads(catalogue))
    except tomllib.TOMLDecodeError:
        return None


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def _git(root: Path, *args: str) -> str | None:
    """Run git in ``root``; None when git is missing or ``root`` is not a checkout."""
    try:
        done = subprocess.run(
            ["git", "-C", str(root), *args], capture_output=True, text=True, check=False
        )
    except OSError:
        return None
    return done.stdout if done.returncode == 0 else None
