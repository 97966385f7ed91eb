"""Sessions for learners and maintainers; ``nox -l`` lists them.

Learners: ``grade`` (the default), ``hint``, ``list``, ``watch``, ``compare`` and ``tests``.
Team leads: ``export`` and ``scoreboard``. Contributors: ``new``, ``selftest`` (lint, typecheck
and the project's own tests), ``stability`` and ``bench``. The commands that need only the
standard library run with nox's own Python, with no environment to build.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
from pathlib import Path

import nox
import nox.virtualenv


def find_uv() -> str | None:
    """The uv binary, on PATH or installed beside nox, found the way nox finds it.

    nox looks once per run and, when uv is missing, says "uv binary not found" even to sessions
    that never use it; uv is optional here, so the look is made quietly and nox reuses it.
    """
    logger = logging.getLogger("nox")
    level = logger.level
    logger.setLevel(logging.WARNING)
    try:
        has_uv, uv, _ = nox.virtualenv.find_uv()
    finally:
        logger.setLevel(level)
    return (shutil.which(uv) or uv) if has_uv else None


UV = find_uv()
nox.needs_version = ">=2025.2.9"
# Chosen here rather than "uv|virtualenv", which prints "uv binary not found" on every run.
nox.options.default_venv_backend = "uv" if UV else "virtualenv"
nox.options.sessions = ["grade"]
# Environments are reused between runs (and install() skips a satisfied install), so a warm
# `nox -s grade` spends its time grading rather than in pip.
nox.options.reuse_venv = "yes"

# Bytecode goes to the grader's cache, not beside anyone's files; reusing it saves about a second
# per process where packages were installed without bytecode (uv's default). It is written even
# where PYTHONDONTWRITEBYTECODE is set, since it lands nowhere but there: the grader compiling its
# own modules on every run cost 25 ms of each grade.
os.environ.setdefault("PYTHONPYCACHEPREFIX", str(Path(".kata/cache/pycache").resolve()))
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)

# Every session installs from a lock: exact versions of everything, so the same code gets the
# same grade on any machine and any day. `nox -s lock` remakes them from pyproject.toml.
LOCKS = Path("requirements")
GRADING_ENV = Path(".nox") / "grading"


def install(session: nox.Session, lock: str) -> None:
    """Install ``requirements/<lock>.txt``, unless this reused environment already has it."""
    wanted = (LOCKS / f"{lock}.txt").read_text()
    stamp = Path(session.virtualenv.location) / "kata-lock.txt"
    if stamp.is_file() and stamp.read_text() == wanted:
        return
    session.install("-r", str(LOCKS / f"{lock}.txt"))
    stamp.write_text(wanted)


def grading_python(session: nox.Session) -> str:
    """The one environment that grade, watch and tests share: made once, from the grade lock."""
    python = GRADING_ENV / "bin" / "python"
    wanted = (LOCKS / "grade.txt").read_text()
    stamp = GRADING_ENV / "kata-lock.txt"
    if not (python.exists() and stamp.is_file() and stamp.read_text() == wanted):
        session.log(f"Creating the grading environment in {GRADING_ENV}")
        if UV:
            session.run(UV, "venv", "--quiet", "--allow-existing", "--python", sys.executable,
                        str(GRADING_ENV), external=True)  # fmt: skip
            session.run(UV, "pip", "install", "--quiet", "--python", str(python),
                        "-r", str(LOCKS / "grade.txt"), external=True)  # fmt: skip
        else:
            session.run(sys.executable, "-m", "venv", str(GRADING_ENV), external=True)
            session.run(str(python), "-m", "pip", "install", "--quiet",
                        "--disable-pip-version-check", "-r", str(LOCKS / "grade.txt"),
                        external=True)  # fmt: skip
        stamp.write_text(wanted)
    return str(python.absolute())  # not resolve(): the link is what makes it the venv


def run_command(session: nox.Session, module: str, *args: str) -> None:
    """Run ``python -m module args`` in the grading environment, keeping its exit status."""
    run_keeping_exit_code(grading_python(session), "-m", module, *args, *session.posargs)


def run_here(session: nox.Session, module: str, *args: str) -> None:
    """Run a grader command that needs only the standard library, with nox's own Python."""
    run_keeping_exit_code(sys.executable, "-m", module, *args, *session.posargs)


def run_keeping_exit_code(python: str, *args: str) -> None:
    """Run ``python args`` and exit with its own status (nox would turn every failure into 1).

    Ctrl-C reaches the command too; it is given the time to print what it finished, rather
    than being killed a quarter of a second later as ``subprocess.run`` would.
    """
    process = subprocess.Popen([python, *args])
    while True:
        try:
            code = process.wait()
            break
        except KeyboardInterrupt:
            continue
    if code:
        raise SystemExit(code if code > 0 else 128 - code)


@nox.session(venv_backend="none")  # runs in the shared grading environment
def grade(session: nox.Session) -> None:
    """Grade the exercises: nox -s grade -- [NAME ...] [--impl DIR] [--json PATH] [--markdown P]."""
    run_command(session, "grader")


@nox.session(venv_backend="none")  # runs in the shared grading environment
def tests(session: nox.Session) -> None:
    """Run pytest: the exercise tests, or the files named (such as your own test suite).

    posargs go to pytest: ``-k NAME``, ``--impl DIR``, or a file, as in
    ``nox -s tests -- exercises/test_parse_duration.py``.
    """
    named = any(Path(arg.split("::")[0]).exists() for arg in session.posargs)
    run_command(session, "pytest", *([] if named else ["tests", "--ignore=tests/selftest"]))


@nox.session
def lint(session: nox.Session) -> None:
    """Check style and formatting with ruff."""
    install(session, "selftest")
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


@nox.session(venv_backend="none")  # runs in the shared grading environment
def stability(session: nox.Session) -> None:
    """Grade the references 20 times beside a CPU-bound process and report any score that moves."""
    run_command(session, "grader.stability")


@nox.session
def bench(session: nox.Session) -> None:
    """Compare the reference solutions with well-known libraries (not part of selftest)."""
    install(session, "selftest")  # the bench libraries are in the self-test's lock
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


@nox.session(venv_backend="none")  # runs in the shared grading environment
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
def interview(session: nox.Session) -> None:
    """Run a timed interview: nox -s interview -- NAME ... --minutes M, then -- --finish."""
    run_here(session, "grader.interview")


@nox.session(name="new-pack", venv_backend="none")  # standard library only
def new_pack(session: nox.Session) -> None:
    """Write a starter pack of hidden tests to edit: nox -s new-pack -- DIR."""
    run_here(session, "grader.pack")


@nox.session(venv_backend="none")  # standard library only: no environment to build
def gradescope(session: nox.Session) -> None:
    """Write a Gradescope autograder bundle: nox -s gradescope -- DEST [--hidden DIR]."""
    run_here(session, "grader.gradescope")


@nox.session(venv_backend="none")  # runs in the shared grading environment
def batch(session: nox.Session) -> None:
    """Grade every submission folder in parallel: nox -s batch -- SUBMISSIONS [--out DIR]."""
    run_command(session, "grader.batch")


@nox.session(venv_backend="none")  # standard library only: no environment to build
def scoreboard(session: nox.Session) -> None:
    """Put JSON reports side by side: nox -s scoreboard -- REPORT.json ... [--csv]."""
    run_here(session, "grader.scoreboard")


@nox.session(venv_backend="none")  # uv only: no environment to build
def lock(session: nox.Session) -> None:
    """Remake requirements/*.txt from pyproject.toml; -- --upgrade takes newer tools."""
    if not UV:
        session.error("nox -s lock needs uv: pipx install uv (or pip install uv), then try again")
    for group in ("grade", "selftest", "mutation"):
        session.run(UV, "pip", "compile", "--quiet", "--universal", "--group", group,
                    "--python-version", "3.11", "--no-header", "--output-file",
                    str(LOCKS / f"{group}.txt"), "pyproject.toml", *session.posargs,
                    external=True)  # fmt: skip


@nox.session
def mutation(session: nox.Session) -> None:
    """Prove the tests kill every mutant of each reference: nox -s mutation [-- NAME ...]."""
    install(session, "mutation")  # the test tools and cosmic-ray, at their locked versions
    python = str(Path(session.bin) / "python")
    run_keeping_exit_code(python, "-m", "grader.mutation", *session.posargs)
