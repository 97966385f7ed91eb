"""Each kind of exercise, end to end, on exercises scaffolded with ``nox -s new -- NAME --kind``.

A ``tests`` exercise is graded by the hidden versions a learner's suite tells apart: a suite that
asserts nothing, one that only tries the happy path and one that fails a correct version lose
points; one that reads the hidden versions is refused; the report names an uncaught bug in
words, never its code. A ``speedup`` exercise's untouched original is "not started". An export
holds a working copy of each kind with no reference, no hidden version and no mutant.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from grader.config import CATEGORIES, KIND_NAMES
from grader.kinds import KINDS
from grader.kinds.suite import STOPPED, SUITES_AT_ONCE
from tests.selftest.conftest import ROOT, commit_all, copy_repo, run

SUITE = "demo_tests"
SPEEDUP = "demo_speedup"
HAPPY_PATH = f'''"""Only the happy path."""

from {SUITE} import {SUITE}


def test_adds() -> None:
    assert {SUITE}([1, 2]) == 3
'''
PINS_THE_SOURCE = f'''"""Catches negatives, and pins the finished module's code: a false alarm."""

from pathlib import Path

import {SUITE} as module


def test_adds_negatives() -> None:
    assert module.{SUITE}([-1, 2]) == 1


def test_the_code_is_the_finished_one() -> None:
    assert "sum(values)" in Path(module.__file__).read_text()
'''


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the repository with a published exercise of the tests and speedup kinds."""
    repo = copy_repo(tmp_path_factory.mktemp("kinds") / "repo")
    for name, kind in ((SUITE, "tests"), (SPEEDUP, "speedup")):
        done = run(repo, "grader.scaffold", name, "--kind", kind)
        assert done.returncode == 0, done.stderr
    catalogue = repo / "exercises" / "info.toml"
    lines = catalogue.read_text().splitlines(keepends=True)
    catalogue.write_text("".join(line for line in lines if not line.startswith("draft = true")))
    return repo


def grade(root: Path, name: str, suite: str | None, tmp_path: Path) -> dict[str, object]:
    """Grade ``suite`` (the text of the learner's file; None: the reference) as ``name``."""
    impl = root / "solutions"
    if suite is not None:
        impl = tmp_path / "impl"
        impl.mkdir()
        (impl / f"test_{name}.py").write_text(suite)
    done = run(root, "grader", name, "--impl", impl, "--json", tmp_path / "r.json")
    assert "Traceback" not in done.stderr, done.stderr
    report = json.loads((tmp_path / "r.json").read_text())
    exercise: dict[str, object] = report["exercises"][0]
    exercise["output"] = done.stdout
    return exercise


def correctness(exercise: dict[str, object]) -> float:
    categories = exercise["categories"]
    assert isinstance(categories, dict)
    return float(categories["correctness"]["score"])


def test_every_kind_says_what_it_asks_and_what_each_category_means() -> None:
    assert set(KINDS) == set(KIND_NAMES)
    readme = (ROOT / "README.md").read_text()
    for name, kind in KINDS.items():
        assert kind.task and set(kind.meaning) == set(CATEGORIES), name
        assert f"**{name}**" in readme, f"the README does not explain the {name} kind"


def test_the_reference_suite_scores_full_marks(lab: Path, tmp_path: Path) -> None:
    graded = grade(lab, SUITE, None, tmp_path)
    assert graded["score"] == 100, graded["output"]
    assert graded["kind"] == "tests"


def test_an_untouched_suite_is_not_started(lab: Path, tmp_path: Path) -> None:
    graded = grade(lab, SUITE, (lab / "exercises" / f"test_{SUITE}.py").read_text(), tmp_path)
    assert graded["score"] == 0 and graded["not_started"], graded["output"]


def test_a_suite_that_asserts_nothing_earns_nothing(lab: Path, tmp_path: Path) -> None:
    suite = (lab / "tests" / "mutants" / SUITE / "asserts_nothing.py").read_text()
    assert grade(lab, SUITE, suite, tmp_path)["score"] == 0


def test_an_uncaught_bug_is_named_in_words_never_in_code(lab: Path, tmp_path: Path) -> None:
    graded = grade(lab, SUITE, HAPPY_PATH, tmp_path)
    assert correctness(graded) == 0, graded["output"]
    output = str(graded["output"])
    assert "catches: negative values are left out of the total" in output, output
    assert "value > 0" not in output, output


def test_a_false_alarm_on_a_correct_version_costs_the_catches(lab: Path, tmp_path: Path) -> None:
    graded = grade(lab, SUITE, PINS_THE_SOURCE, tmp_path)
    assert correctness(graded) == 0, graded["output"]
    assert "false alarm" in str(graded["output"]), graded["output"]


def test_a_suite_that_reads_the_hidden_versions_is_refused(lab: Path, tmp_path: Path) -> None:
    chaff = lab / "tests" / "chaff" / SUITE / "ignores_negatives.py"
    suite = HAPPY_PATH + f"\n\ndef test_peeks() -> None:\n    open({str(chaff)!r}).read()\n"
    graded = grade(lab, SUITE, suite, tmp_path)
    assert graded["score"] == 0 and graded["refused"], graded["output"]
    assert chaff.read_text().startswith('"""Mutant'), "the hidden version changed"


def test_an_untouched_original_is_not_started(lab: Path, tmp_path: Path) -> None:
    done = run(lab, "grader", SPEEDUP)
    assert "not started" in done.stdout and "still the original" in done.stdout, done.stdout
    assert "100/100" in run(lab, "grader", SPEEDUP, "--impl", "solutions").stdout


def test_an_export_works_for_each_kind_and_holds_no_hidden_version(
    lab: Path, tmp_path: Path
) -> None:
    commit_all(lab)
    dest = tmp_path / "candidate"
    done = run(lab, "grader.export", dest)
    assert done.returncode == 0, done.stderr
    for left_out in ("solutions", "tests/chaff", "tests/wheat", "tests/mutants"):
        assert not (dest / left_out).exists(), f"{left_out} reached the candidate"
    for given in (f"exercises/{SUITE}.py", f"exercises/test_{SUITE}.py",
                  f"tests/originals/{SPEEDUP}.py", f"exercises/{SPEEDUP}.py"):  # fmt: skip
        assert (dest / given).is_file(), f"{given} is missing from the export"
    (dest / "exercises" / f"test_{SUITE}.py").write_text(HAPPY_PATH)
    graded = run(dest, "grader", SUITE)
    assert "provisional" in graded.stdout, graded.stdout
    assert "Traceback" not in graded.stderr, graded.stderr


def test_a_self_test_stops_a_suite_at_its_first_missed_bug(tmp_path: Path) -> None:
    """``--stop-after correctness`` (a mutant's grade) runs no version after the first lost one."""
    impl = tmp_path / "impl"
    impl.mkdir()
    weak = ROOT / "tests" / "mutants" / "parse_duration" / "asserts_nothing.py"
    (impl / "test_parse_duration.py").write_text(weak.read_text())
    report = tmp_path / "r.json"
    run(ROOT, "grader", "parse_duration", "--impl", impl, "--stop-after", "correctness",
        "--json", report)  # fmt: skip
    category = json.loads(report.read_text())["exercises"][0]["categories"]["correctness"]
    messages = [check["message"] for check in category["checks"]]
    assert category["score"] < category["max_score"], messages
    assert messages[-1] == STOPPED, messages
    # Run: the finished module, every correct version, the first buggy one and those begun with it.
    wheat = len(list((ROOT / "tests" / "wheat" / "parse_duration").glob("[!_]*.py")))
    assert sum(message != STOPPED for message in messages) <= 1 + wheat + 1 + SUITES_AT_ONCE
