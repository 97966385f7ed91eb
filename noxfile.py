"""Sessions for learners and maintainers; ``nox -l`` lists them.

Learners: ``nox -s grade`` (the default) and ``nox -s tests``. Maintainers: ``nox -s selftest``
(lint, typecheck and the project's own tests), ``nox -s bench``.
"""

from __future__ import annotations

import os
import subprocess
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


def run_keeping_exit_code(session: nox.Session, *args: str) -> None:
    """Run a Python module and exit with its own status (nox would turn every failure into 1)."""
    python = Path(session.bin) / "python"
    code = subprocess.run([str(python), *args], check=False).returncode
    if code:
        raise SystemExit(code)


@nox.session
def grade(session: nox.Session) -> None:
    """Grade the exercises: nox -s grade -- [NAME ...] [--impl DIR] [--json PATH] [--markdown P]."""
    install(session, "grade")
    run_keeping_exit_code(session, "-m", "grader", *session.posargs)


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
    install(session, "grade")
    run_keeping_exit_code(session, "-m", "grader.stability", *session.posargs)


@nox.session
def bench(session: nox.Session) -> None:
    """Compare the reference solutions with well-known libraries (not part of selftest)."""
    install(session, "grade", "bench")
    names = session.posargs or sorted(p.stem for p in Path("bench").glob("[!_]*.py"))
    for name in names:
        session.run("python", "-m", f"bench.{name}")


@nox.session
def hint(session: nox.Session) -> None:
    """Show the next hint for an exercise: nox -s hint -- NAME [--all]."""
    install(session, "grade")
    run_keeping_exit_code(session, "-m", "grader.learner", "hint", *session.posargs)


@nox.session(name="list")
def list_exercises(session: nox.Session) -> None:
    """List the exercises with their difficulty, topics and your last result."""
    install(session, "grade")
    run_keeping_exit_code(session, "-m", "grader.learner", "list", *session.posargs)


@nox.session
def watch(session: nox.Session) -> None:
    """Re-grade an exercise every time you save it: nox -s watch [-- NAME ...]."""
    install(session, "grade")
    run_keeping_exit_code(session, "-m", "grader.watch", *session.posargs)


@nox.session
def compare(session: nox.Session) -> None:
    """Diff your module against the reference, once it passes: nox -s compare -- NAME."""
    install(session, "grade")
    run_keeping_exit_code(session, "-m", "grader.learner", "compare", *session.posargs)


@nox.session
def new(session: nox.Session) -> None:
    """Scaffold a new exercise: nox -s new -- NAME."""
    install(session, "grade")
    run_keeping_exit_code(session, "-m", "grader.scaffold", *session.posargs)


@nox.session
def export(session: nox.Session) -> None:
    """Write a candidate-ready copy without references: nox -s export -- DEST [--no-hints]."""
    install(session, "grade")
    run_keeping_exit_code(session, "-m", "grader.export", *session.posargs)


@nox.session
def scoreboard(session: nox.Session) -> None:
    """Put JSON reports side by side: nox -s scoreboard -- REPORT.json ... [--csv]."""
    install(session, "grade")
    run_keeping_exit_code(session, "-m", "grader.scoreboard", *session.posargs)
