"""The ``tests`` kind: the learner writes the tests of a finished module.

The learner's suite ``exercises/test_NAME.py`` imports ``NAME`` as a plain module. The grader runs
it once per implementation, each time with that implementation copied beside it as ``NAME.py``
in a folder of its own (after Examplar's wheats and chaffs):

- the finished module (``solutions/NAME.py``, or ``exercises/NAME.py`` in a candidate's copy): the
  suite must pass on it, or it earns nothing;
- the hidden correct designs, ``tests/wheat/NAME/*.py``: failing one is a false alarm;
- the hidden buggy versions, ``tests/chaff/NAME/*.py``: the suite should fail on each.

Correctness is the share of buggy versions caught, times the share of correct designs passed:
a suite that fails whatever is not the finished module catches everything and earns nothing.
Performance: the suite's run on the finished module against the reference suite's
(``solutions/test_NAME.py``) in the same grade. The report names an uncaught bug by the first
line of its module's docstring, never by its code. Every copy carries the finished module's
docstring, so a suite cannot tell the versions apart by it; the guard keeps the hidden folders
unreadable.
"""

from __future__ import annotations

import ast
import shutil
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from grader.kinds.base import Kind, Run

if TYPE_CHECKING:
    from grader.collect import Outcome, RunResult
    from grader.config import Exercise

CHAFF = Path("tests") / "chaff"
WHEAT = Path("tests") / "wheat"
FINISHED = "runs clean on the finished module"
STOPPED = "not run: stopped at the first lost correctness point, as asked"
SUITES_AT_ONCE = 2  # runs of one exercise's suite side by side
SUITE_LIMIT = 5.0  # the suite may take this many times as long as the reference suite
SUITE_INI = """\
[pytest]
addopts = --import-mode=importlib --disable-plugin-autoload
    -p _hypothesis_pytestplugin -p pytest_timeout
pythonpath = .
"""
SUITE_CONFTEST = '''\
"""The grader's settings for a learner's suite: hypothesis derandomized, no example database."""

from hypothesis import HealthCheck, settings

settings.register_profile(
    "grade",
    derandomize=True,
    database=None,
    deadline=None,
    print_blob=False,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
'''


def hidden_folders(name: str) -> tuple[Path, Path]:
    """Where the hidden correct and buggy versions of exercise ``name`` live, from the root."""
    return WHEAT / name, CHAFF / name


@dataclass(frozen=True)
class Version:
    """One implementation the suite runs against."""

    role: str  # "finished", "wheat" or "chaff"
    path: Path
    label: str  # what the report calls it


class Tests(Kind):
    """``tests``: write the tests of a finished module."""

    name: ClassVar[str] = "tests"
    task: ClassVar[str] = "write the tests of a finished module"
    meaning: ClassVar[dict[str, str]] = {
        "correctness": (
            "the share of hidden buggy versions your tests catch, times the share of hidden "
            "correct versions they pass (a failure on a correct one is a false alarm)"
        ),
        "performance": (
            f"your suite runs within {SUITE_LIMIT:g}x the reference suite's time, once it "
            "passes every correct version"
        ),
        "readability": "ruff check, ruff format and mypy --strict on your test file",
    }
    allowed_imports: ClassVar[frozenset[str]] = frozenset({"pytest", "hypothesis"})
    performance_withheld: ClassVar[str] = (
        "performance points count only once your suite passes every correct version"
    )

    def learner_file(self, name: str) -> str:
        return f"test_{name}.py"

    def test_file(self, name: str) -> Path:
        return Path("solutions") / f"test_{name}.py"

    def given_files(self, name: str) -> tuple[str, ...]:
        return (f"exercises/{name}.py",)

    def secret_folders(self, name: str) -> tuple[str, ...]:
        return tuple(folder.as_posix() for folder in hidden_folders(name))

    def run(self, run: Run) -> RunResult:
        """The suite on the finished module (and the reference suite, for its time), then on
        every hidden version; a suite that fails the finished module goes no further."""
        from grader.collect import Outcome, RunResult

        versions = self.versions(run.config.root, run.exercise)
        if versions is None:
            return RunResult((), f"the finished module exercises/{run.exercise.name}.py is missing")
        finished, *hidden = versions
        reference_suite = run.config.root / self.test_file(run.exercise.name)
        first = [(finished, run.module)]
        if reference_suite.is_file():
            first.append((finished, reference_suite))
        mine, *reference = _ran(_run_suites(run, first, numbered_from=0))
        if mine.result.refused:
            return mine.result
        outcomes = [Outcome(FINISHED, "correctness", _clean(mine.result), _why(mine.result))]
        if not _clean(mine.result):
            return RunResult(tuple(outcomes))
        # A self-test's mutant suite is caught by its first missed bug or false alarm.
        until = _loses_correctness if run.stop_after == "correctness" else None
        done = _run_suites(
            run, [(v, run.module) for v in hidden], numbered_from=len(first), until=until
        )
        refused = next((d.result for d in done if d is not None and d.result.refused), None)
        if refused is not None:
            return refused
        for version, ran in zip(hidden, done, strict=True):
            if ran is None:
                outcomes.append(Outcome(version.label, "correctness", False, STOPPED))
                continue
            result = ran.result
            if version.role == "wheat":
                alarm = "" if _clean(result) else f"false alarm: {_why(result)}"
                outcomes.append(Outcome(version.label, "correctness", _clean(result), alarm))
            else:
                missed = "" if not _clean(result) else "every test passed on this buggy version"
                outcomes.append(Outcome(version.label, "correctness", not missed, missed))
        if reference:
            outcomes.append(_speed(reference[0].seconds, mine.seconds))
        note = None
        if not hidden:
            note = (
                "provisional: this copy holds no hidden versions, so your suite was checked "
                "against the finished module only; your lead grades it against them"
            )
        return RunResult(tuple(outcomes), note)

    def versions(self, root: Path, exercise: Exercise) -> list[Version] | None:
        """The finished module first, then the correct and the buggy versions, in name order."""
        name = exercise.name
        finished = next(
            (p for p in (root / "solutions" / f"{name}.py", root / "exercises" / f"{name}.py")
             if p.is_file()),
            None,
        )  # fmt: skip
        if finished is None:
            return None
        versions = [Version("finished", finished, FINISHED)]
        for role, folder in (("wheat", WHEAT), ("chaff", CHAFF)):
            for number, path in enumerate(_modules(root / folder / name), start=1):
                label = (
                    f"passes hidden correct version {number}"
                    if role == "wheat"
                    else f"catches: {bug_in_words(path)}"
                )
                versions.append(Version(role, path, label))
        return versions

    def correctness_share(self, outcomes: Sequence[Outcome]) -> float:
        finished = [o for o in outcomes if o.name == FINISHED]
        if not finished or not finished[0].passed:
            return 0.0
        wheat = [o for o in outcomes if o.name.startswith("passes hidden correct")]
        chaff = [o for o in outcomes if o.name.startswith("catches: ")]
        if not chaff:
            return 1.0  # a candidate's copy: the suite passes on the finished module
        caught = sum(o.passed for o in chaff) / len(chaff)
        passed = sum(o.passed for o in wheat) / len(wheat) if wheat else 1.0
        return caught * passed

    def performance_counts(self, outcomes: Sequence[Outcome]) -> bool:
        return all(o.passed for o in outcomes if o.name == FINISHED or o.name.startswith("passes"))


def _run_suites(
    run: Run,
    jobs: list[tuple[Version, Path]],
    numbered_from: int,
    until: Callable[[Version, RunResult], bool] | None = None,
) -> list[_Done | None]:
    """Run each (version, suite) pair, a few at a time; results in the order given.

    Once ``until`` holds for a finished run, the runs not yet started are not started: None.
    """
    with ThreadPoolExecutor(max_workers=SUITES_AT_ONCE) as pool:
        futures = {
            pool.submit(_run_suite, run, version, suite, number=numbered_from + index): version
            for index, (version, suite) in enumerate(jobs)
        }
        if until is not None:
            for future in as_completed(futures):
                if until(futures[future], future.result().result):
                    for pending in futures:
                        pending.cancel()
                    break
        return [None if future.cancelled() else future.result() for future in futures]


@dataclass(frozen=True)
class _Done:
    result: RunResult
    seconds: float


def _run_suite(run: Run, version: Version, suite: Path, *, number: int) -> _Done:
    """Run ``suite`` with ``version`` beside it as the module, in a folder of its own."""
    from grader.collect import run_pytest

    name = run.exercise.name
    folder = run.workdir / f"{number:02d}-{version.role}"
    folder.mkdir()
    shutil.copyfile(suite, folder / f"test_{name}.py")
    (folder / f"{name}.py").write_text(_with_docstring_of(version.path, run), encoding="utf-8")
    (folder / "pytest.ini").write_text(SUITE_INI, encoding="utf-8")
    (folder / "conftest.py").write_text(SUITE_CONFTEST, encoding="utf-8")
    start = time.perf_counter()
    secret = [run.config.root / "solutions", *(run.config.root / f for f in hidden_folders(name))]
    result = run_pytest(
        run.config,
        [folder / f"test_{name}.py"],
        folder / f"test_{name}.py",
        workdir=folder,
        cache_dir=run.cache,
        # One failure decides a hidden version: it is caught, or a false alarm. A caught buggy
        # version's failure is never shown, so its example is not shrunk either.
        options=[
            *(f"--kata-hidden={path}" for path in secret),
            *(["--exitfirst"] if version.role != "finished" else []),
            *(["--kata-no-shrink"] if version.role == "chaff" else []),
        ],
        suite=folder,
        slots=run.slots,
    )
    return _Done(result, time.perf_counter() - start)


def _with_docstring_of(path: Path, run: Run) -> str:
    """``path``'s source with the finished module's docstring: no version names itself."""
    source = path.read_text(encoding="utf-8")
    finished = run.config.root / "exercises" / f"{run.exercise.name}.py"
    if not finished.is_file():
        return source
    wanted = ast.get_docstring(ast.parse(finished.read_text(encoding="utf-8")), clean=False)
    tree = ast.parse(source)
    first = tree.body[0] if tree.body else None
    if (
        wanted is None
        or not isinstance(first, ast.Expr)
        or not isinstance(first.value, ast.Constant)
        or not isinstance(first.value.value, str)
        or first.end_lineno is None
    ):
        return source
    lines = source.splitlines(keepends=True)
    return f"{wanted!r}\n" + "".join(lines[first.end_lineno :])  # a literal for any text


def _modules(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.glob("*.py") if p.name != "__init__.py")


def bug_in_words(path: Path) -> str:
    """A buggy version's first docstring line, without "Mutant: ": the bug, never the code."""
    docstring = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or ""
    first = docstring.strip().splitlines()[0] if docstring.strip() else path.stem
    return first.removeprefix("Mutant:").strip().rstrip(".")


def _ran(done: list[_Done | None]) -> list[_Done]:
    """The runs of a call without ``until``, which starts them all."""
    return [d for d in done if d is not None]


def _loses_correctness(version: Version, result: RunResult) -> bool:
    """Whether this run alone costs correctness points: a false alarm, or a missed bug."""
    return _clean(result) == (version.role == "chaff")


def _clean(result: RunResult) -> bool:
    return not result.problem and bool(result.outcomes) and all(o.passed for o in result.outcomes)


def _why(result: RunResult) -> str:
    if _clean(result):
        return ""
    if result.problem:
        return result.problem
    if not result.outcomes:
        return "the suite has no tests"
    failed = next(o for o in result.outcomes if not o.passed)
    return f"{failed.name}: {failed.message}"


def _speed(reference: float, learner: float) -> Outcome:
    from grader.collect import Outcome

    ratio = learner / max(reference, 1e-9)
    passed = ratio <= SUITE_LIMIT
    message = (
        ""
        if passed
        else f"your suite took {learner:.1f}s, {ratio:.1f}x the reference suite's {reference:.1f}s "
        f"in the same run; the limit is {SUITE_LIMIT:g}x"
    )
    return Outcome("the suite runs in reasonable time", "performance", passed, message)
