"""The rubric: turn test outcomes and the readability review into points per category.

- correctness: its weight times the share its kind makes of the correctness outcomes (for an
  ``implement`` exercise, the share of correctness tests passed; see :mod:`grader.kinds`);
- performance: its weight times the share of timing tests passed, awarded only once the kind
  says the correctness outcomes allow it (every correctness test passes: a fast wrong answer
  is worth nothing); an exercise without timing tests has nothing to lose here;
- readability: its weight times the review's earned shares (see :mod:`grader.review`).

An exercise that earns no correctness share scores 0 in every category.
"""

from __future__ import annotations

from dataclasses import dataclass

from grader.collect import Outcome, RunResult
from grader.config import Exercise
from grader.review import ReviewCheck

NOTHING_PASSED = "no correctness test passed, so no category scores"
REFUSED = "the module was refused before it ran, so no category scores"
NOT_STARTED = "not started, so no category scores"


@dataclass(frozen=True)
class Check:
    """One line of the report: a test or a review tool, and why it failed."""

    name: str
    passed: bool
    message: str = ""


@dataclass(frozen=True)
class CategoryScore:
    """Points earned in one category, with the checks behind them."""

    score: float
    max_score: float
    checks: tuple[Check, ...]
    note: str = ""


@dataclass(frozen=True)
class ExerciseGrade:
    """The graded exercise: a score per category, and the reason a run broke off, if it did."""

    name: str
    title: str
    categories: dict[str, CategoryScore]
    pass_mark: float
    problem: str | None = None
    refused: bool = False
    not_started: bool = False
    kind: str = "implement"

    @property
    def score(self) -> float:
        return round(sum(category.score for category in self.categories.values()), 1)

    @property
    def max_score(self) -> float:
        return round(sum(category.max_score for category in self.categories.values()), 1)

    @property
    def passed(self) -> bool:
        return self.score >= self.pass_mark

    @property
    def fully_correct(self) -> bool:
        correctness = self.categories["correctness"]
        return correctness.score == correctness.max_score


def score_exercise(
    exercise: Exercise,
    run: RunResult,
    review: tuple[ReviewCheck, ...],
    weights: dict[str, float],
    pass_mark: float,
) -> ExerciseGrade:
    """Apply the rubric to one exercise, as its kind weighs the outcomes."""
    kind = exercise.kind
    correctness = [o for o in run.outcomes if o.category == "correctness"]
    performance = [o for o in run.outcomes if o.category == "performance"]
    share = kind.correctness_share(correctness)
    all_correct = kind.performance_counts(correctness)
    any_correct = share > 0

    correctness_checks = _checks(correctness)
    if not correctness and run.problem:
        correctness_checks = (Check("tests", False, run.problem),)
    readability_checks = tuple(Check(r.name, r.passed, r.message) for r in review)
    readability = sum(r.share * r.earned for r in review)
    categories = {
        "correctness": _category(weights["correctness"], share, correctness_checks),
        "performance": _category(
            weights["performance"],
            (_share(performance) if performance else 1.0) if all_correct else 0.0,
            _checks(performance),
            "" if all_correct else kind.performance_withheld,
        ),
        "readability": _category(weights["readability"], readability, readability_checks),
    }
    if not any_correct:
        why = REFUSED if run.refused else NOT_STARTED if run.not_started else NOTHING_PASSED
        categories = {
            key: CategoryScore(
                0.0, value.max_score, value.checks, why if key != "correctness" else ""
            )
            for key, value in categories.items()
        }
    return ExerciseGrade(
        exercise.name,
        exercise.title,
        categories,
        pass_mark,
        run.problem,
        run.refused,
        run.not_started,
        exercise.kind_name,
    )


def _checks(outcomes: list[Outcome]) -> tuple[Check, ...]:
    return tuple(Check(o.name, o.passed, o.message) for o in outcomes)


def _share(outcomes: list[Outcome]) -> float:
    return sum(o.passed for o in outcomes) / len(outcomes) if outcomes else 0.0


def _category(
    weight: float, share: float, checks: tuple[Check, ...], note: str = ""
) -> CategoryScore:
    return CategoryScore(round(weight * share, 1), weight, checks, note)
