"""Every command the README shows works, run as written in a copy of the repository.

``nox -s SESSION -- ARGS`` is run through a shell function that does what the session does
(``noxfile.py`` only wires sessions to modules), so the test needs no nested virtualenvs. Two
sessions are cut down: ``watch`` stops at once (``--runs 0``) and ``stability`` grades one
exercise twice; ``selftest`` is this very run, and ``bench`` is imported, not run (minutes). The
copy's catalogue holds the three exercises the commands name, so a command that grades every
exercise takes seconds (test_references grades the whole catalogue).
"""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.selftest.conftest import ROOT, commit_all, copy_repo, trim_catalogue

NOX = r"""
nox() {
  [ "$1" = "-s" ] || { echo "unexpected: nox $*" >&2; return 2; }
  session=$2; shift 2; [ "${1:-}" = "--" ] && shift
  case $session in
    grade) "$PY" -m grader "$@" ;;
    hint) "$PY" -m grader.learner hint "$@" ;;
    list) "$PY" -m grader.learner list "$@" ;;
    compare) "$PY" -m grader.learner compare "$@" ;;
    watch) "$PY" -m grader.watch --runs 0 "$@" ;;
    new) "$PY" -m grader.scaffold "$@" ;;
    export) "$PY" -m grader.export "$@" ;;
    scoreboard) "$PY" -m grader.scoreboard "$@" ;;
    batch) "$PY" -m grader.batch "$@" ;;
    interview) "$PY" -m grader.interview "$@" ;;
    tests) "$PY" -m pytest tests --ignore=tests/selftest -q -p no:cacheprovider "$@" ;;
    lint) "$PY" -m ruff check . && "$PY" -m ruff format --check . ;;
    typecheck) "$PY" -m mypy "$@" ;;
    stability) "$PY" -m grader.stability --runs 2 group_anagrams ;;
    mutation) "$PY" -m grader.mutation "$@" ;;
    bench) for b in bench/[!_]*.py; do
             "$PY" -c "import bench.$(basename "$b" .py)" || return 3
           done ;;
    selftest) echo "(the self-test: this very run)" ;;
    *) echo "no such session: $session" >&2; return 2 ;;
  esac
}
"""
# Installing nox is the one thing the copy cannot do for itself (test_install.py runs the
# README's way for a Python that refuses pip install, in a sandbox of its own).
NOT_RUN = ("python3 -m pip install", "pipx install", "python3 -m venv", "git clone", "cd katas")


def readme_commands() -> list[str]:
    """Every command in the README's sh blocks, a ``for`` loop as one command, in order."""
    text = (ROOT / "README.md").read_text()
    commands: list[str] = []
    for block in re.findall(r"```sh\n(.*?)```", text, flags=re.DOTALL):
        loop: list[str] = []
        for raw in block.splitlines():
            line = raw.strip()
            if not line or line.startswith(NOT_RUN):
                continue
            if line.startswith("for ") or loop:
                loop.append(line)
                if line == "done":
                    commands.append("\n".join(loop))
                    loop = []
            else:
                commands.append(line)
    return commands


def noxfile_sessions() -> set[str]:
    """Session names in the noxfile: a function's name, or the ``name=`` it is given."""
    names = set()
    for node in ast.parse((ROOT / "noxfile.py").read_text()).body:
        if not isinstance(node, ast.FunctionDef):
            continue
        for decorator in node.decorator_list:
            if "nox.session" not in ast.unparse(decorator):
                continue
            names.add(node.name)
            if isinstance(decorator, ast.Call):
                for keyword in decorator.keywords:
                    if keyword.arg == "name" and isinstance(keyword.value, ast.Constant):
                        names.discard(node.name)
                        names.add(str(keyword.value.value))
    return names


def test_every_readme_session_exists_in_the_noxfile() -> None:
    used = {m for c in readme_commands() for m in re.findall(r"nox -s (\w+)", c)}
    assert used, "the README shows no nox command"
    assert used <= noxfile_sessions(), (
        f"the README names missing sessions: {used - noxfile_sessions()}"
    )
    assert {"grade", "selftest"} <= used, "the quick start must show grading and the self-test"


def test_the_readme_lists_every_published_exercise() -> None:
    from grader.config import load_config

    listed = set(re.findall(r"^\| `(\w+)` \|", (ROOT / "README.md").read_text(), re.MULTILINE))
    published = {exercise.name for exercise in load_config(ROOT).published}
    assert published <= listed, f"add to the README's table: {sorted(published - listed)}"


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A committed clone where the README's commands find a solved retry and two submissions."""
    repo = copy_repo(tmp_path_factory.mktemp("readme") / "katas")
    trim_catalogue(repo, {"group_anagrams", "lru_cache", "retry"})  # what the commands name
    commit_all(repo)
    shutil.copy(repo / "solutions" / "retry.py", repo / "exercises" / "retry.py")
    shutil.copytree(repo / "solutions", repo / "submissions" / "ada")
    shutil.copytree(repo / "exercises", repo / "submissions" / "bob")
    # mypy's cache from this checkout, as a maintainer's clone has one after its first run:
    # `nox -s typecheck` then checks what differs rather than every file afresh (7.5 s -> 0.6 s).
    if (ROOT / ".mypy_cache").is_dir():
        shutil.copytree(ROOT / ".mypy_cache", repo / ".mypy_cache")
    return repo


@pytest.mark.parametrize("command", readme_commands())
def test_readme_command_works(workspace: Path, command: str) -> None:
    done = subprocess.run(
        ["bash", "-c", NOX + command],
        cwd=workspace,
        env={"PATH": "/usr/bin:/bin", "PY": sys.executable, "HOME": str(workspace)},
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    # Grading exits 1 when an exercise is below the pass mark (the stubs are), and mutation
    # testing when a reference fails its tests (a scaffold's does); every other command must
    # succeed. 2 would be a usage error: the README showing a broken command.
    allowed = (0, 1) if re.search(r"nox -s (grade|mutation)", command) else (0,)
    assert done.returncode in allowed, f"{command!r} exited {done.returncode}: {done.stderr[-800:]}"
    assert "Traceback" not in done.stderr, f"{command!r} crashed: {done.stderr[-800:]}"
