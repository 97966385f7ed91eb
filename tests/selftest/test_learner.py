"""The learner's loop and the team lead's tools, run as a learner or lead would, on a copy."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from grader.config import load_config
from grader.export import CANDIDATE_WORKFLOW
from tests.selftest.conftest import ROOT, commit_all, copy_repo, run


def assert_one_line_error(done: subprocess.CompletedProcess[str], text: str) -> None:
    assert done.returncode == 2, done.stdout + done.stderr
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr, done.stderr
    assert text in done.stderr, done.stderr


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return copy_repo(tmp_path / "repo")


# --- The learner ------------------------------------------------------------------------------


def test_hints_are_revealed_one_at_a_time_and_counted_in_the_report(repo: Path) -> None:
    first = run(repo, "grader.learner", "hint", "retry")
    assert first.returncode == 0 and "Hint 1 of 6 for retry" in first.stdout
    assert "Hint 2" not in first.stdout
    second = run(repo, "grader.learner", "hint", "retry")
    assert "Hint 1 of 6" in second.stdout and "Hint 2 of 6" in second.stdout
    graded = run(repo, "grader", "retry", "--json", repo / "r.json")
    assert "hints used: retry 2/6" in graded.stdout
    report = json.loads((repo / "r.json").read_text())
    assert report["exercises"][0]["hints_used"] == 2
    everything = run(repo, "grader.learner", "hint", "retry", "--all")
    assert "Hint 6 of 6" in everything.stdout and "last hint" in everything.stdout


def test_hint_for_an_unknown_exercise_is_a_one_line_error(repo: Path) -> None:
    assert_one_line_error(run(repo, "grader.learner", "hint", "nope"), "unknown exercise 'nope'")


def test_list_shows_every_exercise_and_the_last_result(repo: Path) -> None:
    before = run(repo, "grader.learner", "list")
    assert before.returncode == 0
    for name, title in (("lru_cache", "LRU cache"), ("connection_pool", "connection pool")):
        line = next(line for line in before.stdout.splitlines() if line.startswith(name))
        assert title.lower() in line.lower() and "not graded yet" in line
    run(repo, "grader", "group_anagrams")
    after = run(repo, "grader.learner", "list").stdout
    line = next(line for line in after.splitlines() if line.startswith("group_anagrams"))
    assert "0/100 below pass mark" in line and "easy" in line and "hashing" in line


def test_compare_waits_for_full_correctness_then_shows_the_difference(repo: Path) -> None:
    assert_one_line_error(run(repo, "grader.learner", "compare", "group_anagrams"), "finish it")
    mine = repo / "exercises" / "group_anagrams.py"
    shutil.copy(repo / "solutions" / "group_anagrams.py", mine)
    graded = run(repo, "grader", "group_anagrams")
    assert "nox -s compare -- group_anagrams" in graded.stdout
    same = run(repo, "grader.learner", "compare", "group_anagrams")
    assert same.returncode == 0 and "identical" in same.stdout
    mine.write_text(mine.read_text() + "\n# my note\n")
    diff = run(repo, "grader.learner", "compare", "group_anagrams").stdout
    assert "+# my note" in diff and "(one possibility)" in diff


def test_watch_regrades_on_save_and_survives_a_syntax_error(repo: Path) -> None:
    module = repo / "exercises" / "group_anagrams.py"
    watcher = subprocess.Popen(
        [sys.executable, "-m", "grader.watch", "group_anagrams", "--runs", "2"],
        cwd=repo,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    assert watcher.stdout is not None
    assert "Ctrl-C to quit" in watcher.stdout.readline() + watcher.stdout.readline()
    time.sleep(1)  # the file watcher starts just after the banner
    module.write_text("def group_anagrams(:\n")
    first = [watcher.stdout.readline() for _ in range(3)]
    assert first[1].strip() == "group_anagrams: saved, grading...", first
    assert "x cannot import it" in first[2] and "SyntaxError" in first[2], first
    shutil.copy(repo / "solutions" / "group_anagrams.py", module)
    out, _ = watcher.communicate(timeout=90)
    assert "correctness:" in out and "tests pass (all pass); timing and review follow" in out
    assert re.search(r"group_anagrams: \d+(\.\d+)?/100 \(pass\)", out), out
    assert watcher.returncode == 0


# --- The team lead ----------------------------------------------------------------------------


def test_gradescope_results_have_the_documented_fields(repo: Path) -> None:
    results = repo / "results.json"
    graded = ("retry", "parse_duration")  # an implement exercise and a tests exercise
    done = run(repo, "grader", *graded, "--impl", "solutions", "--format", "gradescope",
               "--output", results)  # fmt: skip
    assert done.returncode == 0, done.stderr
    data = json.loads(results.read_text())
    assert isinstance(data["score"], int | float) and isinstance(data["max_score"], int | float)
    assert data["tests"], "Gradescope shows one row per test"
    for test in data["tests"]:
        assert isinstance(test["name"], str) and isinstance(test["output"], str)
        assert isinstance(test["score"], int | float) and isinstance(test["max_score"], int | float)
        assert 0 <= test["score"] <= test["max_score"]
    assert abs(sum(t["score"] for t in data["tests"]) - data["score"]) < 0.5
    assert 0 < data["score"] <= data["max_score"]  # full marks are test_references' to check


def test_a_batch_of_submissions_makes_one_table(repo: Path, tmp_path: Path) -> None:
    submissions = {"ada": repo / "solutions", "bob": repo / "exercises"}
    reports = []
    for name, folder in submissions.items():
        target = tmp_path / "submissions" / name
        shutil.copytree(folder, target)
        reports.append(tmp_path / f"{name}.json")
        run(repo, "grader", "group_anagrams", "--impl", target, "--json", reports[-1])
    table = run(repo, "grader.scoreboard", *reports).stdout.splitlines()
    assert table[0] == "| submission | group_anagrams | total | passed |"
    # ada's timing points depend on the machine; her row passes, bob's stub scores 0.
    assert table[2].startswith("| ada | ") and table[2].endswith("/100 | yes |"), table
    assert table[3] == "| bob | 0 | 0/100 | no |"
    csv = run(repo, "grader.scoreboard", *reports, "--csv").stdout.splitlines()
    assert csv == [
        "submission,group_anagrams,total,passed",
        "ada,100,100/100,yes",
        "bob,0,0/100,no",
    ]
    assert_one_line_error(run(repo, "grader.scoreboard", tmp_path / "missing.json"), "no such")


def test_the_exported_workflow_grades_on_push_and_publishes_both_reports() -> None:
    workflow = CANDIDATE_WORKFLOW
    assert "on: [push" in workflow
    assert "nox -s grade -- --json kata-report.json --markdown kata-report.md" in workflow
    assert 'cat kata-report.md >> "$GITHUB_STEP_SUMMARY"' in workflow
    assert "actions/upload-artifact" in workflow and "path: kata-report.json" in workflow


def test_our_workflow_runs_the_self_test_as_ci_does() -> None:
    workflow = (ROOT / ".github" / "workflows" / "selftest.yml").read_text()
    assert "on: [push" in workflow and "run: bash .ci/run" in workflow
    assert "nox -s selftest" in (ROOT / ".ci" / "run").read_text()


def test_a_broken_kata_config_is_a_one_line_error(repo: Path) -> None:
    pyproject = repo / "pyproject.toml"
    pyproject.write_text(pyproject.read_text().replace("pass_mark = 70", "pass_mark = 'high'"))
    for module, args in (("grader", ()), ("grader.learner", ("list",))):
        assert_one_line_error(run(repo, module, *args), "pass_mark")


# --- New exercises ----------------------------------------------------------------------------

WORD_COUNT = "    return sum(values)\n"
MUTANTS = {
    "off_by_one": "    return sum(values) + 1\n",
    "drops_first": "    return sum(list(values)[1:])\n",
    "absolute": "    return sum(abs(v) for v in values)\n",
    "negates": "    return -sum(values)\n",
    "ignores_last": "    items = list(values)\n    return sum(items[:-1])\n",
    "doubles": "    return 2 * sum(values)\n",
    "largest_not_total": "    return max(values, default=0)\n",
}
ALTERNATIVE = """\"\"\"A loop instead of sum().\"\"\"

from collections.abc import Iterable


def word_count(values: Iterable[int]) -> int:
    \"\"\"Add up ``values`` one by one.\"\"\"
    total = 0
    for value in values:
        total += value
    return total
"""


def test_a_new_exercise_is_scaffolded_graded_and_self_tested(repo: Path) -> None:
    done = run(repo, "grader.scaffold", "word_count")
    assert done.returncode == 0, done.stderr
    assert_one_line_error(run(repo, "grader.scaffold", "word_count"), "exists already")
    assert_one_line_error(run(repo, "grader.scaffold", "Word-Count"), "snake_case")
    # A draft is invisible to learners until it is published.
    assert "word_count" not in run(repo, "grader.learner", "list").stdout
    assert_one_line_error(run(repo, "grader.learner", "hint", "word_count"), "draft")
    assert "word_count" not in run(repo, "grader").stdout
    stub = run(repo, "grader", "word_count", "--json", repo / "stub.json")
    assert json.loads((repo / "stub.json").read_text())["exercises"][0]["score"] == 0, stub.stdout
    incomplete = run(repo, "pytest", "tests/selftest/test_references.py", "-k", "word_count", "-q")
    assert incomplete.returncode == 0 and "xfailed" in incomplete.stdout, incomplete.stdout

    reference = repo / "solutions" / "word_count.py"
    reference.write_text(reference.read_text().replace(
        "    # TODO: write the reference solution.\n    raise NotImplementedError\n", WORD_COUNT
    ))  # fmt: skip
    statement = reference.read_text().split("from __future__")[0]
    for name, body in MUTANTS.items():
        mutant = reference.read_text().replace(WORD_COUNT, body)
        mutant = mutant.replace(statement, f'"""Mutant: {name}.\n\nCaught by: correctness\n"""\n\n')
        (repo / "tests" / "mutants" / "word_count" / f"{name}.py").write_text(mutant)
    (repo / "tests" / "alternatives" / "word_count" / "loop.py").write_text(ALTERNATIVE)
    graded = run(repo, "grader", "word_count", "--impl", "solutions", "--json", repo / "ref.json")
    assert json.loads((repo / "ref.json").read_text())["score"] == 100, graded.stdout
    checks = (
        "pytest", "tests/selftest/test_references.py", "tests/selftest/test_mutants.py",
        "-k", "word_count", "-q", "-p", "pytester", "-rX",
    )  # fmt: skip
    complete = run(repo, *checks)
    assert complete.returncode == 0 and "xfailed" not in complete.stdout, complete.stdout[-2000:]
    assert "XPASS" in complete.stdout and "publish it" in complete.stdout
    catalogue = repo / "exercises" / "info.toml"
    lines = catalogue.read_text().splitlines(keepends=True)
    catalogue.write_text("".join(line for line in lines if not line.startswith("draft = true")))
    published = run(repo, *checks)
    assert published.returncode == 0 and "XPASS" not in published.stdout, published.stdout[-2000:]
    assert "word_count" in run(repo, "grader.learner", "list").stdout


def test_the_scaffold_passes_lint_and_types_for_a_long_name(repo: Path) -> None:
    name = "a_rather_long_exercise_name_that_a_contributor_might_pick"
    done = run(repo, "grader.scaffold", name)
    assert done.returncode == 0, done.stderr
    created = [str(p) for p in repo.rglob(f"*{name}*") if p.suffix == ".py"]
    created += [str(p) for p in (repo / "tests" / "mutants" / name).glob("*.py")]
    for tool in (("ruff", "check"), ("ruff", "format", "--check"), ("mypy",)):
        checked = run(repo, *tool, *created)
        assert checked.returncode == 0, f"{' '.join(tool)}: {checked.stdout[-1500:]}"


# --- Export -----------------------------------------------------------------------------------


def reference_lines() -> set[str]:
    """Lines of the references' code that no stub or shipped test contains: their fingerprints.

    A reference suite (a ``tests`` exercise's) shares its generic lines, such as
    ``with pytest.raises(ValueError):``, with the exercise tests that every copy ships.
    """
    shipped = "\n".join(path.read_text() for path in (ROOT / "tests").glob("test_*.py"))
    lines = set()
    for reference in (ROOT / "solutions").glob("[!_]*.py"):
        stub = (ROOT / "exercises" / reference.name).read_text()
        lines |= {
            line.strip()
            for line in reference.read_text().splitlines()
            if len(line.strip()) > 30
            and line.strip() not in stub
            and line.strip() not in shipped
            and not line.strip().startswith(("from ", "import ", "#"))
        }
    return lines


def test_an_export_holds_no_reference_code_and_grades(repo: Path, tmp_path: Path) -> None:
    commit_all(repo)
    # The lead's clone as it is on a working day: a solved exercise, candidates' work beside it.
    stub = (repo / "exercises" / "lru_cache.py").read_text()
    shutil.copy(repo / "solutions" / "lru_cache.py", repo / "exercises" / "lru_cache.py")
    (repo / "submissions" / "ada").mkdir(parents=True)
    (repo / "submissions" / "ada" / "retry.py").write_text("# ada's answer\n")
    (repo / "reports").mkdir()
    (repo / "reports" / "ada.json").write_text("{}")
    (repo / "report.json").write_text("{}")  # ignored by .gitignore

    dest = tmp_path / "take-home"
    done = run(repo, "grader.export", dest, "--no-hints", "--time", "3 hours")
    assert done.returncode == 0, done.stderr
    assert (dest / "exercises" / "lru_cache.py").read_text() == stub, "a solved stub shipped"
    for left_out in ("solutions", "tests/mutants", "tests/alternatives", "bench", "submissions",
                     "reports", "report.json"):  # fmt: skip
        assert not (dest / left_out).exists(), f"the export has {left_out}"
    for note in ("exercises/lru_cache.py differs from HEAD: exported the committed version",
                 "left out submissions/", "left out reports/", "left out report.json"):  # fmt: skip
        assert note in done.stdout, done.stdout
    fingerprints = reference_lines()
    for path in dest.rglob("*"):
        if path.is_file() and ".git" not in path.parts:
            text = path.read_text(errors="replace")
            leaked = [line for line in fingerprints if line in text]
            assert not leaked, f"{path.relative_to(dest)} holds reference code: {leaked[:2]}"
    log = subprocess.run(["git", "-C", dest, "rev-list", "--all"], capture_output=True, text=True)
    assert len(log.stdout.split()) == 1, "the export's history must be one fresh commit"
    assert "hints = []" in (dest / "exercises" / "info.toml").read_text()
    assert (dest / ".github" / "workflows" / "grade.yml").is_file()

    readme = (dest / "README.md").read_text()
    assert "3 hours" in readme and "correctness 50" in readme
    sessions = set(re.findall(r"nox -s (\w+)", readme))
    assert sessions == {"list", "grade", "watch", "tests"}, sessions  # no hint, compare, new
    graded = run(dest, "grader", "--json", dest / "r.json")
    assert graded.returncode == 1 and "Traceback" not in graded.stderr, graded.stderr
    config = load_config(dest)
    for exercise in json.loads((dest / "r.json").read_text())["exercises"]:
        chosen = config.exercise(exercise["name"])
        assert chosen is not None
        if chosen.kind.stub_earns == "nothing":  # a debug exercise's buggy module runs
            assert exercise["score"] == 0, exercise
        assert exercise["score"] < config.pass_mark, exercise
    assert run(dest, "grader.learner", "list").returncode == 0
    assert run(dest, "grader.watch", "retry", "--runs", "0").returncode == 0
    selftest = run(
        dest,
        "pytest",
        "tests/selftest/test_audit.py",
        "tests/selftest/test_references.py",
        "-q",
        "-p",
        "pytester",
    )
    assert selftest.returncode == 0, selftest.stdout[-2000:]
    assert_one_line_error(run(repo, "grader.export", dest), "exists already")


def test_export_needs_what_is_committed(repo: Path, tmp_path: Path) -> None:
    assert_one_line_error(run(repo, "grader.export", tmp_path / "copy"), "commit the exercises")
