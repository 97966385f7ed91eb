"""A lead's hidden tests count like any other, are named in the report and never shown.

The pack below holds one correctness test that the reference passes and a planted bug fails: a
reference that drops the word "hiddenword", which no test of the suite ever draws. Graded without
the pack the bug keeps full marks; with it, it loses points, and neither the report nor the
output shows the test's code or message. A submission that reads the pack is refused, and an
export leaves the pack behind.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

from tests.selftest.conftest import ROOT, commit_all, copy_repo, run_grader

SECRET = "SECRET-CHECK-42"
PACK_TEST = f'''\
"""A hidden test."""

from tests.submission import load

exercise = load("group_anagrams")


def test_a_word_of_the_leads_choice_is_kept() -> None:
    got = exercise.group_anagrams(["hiddenword", "a"])
    assert got == [["hiddenword"], ["a"]], "{SECRET}"
'''
REFERENCE = (ROOT / "solutions" / "group_anagrams.py").read_text()
SIGNATURE = (
    "def group_anagrams(words: Iterable[str], *, ignore_case: bool = False) -> list[list[str]]:\n"
)
PLANTED = REFERENCE.replace(
    SIGNATURE,
    SIGNATURE + '    words = [word for word in words if word != "hiddenword"]\n',
    1,
)


def pack(tmp_path: Path) -> Path:
    folder = tmp_path / "pack"
    folder.mkdir()
    (folder / "test_group_anagrams.py").write_text(PACK_TEST)
    return folder


def grade(tmp_path: Path, source: str, *extra: str | Path) -> tuple[dict[str, object], str]:
    impl = tmp_path / "impl"
    impl.mkdir(exist_ok=True)
    (impl / "group_anagrams.py").write_text(source)
    report = tmp_path / "report.json"
    graded = run_grader("group_anagrams", "--impl", impl, *extra, report=report)
    return graded.exercise("group_anagrams"), graded.output + report.read_text()


def correctness(exercise: dict[str, object]) -> dict[str, Any]:
    categories = exercise["categories"]
    assert isinstance(categories, dict)
    found: dict[str, Any] = categories["correctness"]
    return found


def test_a_hidden_test_catches_what_the_suite_cannot_and_stays_hidden(tmp_path: Path) -> None:
    assert PLANTED != REFERENCE
    without, _ = grade(tmp_path, PLANTED)
    failed = [c for c in correctness(without)["checks"] if not c["passed"]]
    assert correctness(without)["score"] == 50, f"the planted bug should pass the suite: {failed}"

    folder = pack(tmp_path)
    graded, shown = grade(tmp_path, PLANTED, "--hidden", folder)
    assert correctness(graded)["score"] < 50, graded
    checks = correctness(graded)["checks"]
    assert isinstance(checks, list)
    hidden = [c for c in checks if c["name"] == "hidden: test_a_word_of_the_leads_choice_is_kept"]
    assert hidden and not hidden[0]["passed"], checks
    assert SECRET not in shown and "hiddenword" not in shown, "the hidden test's code leaked"
    assert "hidden pack sha256" in shown

    reference, _ = grade(tmp_path, REFERENCE, "--hidden", folder)
    assert correctness(reference)["score"] == 50, reference


def test_a_submission_that_reads_the_pack_is_refused(tmp_path: Path) -> None:
    folder = pack(tmp_path)
    spy = REFERENCE + f"\nLEAK = open({str(folder / 'test_group_anagrams.py')!r}).read()\n"
    graded, shown = grade(tmp_path, spy, "--hidden", folder)
    assert graded["refused"] and graded["score"] == 0, graded
    assert "the hidden tests stay hidden" in str(graded["problem"])
    assert SECRET not in shown


def test_the_pack_is_never_exported(tmp_path: Path) -> None:
    repo = copy_repo(tmp_path / "repo")
    pack(repo)  # repo/pack, named in [tool.kata]
    pyproject = repo / "pyproject.toml"
    pyproject.write_text(
        pyproject.read_text().replace("[tool.kata]\n", '[tool.kata]\nhidden = "pack"\n', 1)
    )
    commit_all(repo)
    dest = tmp_path / "copy"
    done = subprocess.run(
        [sys.executable, "-m", "grader.export", str(dest), "--root", str(repo)],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert not (dest / "pack").exists()
    assert list(dest.rglob("test_group_anagrams.py")) == [dest / "tests" / "test_group_anagrams.py"]
    assert 'hidden = "pack"' not in (dest / "pyproject.toml").read_text()


def test_a_starter_pack_runs_on_the_references(tmp_path: Path) -> None:
    folder = tmp_path / "starter"
    done = subprocess.run(
        [sys.executable, "-m", "grader.pack", str(folder)], cwd=ROOT, capture_output=True,
        text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert (folder / "test_group_anagrams.py").is_file()
    report = tmp_path / "r.json"
    graded = run_grader("group_anagrams", "--impl", "solutions", "--hidden", folder, report=report)
    exercise = graded.exercise("group_anagrams")
    assert correctness(exercise)["score"] == 50, graded.output
    checks = {
        check["name"]: check["passed"]
        for category in exercise["categories"].values()
        for check in category["checks"]
    }
    assert checks["hidden: test_my_correctness_check"], graded.output
    assert "hidden: test_my_timing_check" in checks, graded.output
