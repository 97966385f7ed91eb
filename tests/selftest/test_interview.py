"""A timed interview: start, two grades (the second after the time allowed), finish.

Between the two grades the test moves the interview's start a minute back in its state file,
as a minute passing would, so the second grade is late without a test that waits a minute. The
candidate's files are read, never changed.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.selftest.conftest import copy_repo


def run(root: Path, module: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", module, *args], cwd=root, capture_output=True, text=True,
        check=False,
    )  # fmt: skip


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return copy_repo(tmp_path / "repo")


def test_an_interview_keeps_a_timeline_and_marks_late_grades(repo: Path) -> None:
    started = run(repo, "grader.interview", "group_anagrams", "--minutes", "1")
    assert started.returncode == 0 and "Interview started" in started.stdout, started.stderr
    first = run(repo, "grader", "group_anagrams")
    assert "interview:" in first.stdout and "min left" in first.stdout, first.stdout
    shutil.copy(repo / "solutions" / "group_anagrams.py", repo / "exercises" / "group_anagrams.py")
    mine = hashlib.sha256((repo / "exercises" / "group_anagrams.py").read_bytes()).hexdigest()
    state_file = repo / ".kata" / "interview.json"
    state = json.loads(state_file.read_text())
    state["started_at"] -= 61  # the minute allowed has passed
    state_file.write_text(json.dumps(state))
    second = run(repo, "grader", "group_anagrams")
    assert "time is up" in second.stdout, second.stdout
    finished = run(repo, "grader.interview", "--finish")
    assert finished.returncode == 0, finished.stderr

    report = (repo / ".kata" / "interview" / "report.md").read_text()
    assert "elapsed:" in report and "## Timeline" in report and "## First earned" in report
    assert "grades recorded: 2 (1 late)" in report, report
    assert "group_anagrams: 100/100 (late)" in report, report
    assert "group_anagrams correctness: " in report and "(late)" in report
    state = json.loads((repo / ".kata" / "interview" / "report.json").read_text())
    assert [entry["late"] for entry in state["timeline"]] == [False, True]
    snapshot = repo / state["timeline"][1]["snapshot"] / "group_anagrams.py"
    assert hashlib.sha256(snapshot.read_bytes()).hexdigest() == mine
    after = hashlib.sha256((repo / "exercises" / "group_anagrams.py").read_bytes()).hexdigest()
    assert after == mine, "the candidate's file changed"
    assert "interview" not in run(repo, "grader", "group_anagrams").stdout  # finished


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--finish",), "no interview is running"),
        (("nope", "--minutes", "5"), "unknown exercise"),
        (("retry", "--minutes", "0"), "more than 0"),
        (("retry",), "--minutes M"),
        (("retry", "--minutes", "5", "--finish"), "--finish takes no"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(repo: Path, args: tuple[str, ...], message: str) -> None:
    done = run(repo, "grader.interview", *args)
    assert done.returncode == 2 and done.stderr.count("\n") == 1, done.stderr
    assert message in done.stderr, done.stderr


def test_a_second_interview_waits_for_the_first(repo: Path) -> None:
    assert run(repo, "grader.interview", "retry", "--minutes", "5").returncode == 0
    again = run(repo, "grader.interview", "retry", "--minutes", "5")
    assert again.returncode == 2 and "running already" in again.stderr
