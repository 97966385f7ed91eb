"""Helpers of the self-test: run the grader as a learner would and read its JSON report."""

from __future__ import annotations

import importlib
import json
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from tests.selftest.background import Background

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


def run(root: Path, module: str, *args: str | Path) -> subprocess.CompletedProcess[str]:
    """``python -m module args`` in the repository ``root``, as its nox session would run it."""
    return subprocess.run(
        [sys.executable, "-m", module, *map(str, args)],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )


def in_a_process_of_its_own(
    function: Callable[..., object], *args: str, env: dict[str, str] | None = None
) -> Any:
    """``function(*args)`` in a fresh interpreter; what it returns, through JSON.

    For a test that changes what a whole process shares (a module's function, the warm worker):
    the self-test's background gradings run in this process, and must never see the change.
    """
    script = (
        "import importlib, json, sys; "
        "function = getattr(importlib.import_module(sys.argv[1]), sys.argv[2]); "
        "print(json.dumps(function(*sys.argv[3:])))"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, function.__module__, function.__qualname__, *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.splitlines()[-1])


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


def commit_all(repo: Path) -> None:
    """Make ``repo`` a git checkout with everything committed, as a lead's clone is."""
    identity = ("-c", "user.name=lead", "-c", "user.email=lead@example.invalid")
    for args in (("init", "-q"), ("add", "-A"), ("commit", "-q", "-m", "katas")):
        subprocess.run(["git", "-C", str(repo), *identity, *args], check=True, capture_output=True)


def trim_catalogue(repo: Path, keep: set[str]) -> None:
    """Keep only the exercises named in ``repo``'s catalogue, so that a full grade takes seconds.

    For tests of commands rather than of exercises; test_references grades the whole catalogue.
    """
    catalogue = repo / "exercises" / "info.toml"
    preamble, *tables = catalogue.read_text().split("[[exercise]]\n")
    kept = [t for t in tables if t.split('"')[1] in keep]  # each table starts: name = "..."
    catalogue.write_text(preamble + "".join(f"[[exercise]]\n{table}" for table in kept))


def copy_repo(dest: Path) -> Path:
    """Copy the repository's working tree (no git history, environments or caches) to ``dest``."""
    shutil.copytree(ROOT, dest, ignore=shutil.ignore_patterns(*NOT_COPIED))
    return dest


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Drafts may still be incomplete; an export (no solutions/) leaves out what needs them.

    The tests of hostile cases, mutants and alternatives run last: their gradings run in the
    background meanwhile (:func:`background`).

    A check of a draft exercise (``draft = true`` in the catalogue) is expected to fail while
    the draft is written: it reads XFAIL, and XPASS once it holds, which is the sign that the
    draft is ready to publish.
    """
    from grader.config import load_config

    drafts = {exercise.name for exercise in load_config(ROOT).catalogue if exercise.draft}
    for item in items:
        name = exercise_of(item)
        if name in drafts:
            reason = f"{name} is a draft: publish it (delete draft = true) once this passes"
            item.add_marker(pytest.mark.xfail(reason=reason, strict=False))
    items.sort(key=lambda item: item.path.name in BACKGROUND)  # stable: order kept
    if (ROOT / "solutions").is_dir():
        return
    needs = [item for item in items if item.path.name in NEEDS_REFERENCES]
    if needs:
        items[:] = [item for item in items if item not in needs]
        config.hook.pytest_deselected(items=needs)


def exercise_of(item: pytest.Item) -> str | None:
    """The exercise a parametrized self-test checks: its ``name``, or a module's folder."""
    params = getattr(item, "callspec", None)
    if params is None:
        return None
    for value in params.params.values():
        if isinstance(value, Path) and value.parent.parent.name in ("mutants", "alternatives"):
            return value.parent.name
    name = params.params.get("name")
    return name if isinstance(name, str) else None


# Their gradings begin with the self-test, in this order, and their tests run last.
BACKGROUND = ("test_hostile.py", "test_mutants.py")
NEEDS_REFERENCES = {
    "test_references.py", "test_mutants.py", "test_learner.py", "test_install.py", "test_guard.py",
}  # fmt: skip


@pytest.fixture(scope="session", autouse=True)
def background(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Background]:
    """The gradings of the modules in :data:`BACKGROUND` begin with the self-test.

    They take minutes of both cores; the rest of the self-test often waits (timeouts, installs,
    a process starting), and the gradings use that time.
    """
    from tests.selftest.background import Background

    jobs = {}
    for name in BACKGROUND:
        module = importlib.import_module(f"tests.selftest.{name.removesuffix('.py')}")
        jobs.update(module.background_jobs(request.session.items, tmp_path_factory))
    running = Background(jobs)
    yield running
    running.close()
