"""Sessions for learners and maintainers; ``nox -l`` lists them.

Learners: ``grade`` (the default), ``hint``, ``list``, ``watch``, ``compare`` and ``tests``.
Team leads: ``export`` and ``scoreboard``. Contributors: ``new``, ``selftest`` (lint, typecheck
and the project's own tests), ``stability`` and ``bench``. The commands that need only the
standard library run with nox's own Python, with no environment to build.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import nox

nox.needs_version = ">=2025.2.9"
nox.options.default_venv_backend = "uv|virtualenv"
nox.options.sessions = ["grade"]
# Environments are reused between runs (and install() skips a satisfied install), so a warm
# `nox -s grade` spends its time grading rather than in pip.
nox.options.reuse_venv = "yes"

# Bytecode goes to the grader's cache, not beside anyone's files; reusing it saves about a second
# per process where packages were installed without bytecode (uv's default).
os.environ.setdefault("PYTHONPYCACHEPREFIX", str(Path(".kata/cache/pycache").resolve()))

PYPROJECT = nox.project.load_toml("pyproject.toml")


def install(session: nox.Session, *groups: str) -> None:
    """Install the dependency groups, unless this reused environment already has exactly them."""
    requirements = sorted(
        {req for group in groups for req in nox.project.dependency_groups(PYPROJECT, group)}
    )
    stamp = Path(session.virtualenv.location) / "kata-requirements.txt"
    if stamp.is_file() and stamp.read_text() == "\n".join(requirements):
        return
    session.install(*requirements)
    stamp.write_text("\n".join(requirements))


def run_command(session: nox.Session, module: str, *args: str) -> None:
    """Install what grading needs, then run ``python -m module args`` keeping its exit status."""
    install(session, "grade")
    run_keeping_exit_code(str(Path(session.bin) / "python"), "-m", module, *args, *session.posargs)


def run_here(session: nox.Session, module: str, *args: str) -> None:
    """Run a grader command that needs only the standard library, with nox's own Python."""
    run_keeping_exit_code(sys.executable, "-m", module, *args, *session.posargs)


def run_keeping_exit_code(python: str, *args: str) -> None:
    """Run ``python args`` and exit with its own status (nox would turn every failure into 1)."""
    code = subprocess.run([python, *args], check=False).returncode
    if code:
        raise SystemExit(code)


@nox.session
def grade(session: nox.Session) -> None:
    """Grade the exercises: nox -s grade -- [NAME ...] [--impl DIR] [--json PATH] [--markdown P]."""
    run_command(session, "grader")


@nox.session
def tests(session: nox.Session) -> None:
    """Run the exercise tests with pytest (posargs go to pytest, e.g. --impl DIR or -k NAME)."""
    install(session, "grade")
    session.run("pytest", "tests", "--ignore=tests/selftest", *session.posargs)


@nox.session
def lint(session: nox.Session) -> None:
    """Check style and formatting with ruff."""
    install(session, "grade")
    session.run("ruff", "check", *session.posargs)
    session.run("ruff", "format", "--check", *session.posargs)


@nox.session
def typecheck(session: nox.Session) -> None:
    """Type-check the repository with mypy --strict."""
    install(session, "selftest")  # mypy also reads the noxfile and the benches' imports
    session.run("mypy", *session.posargs)


@nox.session
def selftest(session: nox.Session) -> None:
    """Run the project's own tests: lint, types, references, stubs, mutants and the grader."""
    install(session, "selftest")
    session.run("ruff", "check")
    session.run("ruff", "format", "--check")
    session.run("mypy")
    session.run("pytest", "tests/selftest", "-p", "pytester", *session.posargs)


@nox.session
def stability(session: nox.Session) -> None:
    """Grade the references 20 times beside a CPU-bound process and report any score that moves."""
    run_command(session, "grader.stability")


@nox.session
def bench(session: nox.Session) -> None:
    """Compare the reference solutions with well-known libraries (not part of selftest)."""
    install(session, "grade", "bench")
    names = session.posargs or sorted(p.stem for p in Path("bench").glob("[!_]*.py"))
    for name in names:
        session.run("python", "-m", f"bench.{name}")


@nox.session(venv_backend="none")  # standard library only: no environment to build
def hint(session: nox.Session) -> None:
    """Show the next hint for an exercise: nox -s hint -- NAME [--all]."""
    run_here(session, "grader.learner", "hint")


@nox.session(name="list", venv_backend="none")
def list_exercises(session: nox.Session) -> None:
    """List the exercises with their difficulty, topics and your last result."""
    run_here(session, "grader.learner", "list")


@nox.session
def watch(session: nox.Session) -> None:
    """Re-grade an exercise every time you save it: nox -s watch [-- NAME ...]."""
    run_command(session, "grader.watch")


@nox.session(venv_backend="none")  # standard library only: no environment to build
def compare(session: nox.Session) -> None:
    """Diff your module against the reference, once it passes: nox -s compare -- NAME."""
    run_here(session, "grader.learner", "compare")


@nox.session(venv_backend="none")  # standard library only: no environment to build
def new(session: nox.Session) -> None:
    """Scaffold a new exercise: nox -s new -- NAME."""
    run_here(session, "grader.scaffold")


@nox.session(venv_backend="none")  # standard library only: no environment to build
def export(session: nox.Session) -> None:
    """Write a candidate-ready copy without references: nox -s export -- DEST [--no-hints]."""
    run_here(session, "grader.export")


@nox.session(venv_backend="none")  # standard library only: no environment to build
def scoreboard(session: nox.Session) -> None:
    """Put JSON reports side by side: nox -s scoreboard -- REPORT.json ... [--csv]."""
    run_here(session, "grader.scoreboard")
