"""``python -m grader [NAME ...] [--impl DIR] [--json PATH] [--markdown PATH]``.

Exit status: 0 when every graded exercise reaches the pass mark, 1 when one does not, 2 when the
command itself is wrong (an unknown exercise, a missing folder, a broken configuration). Every
error is one line that says what to do; the learner's files are only read.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import NoReturn

from grader.audit import audit
from grader.collect import RunResult, run_tests
from grader.config import Config, ConfigError, Exercise, load_config
from grader.integrity import check_integrity
from grader.progress import Progress
from grader.report import (
    Report,
    render_gradescope,
    render_json,
    render_markdown,
    render_terminal,
)
from grader.review import review
from grader.score import ExerciseGrade, score_exercise

USAGE_ERROR = 2
CACHE = Path(".kata") / "cache"


class UsageError(Exception):
    """The command line asks for something that cannot be done."""


class OneLineParser(argparse.ArgumentParser):
    """An argument parser whose errors are one line (raised, so callers choose the exit)."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (see --help)")


def build_parser() -> argparse.ArgumentParser:
    parser = OneLineParser(prog="nox -s grade --", description="Grade the kata exercises.")
    parser.add_argument(
        "names", nargs="*", metavar="NAME", help="exercises to grade (default: all)"
    )
    parser.add_argument(
        "--impl",
        default="exercises",
        metavar="DIR",
        help="folder of modules to grade (default: exercises; 'solutions' grades the references)",
    )
    parser.add_argument("--json", type=Path, metavar="PATH", help="also write the report as JSON")
    parser.add_argument("--markdown", type=Path, metavar="PATH", help="also write it as Markdown")
    parser.add_argument(
        "--format",
        choices=["text", "gradescope"],
        default="text",
        help="gradescope: also write Gradescope's results.json (to --output)",
    )
    parser.add_argument(
        "--output",
        type=Path,
        default=Path("results.json"),
        metavar="PATH",
        help="where --format gradescope writes (default: results.json)",
    )
    parser.add_argument("--root", type=Path, default=Path.cwd(), help=argparse.SUPPRESS)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)
        config = load_config(args.root.resolve())
        exercises = select(config, args.names)
        impl_dir = impl_folder(args.impl)
    except (UsageError, ConfigError) as error:
        print(f"error: {error}", file=sys.stderr)
        return USAGE_ERROR
    grades = tuple(grade(config, exercise, impl_dir) for exercise in exercises)
    learner = impl_dir == config.root / "exercises"
    if learner:
        record_results(config, grades)
    report = Report(
        grades,
        impl=display_path(impl_dir, config.root),
        pass_mark=config.pass_mark,
        integrity=check_integrity(config.root),
        hints=hints_used(config, grades) if learner else {},
        learner=learner,
    )
    print(render_terminal(report), end="")
    try:
        write(args.json, render_json(report))
        write(args.markdown, render_markdown(report))
        if args.format == "gradescope":
            write(args.output, render_gradescope(report))
    except OSError as error:
        print(f"error: cannot write the report: {error}", file=sys.stderr)
        return USAGE_ERROR
    return 0 if report.passed else 1


def record_results(config: Config, grades: Sequence[ExerciseGrade]) -> None:
    """Remember the learner's latest result per exercise, for ``list`` and ``compare``."""
    progress = Progress.load(config.root)
    for graded in grades:
        progress.results[graded.name] = {
            "score": graded.score,
            "max_score": graded.max_score,
            "passed": graded.passed,
            "full_correctness": graded.fully_correct,
        }
    progress.save(config.root)


def hints_used(config: Config, grades: Sequence[ExerciseGrade]) -> dict[str, tuple[int, int]]:
    """Hints revealed and hints available, for each graded exercise that has hints."""
    progress = Progress.load(config.root)
    found = {}
    for graded in grades:
        exercise = config.exercise(graded.name)
        if exercise is not None and exercise.hints:
            found[graded.name] = (progress.hints.get(graded.name, 0), len(exercise.hints))
    return found


def select(config: Config, names: Sequence[str]) -> tuple[Exercise, ...]:
    """The exercises named on the command line, or the active ones."""
    if not names:
        return config.active
    unknown = [name for name in names if config.exercise(name) is None]
    if unknown:
        valid = ", ".join(exercise.name for exercise in config.catalogue)
        raise UsageError(f"unknown exercise {', '.join(map(repr, unknown))}; valid names: {valid}")
    return tuple(e for name in dict.fromkeys(names) if (e := config.exercise(name)) is not None)


def impl_folder(value: str) -> Path:
    folder = Path(value).resolve()
    if not folder.is_dir():
        raise UsageError(f"--impl {value}: no such folder; give a folder of exercise modules")
    return folder


def grade(config: Config, exercise: Exercise, impl_dir: Path) -> ExerciseGrade:
    """Grade one exercise: its tests in their own process, the review beside them."""
    module = impl_dir / exercise.module_file
    if not module.is_file():
        run = RunResult(
            (), f"there is no {exercise.module_file} in {display_path(impl_dir, config.root)}"
        )
        return score_exercise(
            exercise.name, exercise.title, run, (), config.weights, config.pass_mark
        )
    findings = audit(module, (e.name for e in config.catalogue))
    if findings:
        more = f" (and {len(findings) - 1} more)" if len(findings) > 1 else ""
        run = RunResult((), f"refused, not run: {findings[0]}{more}", refused=True)
        return score_exercise(
            exercise.name, exercise.title, run, (), config.weights, config.pass_mark
        )
    with (
        tempfile.TemporaryDirectory(prefix=f"kata-{exercise.name}-") as scratch,
        ThreadPoolExecutor(max_workers=1) as pool,
    ):
        reviewed = pool.submit(review, module, config.root, config.root / CACHE / "mypy")
        run = run_tests(config, exercise, impl_dir, Path(scratch), config.root / CACHE)
        checks = reviewed.result()
    return score_exercise(
        exercise.name, exercise.title, run, checks, config.weights, config.pass_mark
    )


def display_path(path: Path, root: Path) -> str:
    try:
        return f"{path.relative_to(root)}/"
    except ValueError:
        return f"{path}/"


def write(path: Path | None, text: str) -> None:
    if path is not None:
        path.write_text(text, encoding="utf-8")
