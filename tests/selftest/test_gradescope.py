"""The Gradescope bundle, run in a folder laid out as Gradescope lays it out.

``autograder.zip`` is unpacked into ``autograder/source`` with ``run_autograder`` beside it; a
student's upload goes to ``autograder/submission`` (here a repository-shaped upload with one
exercise solved); ``run_autograder`` must write a valid ``autograder/results/results.json``.
``setup.sh`` (apt and pip on Gradescope's image) is not run: the grading tools of this run stand
in for the ones it installs.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

from tests.selftest.conftest import ROOT


def test_the_bundle_grades_a_submission_into_results_json(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "grader.gradescope", str(tmp_path / "bundle")],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    home = tmp_path / "autograder"
    with zipfile.ZipFile(tmp_path / "bundle" / "autograder.zip") as archive:
        names = archive.namelist()
        assert {"setup.sh", "run_autograder"} <= set(names)
        assert not [n for n in names if n.startswith(("source/solutions", "source/tests/mutants"))]
        archive.extractall(home)
    (home / "run_autograder").chmod(0o755)
    upload = home / "submission" / "exercises"
    upload.mkdir(parents=True)
    shutil.copy(ROOT / "solutions" / "group_anagrams.py", upload)

    env = {**os.environ, "AUTOGRADER_ROOT": str(home), "KATA_PYTHON": sys.executable}
    ran = subprocess.run(
        ["bash", str(home / "run_autograder")], capture_output=True, text=True, env=env,
        check=False, timeout=600,
    )  # fmt: skip
    assert ran.returncode == 0, ran.stdout[-1500:] + ran.stderr[-1500:]
    results = json.loads((home / "results" / "results.json").read_text())
    assert results["tests"] and results["max_score"] > results["score"] > 0
    for test in results["tests"]:
        assert {"name", "score", "max_score", "output"} <= set(test)
        assert 0 <= test["score"] <= test["max_score"]
    assert abs(sum(t["score"] for t in results["tests"]) - results["score"]) < 0.5
    scores = {t["name"]: t["score"] for t in results["tests"]}
    assert scores["group_anagrams: correctness"] == 50, results["tests"]
    assert scores["retry: correctness"] == 0, "an exercise left out of the upload scores 0"


def test_a_used_folder_is_refused(tmp_path: Path) -> None:
    (tmp_path / "x").mkdir()
    (tmp_path / "x" / "keep.txt").write_text("mine")
    done = subprocess.run(
        [sys.executable, "-m", "grader.gradescope", str(tmp_path / "x")],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 2 and "not empty" in done.stderr and done.stderr.count("\n") == 1
