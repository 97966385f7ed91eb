"""Grade exercises: audit, then tests and review side by side, then the rubric. Several at once.

Each exercise's tests run in pytest processes of their own (:mod:`grader.collect`: correctness
and timing side by side), up to ``jobs`` processes at a time across the whole grade, so isolation
and limits are exactly those of grading one by one.
The readability review of every module runs once for the whole batch, beside the tests: one
ruff and one mypy process rather than one per exercise. An untouched stub (every function still
``raise NotImplementedError``) is not run at all and reads "not started". What the learner
writes, how its tests run and what each category means are the exercise's kind's to say
(:mod:`grader.kinds`).
"""

from __future__ import annotations

import os
import tempfile
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from grader.audit import audit
from grader.collect import RunResult, kill_running
from grader.config import Config, Exercise
from grader.kinds import Run
from grader.review import ReviewCheck, review_many
from grader.score import ExerciseGrade, score_exercise

CACHE = Path(".kata") / "cache"


@dataclass(frozen=True)
class Options:
    """How to grade: how many test processes at once, and where a self-test may stop early."""

    # Test processes at once. None: twice the cores, as many tests wait (sleeps, timeouts,
    # threads) rather than compute, and never fewer than one exercise runs side by side.
    jobs: int | None = None
    stop_after: str | None = None  # a category: end a run at its first failed test, unreviewed
    review: bool = True  # False: no readability review (a self-test asks only about the tests)
    on_event: Callable[[str, dict[str, Any]], None] | None = None  # (exercise, event) as written
    hidden: Path | None = None  # a lead's pack of hidden tests, added to each exercise's own


class Interrupted(Exception):
    """Ctrl-C: the grades that had finished, in catalogue order."""

    def __init__(self, finished: tuple[ExerciseGrade, ...]) -> None:
        super().__init__("interrupted")
        self.finished = finished


def grade_many(
    config: Config,
    exercises: Sequence[Exercise],
    impl_dir: Path,
    options: Options = Options(),
    on_grade: Callable[[ExerciseGrade], None] | None = None,
) -> tuple[ExerciseGrade, ...]:
    """Grade ``exercises`` from ``impl_dir``; ``on_grade`` hears of each as it finishes."""
    done: dict[str, ExerciseGrade] = {}
    runnable: list[Exercise] = []
    for exercise in exercises:
        early = _before_running(config, exercise, impl_dir)
        if early is None:
            runnable.append(exercise)
        else:
            done[exercise.name] = early
    modules = [impl_dir / exercise.module_file for exercise in runnable]
    cache = config.root / CACHE
    slots = threading.BoundedSemaphore(processes_at_once(options, runnable))  # in every kind
    with (
        tempfile.TemporaryDirectory(prefix="kata-") as scratch,
        ThreadPoolExecutor(max_workers=len(runnable) + 1) as pool,
    ):
        # A self-test run that stops early asks only whether a category loses points.
        to_review = modules if options.review and not options.stop_after else []
        reviewed = pool.submit(review_many, to_review, config.root, cache / "mypy")
        runs: dict[Future[RunResult], Exercise] = {}
        for exercise in runnable:
            workdir = Path(scratch) / exercise.name
            workdir.mkdir()
            follow = options.on_event
            run = Run(
                config,
                exercise,
                impl_dir,
                workdir,
                cache,
                options.stop_after,
                None if follow is None else partial(follow, exercise.name),
                options.hidden,
                slots,
            )
            future = pool.submit(exercise.kind.run, run)
            runs[future] = exercise
        try:
            pending = set(runs)
            while pending:
                finished, pending = wait(pending, return_when=FIRST_COMPLETED)
                checks = reviewed.result()
                for future in finished:
                    exercise = runs[future]
                    module = impl_dir / exercise.module_file
                    graded = _score(config, exercise, future.result(), checks.get(module, ()))
                    done[exercise.name] = graded
                    if on_grade is not None:
                        on_grade(graded)
        except KeyboardInterrupt:
            kill_running()
            pool.shutdown(wait=True, cancel_futures=True)
            raise Interrupted(_in_order(exercises, done)) from None
    return _in_order(exercises, done)


def grade(
    config: Config, exercise: Exercise, impl_dir: Path, options: Options = Options(jobs=1)
) -> ExerciseGrade:
    """Grade one exercise."""
    return grade_many(config, [exercise], impl_dir, options)[0]


def processes_at_once(options: Options, exercises: Sequence[Exercise]) -> int:
    """Test processes at once: as asked, or twice the cores but never fewer than one exercise's."""
    if options.jobs is not None:
        return options.jobs
    return max([2 * max(1, os.cpu_count() or 1), *(e.processes.total for e in exercises)])


def _in_order(
    exercises: Sequence[Exercise], done: dict[str, ExerciseGrade]
) -> tuple[ExerciseGrade, ...]:
    return tuple(done[e.name] for e in exercises if e.name in done)


def _before_running(config: Config, exercise: Exercise, impl_dir: Path) -> ExerciseGrade | None:
    """The grade of a module that is missing, refused or not started; None if it should run."""
    module = impl_dir / exercise.module_file
    if not module.is_file():
        where = display_path(impl_dir, config.root)
        return _score(config, exercise, RunResult((), f"there is no {module.name} in {where}"))
    findings = audit(
        module, (e.name for e in config.catalogue), exercise.name, exercise.kind.allowed_imports
    )
    if findings:
        more = f" (and {len(findings) - 1} more)" if len(findings) > 1 else ""
        refusal = f"refused, not run: {findings[0]}{more}"
        return _score(config, exercise, RunResult((), refusal, refused=True))
    untouched = exercise.kind.not_started(config.root, exercise, module)
    if untouched is not None:
        return _score(config, exercise, RunResult((), untouched, not_started=True))
    return None


def _score(
    config: Config, exercise: Exercise, run: RunResult, checks: tuple[ReviewCheck, ...] = ()
) -> ExerciseGrade:
    return score_exercise(exercise, run, checks, config.weights, config.pass_mark)


def display_path(path: Path, root: Path) -> str:
    try:
        return f"{path.relative_to(root)}/"
    except ValueError:
        return f"{path}/"
