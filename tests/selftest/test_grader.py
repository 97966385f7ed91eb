"""Unit tests of the grader: the rubric, the report formats, configuration and argument errors."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from grader.cli import main
from grader.collect import Outcome, RunResult
from grader.config import ConfigError, Exercise, load_config
from grader.report import Report, render_json, render_markdown, render_terminal
from grader.review import ReviewCheck
from grader.score import ExerciseGrade, score_exercise
from tests.selftest.conftest import ROOT

WEIGHTS = {"correctness": 50.0, "performance": 30.0, "readability": 20.0}
CLEAN_REVIEW = (
    ReviewCheck("ruff check", 0.4, 1.0),
    ReviewCheck("ruff format", 0.2, 1.0),
    ReviewCheck("mypy --strict", 0.4, 1.0),
)


def outcomes(correct: tuple[bool, ...], timing: tuple[bool, ...] = ()) -> RunResult:
    tests = [
        Outcome(f"c{i}", "correctness", ok, "" if ok else "wrong") for i, ok in enumerate(correct)
    ]
    tests += [
        Outcome(f"t{i}", "performance", ok, "" if ok else "slow") for i, ok in enumerate(timing)
    ]
    return RunResult(tuple(tests))


def exercise(name: str, kind: str = "implement") -> Exercise:
    return Exercise(name, name.title(), "easy", (), (), kind_name=kind)


def grade(
    run: RunResult, review: tuple[ReviewCheck, ...] = CLEAN_REVIEW, kind: str = "implement"
) -> ExerciseGrade:
    return score_exercise(exercise("demo", kind), run, review, WEIGHTS, pass_mark=70)


# --- Rubric -------------------------------------------------------------------------------------


def test_all_passing_scores_full_marks() -> None:
    graded = grade(outcomes((True, True), (True,)))
    assert graded.score == graded.max_score == 100
    assert graded.passed


def test_correctness_is_the_share_of_tests_passed() -> None:
    graded = grade(outcomes((True, True, True, False), (True,)))
    assert graded.categories["correctness"].score == 37.5


def test_performance_is_withheld_until_every_correctness_test_passes() -> None:
    graded = grade(outcomes((True, False), (True, True)))
    assert graded.categories["performance"].score == 0
    assert "every correctness test" in graded.categories["performance"].note


def test_performance_is_the_share_of_timing_tests_passed() -> None:
    graded = grade(outcomes((True,), (True, False, True)))
    assert graded.categories["performance"].score == 20


def test_no_correctness_test_passed_scores_zero_everywhere() -> None:
    graded = grade(outcomes((False, False), (True,)))
    assert graded.score == 0
    assert not graded.passed


def test_readability_counts_each_tool_by_its_share() -> None:
    review = (
        ReviewCheck("ruff check", 0.4, 0.5, "two findings"),
        ReviewCheck("ruff format", 0.2, 0.0, "diff"),
        ReviewCheck("mypy --strict", 0.4, 1.0),
    )
    graded = grade(outcomes((True,), (True,)), review)
    assert graded.categories["readability"].score == pytest.approx(0.6 * 20)


def test_pass_mark_decides_pass() -> None:
    assert not grade(outcomes((True, False, False, False))).passed
    assert grade(outcomes((True, True, True, True))).passed


# --- Reports ------------------------------------------------------------------------------------


@pytest.fixture
def report() -> Report:
    good = grade(outcomes((True,), (True,)))
    bad = score_exercise(
        exercise("broken"), outcomes((True, False), (True,)), CLEAN_REVIEW, WEIGHTS, 70
    )
    return Report((good, bad), impl="exercises/", pass_mark=70)


def test_json_report_has_the_documented_shape(report: Report) -> None:
    data = json.loads(render_json(report))
    assert data["score"] == 100 + 25 + 20
    assert data["max_score"] == 200
    first = data["exercises"][0]
    assert first["name"] == "demo"
    assert set(first["categories"]) == {"correctness", "performance", "readability"}
    check = data["exercises"][1]["categories"]["correctness"]["checks"][1]
    assert check == {"name": "c1", "passed": False, "message": "wrong"}


def test_terminal_report_has_a_table_and_explains_lost_points(report: Report) -> None:
    text = render_terminal(report)
    assert "demo" in text and "100/100" in text
    assert "broken: 45/100 (below pass mark)" in text
    assert "x c1" in text and "wrong" in text


def test_markdown_report_has_a_table_and_details(report: Report) -> None:
    text = render_markdown(report)
    assert "| demo | 50/50 | 30/30 | 20/20 | **100/100** | ✅ |" in text
    assert "<details><summary>broken: where the points went</summary>" in text


# --- Configuration and arguments ------------------------------------------------------------------


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    (tmp_path / "exercises").mkdir()
    shutil.copy(ROOT / "exercises" / "info.toml", tmp_path / "exercises" / "info.toml")
    return tmp_path


BROKEN_CONFIGS = {
    "not toml": ("[tool.kata\n", "not valid TOML"),
    "unknown key": ("[tool.kata]\npassmark = 3\n", "unknown key"),
    "bad weight": ("[tool.kata.weights]\ncorrectness = 'a lot'\n", "must be a number"),
    "unknown exercise": ("[tool.kata]\nexercises = ['nope']\n", "unknown exercise"),
    "pass mark too high": ("[tool.kata]\npass_mark = 101\n", "more than the 100 points"),
}


@pytest.mark.parametrize(("toml", "message"), BROKEN_CONFIGS.values(), ids=BROKEN_CONFIGS.keys())
def test_broken_config_is_one_line_error(repo: Path, toml: str, message: str) -> None:
    (repo / "pyproject.toml").write_text(toml)
    with pytest.raises(ConfigError, match=message):
        load_config(repo)


CATALOGUE_TABLE = '[[exercise]]\nname = "demo"\n'
BROKEN_PROCESSES = [
    "{ correctness = 0 }",
    "{ correctness = 5 }",
    "{ timing = 2 }",
    "3",
    "{ correctness = 1.5 }",
]


@pytest.mark.parametrize("value", BROKEN_PROCESSES)
def test_process_counts_outside_1_to_4_are_one_line_errors(repo: Path, value: str) -> None:
    (repo / "exercises" / "info.toml").write_text(f"{CATALOGUE_TABLE}processes = {value}\n")
    with pytest.raises(ConfigError, match=r"processes of 'demo' must be a table like .* 1 to 4$"):
        load_config(repo)


def test_an_exercise_may_ask_for_more_test_processes(repo: Path) -> None:
    (repo / "exercises" / "info.toml").write_text(
        f"{CATALOGUE_TABLE}processes = {{ performance = 2 }}\n"
        f"{CATALOGUE_TABLE.replace('demo', 'plain')}"
    )
    demo, plain = load_config(repo).catalogue
    assert (demo.processes.of("correctness"), demo.processes.of("performance")) == (2, 2)
    assert (plain.processes.of("correctness"), plain.processes.of("performance")) == (2, 1)


def test_defaults_hold_without_a_kata_table(repo: Path) -> None:
    (repo / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    config = load_config(repo)
    assert config.weights == WEIGHTS
    assert config.pass_mark == 70


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["nope"], "unknown exercise 'nope'; valid names: group_anagrams, "),
        (["--impl", "no/such/folder"], "--impl no/such/folder: no such folder"),
        (["--bogus"], "unrecognized arguments: --bogus"),
        # Report paths are checked before anything is graded, not after.
        (["--json", "no/such/folder/r.json"], "the folder"),
        (["--markdown", "tests"], "tests is a folder"),
        (["--format", "gradescope", "--output", "no/such/r.json"], "does not exist"),
        (["--jobs", "0"], "expected a whole number of at least 1"),
    ],
)
def test_usage_errors_exit_2_with_one_line(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([*argv, "--root", str(ROOT)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1
    assert message in captured.err


def test_broken_config_exits_2(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / "pyproject.toml").write_text("[tool.kata]\npass_mark = -1\n")
    assert main(["--root", str(repo)]) == 2
    assert capsys.readouterr().err.startswith("error: pyproject.toml: [tool.kata] pass_mark")


# --- The pytest plugin ----------------------------------------------------------------------------


def test_plugin_streams_outcomes_and_categories(pytester: pytest.Pytester) -> None:
    pytester.makeini("[pytest]\nmarkers =\n    timing: performance\n")
    pytester.makepyfile(
        """
        import pytest

        def test_ok():
            pass

        def test_wrong():
            assert 1 + 1 == 3, "1 + 1 came back as 2, expected 3"

        @pytest.mark.timing
        def test_fast():
            pass
        """
    )
    events_file = pytester.path / "events.jsonl"
    result = pytester.runpytest("-p", "grader.pytest_plugin", f"--kata-events={events_file}")
    result.assert_outcomes(passed=1, failed=1, skipped=1)
    events = [json.loads(line) for line in events_file.read_text().splitlines()]
    assert events[0]["event"] == "collected"
    assert events[-1] == {"event": "finish", "exitstatus": 1}
    categories = {t["id"].split("::")[1]: t["category"] for t in events[0]["tests"]}
    assert categories == {
        "test_ok": "correctness",
        "test_wrong": "correctness",
        "test_fast": "performance",
    }
    results = {e["id"].split("::")[1]: e for e in events if e["event"] == "result"}
    assert results["test_ok"]["passed"]
    assert not results["test_wrong"]["passed"]
    assert results["test_wrong"]["message"].startswith("1 + 1 came back as 2, expected 3")
    assert not results["test_fast"]["passed"], "a timing test ran after a correctness failure"
    assert results["test_fast"]["message"].startswith("not timed")


def test_plugin_times_when_every_correctness_test_passes(pytester: pytest.Pytester) -> None:
    pytester.makeini("[pytest]\nmarkers =\n    timing: performance\n")
    pytester.makepyfile(
        """
        import pytest

        @pytest.mark.timing
        def test_fast():
            pass

        def test_ok():
            pass
        """
    )
    events_file = pytester.path / "events.jsonl"
    result = pytester.runpytest("-p", "grader.pytest_plugin", f"--kata-events={events_file}")
    result.assert_outcomes(passed=2)
    started = [json.loads(line) for line in events_file.read_text().splitlines()]
    order = [e["id"].split("::")[1] for e in started if e["event"] == "start"]
    assert order == ["test_ok", "test_fast"], "timing tests must run after correctness tests"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--runs", "x"], "argument --runs: invalid int value: 'x'"),
        (["nope", "--runs", "1"], "unknown exercise 'nope'"),
    ],
)
def test_stability_usage_errors_exit_2_with_one_line(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from grader import stability

    assert stability.main(argv) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and message in err and "error: error" not in err
