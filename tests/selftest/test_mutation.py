"""The mutation driver (``nox -s mutation``), on a tiny exercise made for it in a scratch copy.

The tiny exercise has a mutant of each kind: one its correctness tests kill, one only its timing
test kills, and one no test can tell from the reference (an equivalent). The mutants come from a
hand-written generator, so that these tests need no cosmic-ray; the last one checks cosmic-ray's
own generator where the mutation dependency group is installed.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from grader import mutation
from grader.cli import UsageError
from grader.mutation import Mutant, Report, Settings, Verdict
from tests.selftest.conftest import ROOT

REFERENCE = '''"""A tiny exercise for the mutation driver."""

SPEED = 1
UNUSED = 7


def add(a: int, b: int) -> int:
    return a + b
'''

TESTS = """from typing import Any

import pytest

from tests.submission import load

tiny: Any = load("tiny")


def test_add() -> None:
    assert tiny.add(2, 3) == 5


@pytest.mark.timing
def test_speed() -> None:
    assert tiny.SPEED == 1
"""

KILLED = "add: a + b -> a - b"
SLOW = "speed: SPEED = 1 -> SPEED = 2"
EQUIVALENT = "unused: UNUSED = 7 -> UNUSED = 8"


def three_mutants(source: str) -> list[Mutant]:
    """A mutant for each verdict, made by hand."""
    changes = {KILLED: ("a + b", "a - b"), SLOW: ("SPEED = 1", "SPEED = 2")}
    changes[EQUIVALENT] = ("UNUSED = 7", "UNUSED = 8")
    return [Mutant(key, 1, source.replace(old, new)) for key, (old, new) in changes.items()]


@pytest.fixture(scope="module")
def tiny_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A repository with one exercise, ``tiny``, and the test machinery of this one."""
    root = tmp_path_factory.mktemp("repo")
    (root / "tests").mkdir()
    for name in ("__init__.py", "conftest.py", "submission.py", "timing.py"):
        shutil.copy(ROOT / "tests" / name, root / "tests" / name)
    shutil.copy(ROOT / "pyproject.toml", root / "pyproject.toml")
    (root / "tests" / "test_tiny.py").write_text(TESTS)
    (root / "solutions").mkdir()
    (root / "solutions" / "tiny.py").write_text(REFERENCE)
    (root / "exercises").mkdir()
    (root / "exercises" / "info.toml").write_text('[[exercise]]\nname = "tiny"\n')
    (root / "tests" / "mutants" / "tiny").mkdir(parents=True)
    return root


@pytest.fixture(scope="module")
def report(tiny_repo: Path, tmp_path_factory: pytest.TempPathFactory) -> Report:
    settings = Settings(tiny_repo, 15, 120, 2048, tmp_path_factory.mktemp("scratch"))
    return mutation.prove(settings, "tiny", jobs=2, generate=three_mutants)


def test_each_mutant_gets_the_verdict_of_the_tests_that_catch_it(report: Report) -> None:
    verdicts = {mutant.key: verdict for mutant, verdict in report.verdicts.items()}
    assert verdicts == {
        KILLED: Verdict.CORRECTNESS,
        SLOW: Verdict.PERFORMANCE,
        EQUIVALENT: Verdict.SURVIVED,
    }
    assert report.broken is None


def test_a_survivor_not_listed_is_explained_with_a_line_to_add(report: Report) -> None:
    assert [m.key for m in report.unexplained] == [EQUIVALENT]
    lines = "\n".join(mutation.details(report))
    assert "survived" in lines and f'"{EQUIVALENT}" = "..."' in lines
    assert "1 survived, 0 equivalent" in mutation.summary(report)


def test_a_listed_survivor_counts_as_equivalent(report: Report) -> None:
    listed = Report("tiny", report.verdicts, {EQUIVALENT: "nothing reads UNUSED"}, 1.0)
    assert listed.unexplained == []
    assert mutation.summary(listed) == (
        "tiny: 3 mutants: 2 killed (1 by correctness, 1 by performance), 0 survived, "
        "1 equivalent; 100.0% of the non-equivalent killed (0m01s)"
    )


def test_the_command_passes_when_every_survivor_is_listed(
    tiny_repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The whole command, on the equivalent mutant alone (the others are judged above)."""
    equivalents = tiny_repo / "tests" / "mutants" / "tiny" / mutation.EQUIVALENTS

    def equivalent_only(source: str) -> list[Mutant]:
        return three_mutants(source)[2:]

    argv = ["tiny", "--root", str(tiny_repo), "--jobs", "1"]
    equivalents.write_text(f'"{EQUIVALENT}" = "nothing reads UNUSED"\n')
    try:
        code = mutation.main(argv, generate=equivalent_only)
    finally:
        equivalents.unlink()
    out = capsys.readouterr().out
    assert code == 0, out
    assert "0 survived, 1 equivalent" in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [(["nosuch"], "unknown exercise"), (["tiny", "--jobs", "0"], "--jobs must be at least 1")],
)
def test_usage_errors_exit_2(
    tiny_repo: Path, argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert mutation.main([*argv, "--root", str(tiny_repo)], generate=three_mutants) == 2
    assert message in capsys.readouterr().err


def test_an_equivalent_without_a_reason_is_refused(tiny_repo: Path) -> None:
    equivalents = tiny_repo / "tests" / "mutants" / "tiny" / mutation.EQUIVALENTS
    equivalents.write_text(f'"{EQUIVALENT}" = ""\n')
    try:
        with pytest.raises(UsageError, match="give each mutant a reason"):
            mutation.read_equivalents(tiny_repo, "tiny")
    finally:
        equivalents.unlink()


def test_a_change_is_described_by_its_line_before_and_after() -> None:
    before = "x = 1\ny = a + b\nz = 3\n"
    assert mutation.describe_change(before, before.replace("a + b", "a - b")) == (
        2,
        "y = a + b -> y = a - b",
    )


def test_cosmic_ray_mutants_leave_out_annotations_overload_stubs_and_broken_code() -> None:
    source = (
        "from typing import overload\n\n"
        "@overload\ndef f(x: int = 1) -> int: ...\n"
        "def f(x: int | None = 2, *, y: int = 3) -> int | None:\n"
        "    return x - y if x else None\n"
    )
    keys = [mutant.key for mutant in mutation.cosmic_ray_mutants(source)]
    assert "ReplaceBinaryOperator_Sub_Add: return x - y if x else None -> " in "".join(keys)
    assert not any("int = 1" in key for key in keys), "an @overload stub was mutated"
    assert not any("int & None" in key or "int + None" in key for key in keys), "an annotation"
    assert not any(", +, y" in key for key in keys), "a mutant that is not Python was kept"
    assert len(keys) == len(set(keys)), "two mutants share a key"
    assert "ReturnNone: return x - y if x else None -> return None" in keys
