"""Batch grading: every submission folder, in parallel, equal to grading each alone.

Six candidates: two correct, one untouched, one half done, one hostile and one empty folder.
The batch writes six reports and a scoreboard with per-check pass rates; the hostile one costs
only its own grade; a second run skips what is graded; each grade equals a single grade.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from tests.selftest.conftest import ROOT, run_grader

NAMES = ("group_anagrams", "top_k_frequent")


def make_submissions(root: Path) -> Path:
    folder = root / "submissions"
    for candidate in ("ada", "bea"):
        (folder / candidate).mkdir(parents=True)
        for name in NAMES:
            shutil.copy(ROOT / "solutions" / f"{name}.py", folder / candidate)
    (folder / "cal").mkdir()
    for name in NAMES:
        shutil.copy(ROOT / "exercises" / f"{name}.py", folder / "cal")
    (folder / "dan").mkdir()
    shutil.copy(ROOT / "solutions" / "group_anagrams.py", folder / "dan")
    (folder / "eve").mkdir()
    hostile = (ROOT / "tests" / "hostile" / "writes_through_io_open.py").read_text()
    for name in NAMES:
        (folder / "eve" / f"{name}.py").write_text(hostile.replace("EXERCISE", name))
    (folder / "fay").mkdir()  # handed in nothing
    return folder


def deterministic(report: dict[str, Any]) -> dict[str, dict[str, float]]:
    """Each exercise's correctness and readability: what no machine's load can move.

    Timing points are compared in the same run, so they hold on a quiet machine as graded alone
    (nox -s stability shows it); under a heavy load of other processes they are not compared.
    """
    return {
        e["name"]: {c: e["categories"][c]["score"] for c in ("correctness", "readability")}
        for e in report["exercises"]
    }


def batch(*args: str | Path) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "grader.batch", *map(str, args), "--root", str(ROOT)]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)


def test_a_batch_grades_everyone_like_a_single_grade(tmp_path: Path) -> None:
    submissions = make_submissions(tmp_path)
    out = tmp_path / "reports" / "round-1"  # created by the batch
    done = batch(submissions, *NAMES, "--out", out, "--jobs", "2")
    assert done.returncode == 0, done.stderr
    reports = sorted(p.stem for p in out.glob("*.json"))
    assert reports == ["ada", "bea", "cal", "dan", "eve", "fay"], reports
    scores = {name: json.loads((out / f"{name}.json").read_text())["score"] for name in reports}
    correct = {
        name: deterministic(json.loads((out / f"{name}.json").read_text())) for name in reports
    }
    full = {name: {"correctness": 50.0, "readability": 20.0} for name in NAMES}
    assert correct["ada"] == correct["bea"] == full, correct
    assert scores["cal"] == scores["fay"] == scores["eve"] == 0, scores
    assert 0 < scores["dan"] < 200, scores

    scoreboard = (out / "scoreboard.md").read_text()
    assert "| ada |" in scoreboard and "## Checks by pass rate" in scoreboard
    assert "top_k_frequent / correctness /" in scoreboard and "/6 |" in scoreboard
    assert (out / "scoreboard.csv").read_text().startswith("submission,")

    single = run_grader(*NAMES, "--impl", submissions / "dan", report=tmp_path / "dan.json")
    assert single.report is not None
    alone = {e["name"]: e["score"] for e in single.report["exercises"]}
    batched = {
        e["name"]: e["score"] for e in json.loads((out / "dan.json").read_text())["exercises"]
    }
    assert alone == batched

    again = batch(submissions, *NAMES, "--out", out)
    assert again.returncode == 0 and "Grading 0 of 6" in again.stdout, again.stdout


def test_bad_input_is_one_line_and_exit_2(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    (tmp_path / "file").write_text("")
    for args, message in (
        ((tmp_path / "missing",), "no such folder"),
        ((tmp_path / "empty",), "holds no submission folders"),
        ((tmp_path, "nope"), "unknown exercise"),
        ((tmp_path, "--out", tmp_path / "file"), "a file is in the way"),
        ((tmp_path, "--hidden", tmp_path / "missing"), "no such folder"),
    ):
        done = batch(*args)
        assert done.returncode == 2, (args, done.stderr)
        assert done.stderr.count("\n") == 1 and message in done.stderr, done.stderr
