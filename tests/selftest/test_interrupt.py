"""Ctrl-C during a grade: what had finished is printed, nothing of the learner's changes.

A tiny repository has two exercises graded at once: ``quick`` finishes in a moment, ``slow``
sleeps in its test. SIGINT, as the terminal sends it, arrives once ``quick`` is done.
"""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.selftest.conftest import ROOT

TEST = '''\
"""Tests of {name}."""

import time

from tests.submission import load

module = load("{name}")


def test_it() -> None:
    time.sleep({seconds})
    assert module.{name}() == 1
'''


def make_repo(root: Path) -> Path:
    (root / "tests").mkdir(parents=True)
    (root / "exercises").mkdir()
    for support in ("__init__.py", "conftest.py", "submission.py", "timing.py"):
        (root / "tests" / support).write_bytes((ROOT / "tests" / support).read_bytes())
    # slow's test must still be sleeping when SIGINT comes, however loaded the machine
    pyproject = (ROOT / "pyproject.toml").read_text()
    assert "test_timeout = 15" in pyproject
    pyproject = pyproject.replace("test_timeout = 15", "test_timeout = 90")
    (root / "pyproject.toml").write_text(pyproject)
    catalogue = ""
    for name, seconds in (("quick", 0), ("slow", 60)):
        catalogue += f'[[exercise]]\nname = "{name}"\n\n'
        (root / "tests" / f"test_{name}.py").write_text(TEST.format(name=name, seconds=seconds))
        source = f'def {name}() -> int:\n    """One."""\n    return 1\n'
        (root / "exercises" / f"{name}.py").write_text(source)
    (root / "exercises" / "info.toml").write_text(catalogue)
    return root


def quick_finished(scratch: Path) -> bool:
    """Whether quick's test process has written its last event."""
    return any('"finish"' in path.read_text() for path in scratch.glob("*/quick/*/events.jsonl"))


def digest(folder: Path) -> dict[str, str]:
    return {
        str(path): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*.py"))
    }


def test_ctrl_c_keeps_finished_results_and_the_learners_files(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo")
    before = digest(repo / "exercises")
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    # A terminal's foreground job hears Ctrl-C; a self-test started in the background ignores
    # SIGINT, and its children would inherit that. The grader starts as the terminal's would.
    command = [sys.executable, "-m", "grader", "--root", str(repo), "--impl", f"{repo}/exercises"]
    ignored = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        process = subprocess.Popen(
            command,
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "TMPDIR": str(scratch)},
        )
    finally:
        signal.signal(signal.SIGINT, ignored)
    progress = repo / ".kata"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not quick_finished(scratch):
        time.sleep(0.1)
    time.sleep(8)  # for the review beside it; slow's test sleeps for a minute
    process.send_signal(signal.SIGINT)
    try:
        out, err = process.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()
        raise AssertionError("the grader did not stop within 30 s of Ctrl-C") from None
    assert process.returncode == 130, (out, err)
    assert "Traceback" not in out + err, err
    assert "quick" in out and "100/100" in out, out
    assert err.strip().splitlines() == ["interrupted: not graded: slow"], err
    assert digest(repo / "exercises") == before
    assert (
        not (progress / "progress.json").exists()
        or "slow" not in (progress / "progress.json").read_text()
    )
