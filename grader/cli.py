"""``python -m grader [NAME ...] [--impl DIR] [--json PATH] [--markdown PATH]``.

Exit status: 0 when every graded exercise reaches the pass mark, 1 when one does not, 2 when the
command itself is wrong (an unknown exercise, a missing folder, a broken configuration). Every
error is one line that says what to do; the learner's files are only read.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from grader.config import Config, ConfigError, Exercise, load_config
from grader.integrity import check_integrity
from grader.pipeline import Interrupted, Options, display_path, grade_many
from grader.progress import Progress
from grader.report import (
    Report,
    render_gradescope,
    render_json,
    render_markdown,
    render_terminal,
)
from grader.score import ExerciseGrade
from grader.timeline import note_grades, time_left

USAGE_ERROR = 2
INTERRUPTED = 130  # the shell's code for Ctrl-C


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
    parser.add_argument(
        "--hidden",
        metavar="DIR",
        help="add a pack of hidden tests (default: [tool.kata] hidden, if set)",
    )
    parser.add_argument(
        "--jobs",
        type=positive_int,
        default=None,
        metavar="N",
        help="test processes at once (default: twice the number of cores, and at least as many"
        " as one exercise runs side by side)",
    )
    parser.add_argument("--root", type=Path, default=Path.cwd(), help=argparse.SUPPRESS)
    # The self-test's mutants: end each run at its first failed test in this category.
    parser.add_argument(
        "--stop-after", choices=["correctness", "performance"], help=argparse.SUPPRESS
    )
    return parser


def positive_int(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, got {value!r}")
    return int(value)


def main(argv: Sequence[str] | None = None) -> int:
    # A failure message may quote a learner's string with a lone surrogate ("\ud800"): print it
    # escaped rather than crash with UnicodeEncodeError after everything was graded.
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="backslashreplace")
    try:
        args = build_parser().parse_args(argv)
        config = load_config(args.root.resolve())
        exercises = select(config, args.names)
        impl_dir = impl_folder(args.impl)
        hidden = hidden_folder(args.hidden) if args.hidden else config.hidden
        outputs = {
            args.json: render_json,
            args.markdown: render_markdown,
            args.output if args.format == "gradescope" else None: render_gradescope,
        }
        check_writable([path for path in outputs if path is not None])
    except (UsageError, ConfigError) as error:
        print(f"error: {error}", file=sys.stderr)
        return USAGE_ERROR
    options = Options(jobs=args.jobs, stop_after=args.stop_after, hidden=hidden)
    interrupted = False
    try:
        grades = grade_many(config, exercises, impl_dir, options)
    except Interrupted as stop:
        grades, interrupted = stop.finished, True
    except KeyboardInterrupt:  # before any test process started
        grades, interrupted = (), True
    learner = impl_dir == config.root / "exercises"
    if learner:
        record_results(config, grades)
        note_grades(config, grades)
    report = Report(
        grades,
        impl=display_path(impl_dir, config.root),
        pass_mark=config.pass_mark,
        integrity=check_integrity(config.root, hidden),
        hints=hints_used(config, grades) if learner else {},
        learner=learner,
    )
    print(render_terminal(report), end="")
    clock = time_left(config.root) if learner else None
    if clock:
        print(clock)
    if interrupted:
        left = [e.name for e in exercises if e.name not in {g.name for g in grades}]
        print(f"interrupted: not graded: {', '.join(left) or 'none'}", file=sys.stderr)
        return INTERRUPTED
    try:
        for path, render in outputs.items():
            if path is not None:
                path.write_text(render(report), encoding="utf-8", errors="backslashreplace")
    except OSError as error:
        print(f"error: cannot write the report: {error}", file=sys.stderr)
        return USAGE_ERROR
    return 0 if report.passed else 1


def check_writable(paths: Sequence[Path]) -> None:
    """Refuse, before grading, a report path that could not be written afterwards."""
    for path in paths:
        folder = path.resolve().parent
        if path.is_dir():
            raise UsageError(f"{path} is a folder; give a file name for the report")
        if not folder.is_dir():
            raise UsageError(f"{path}: the folder {folder} does not exist; create it first")
        if not os.access(folder, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
            raise UsageError(f"{path}: not writable; choose another path")


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


def hidden_folder(value: str) -> Path:
    folder = Path(value).resolve()
    if not folder.is_dir():
        raise UsageError(f"--hidden {value}: no such folder; give the folder of a hidden pack")
    return folder


def impl_folder(value: str) -> Path:
    folder = Path(value).resolve()
    if not folder.is_dir():
        raise UsageError(f"--impl {value}: no such folder; give a folder of exercise modules")
    return folder
