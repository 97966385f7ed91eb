"""Render a grade three ways: a terminal table, JSON for tools, Markdown for CI summaries."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from grader.config import CATEGORIES
from grader.integrity import Integrity
from grader.kinds import DEFAULT, kind_named
from grader.score import CategoryScore, Check, ExerciseGrade

TERMINAL_MESSAGE_LINES = 20
NAMES_SHOWN = 4


@dataclass(frozen=True)
class Report:
    """The grades of one run, and what was graded."""

    grades: tuple[ExerciseGrade, ...]
    impl: str
    pass_mark: float
    integrity: Integrity | None = None
    hints: dict[str, tuple[int, int]] = field(default_factory=dict)  # name: (used, available)
    learner: bool = False  # the learner's own folder was graded: point to the references

    @property
    def score(self) -> float:
        return round(sum(grade.score for grade in self.grades), 1)

    @property
    def max_score(self) -> float:
        return round(sum(grade.max_score for grade in self.grades), 1)

    @property
    def passed(self) -> bool:
        return all(grade.passed for grade in self.grades)


def points(value: float) -> str:
    """Format points without a needless ``.0``."""
    return f"{value:g}"


def fraction(score: float, max_score: float) -> str:
    return f"{points(score)}/{points(max_score)}"


def verdict(grade: ExerciseGrade) -> str:
    if grade.refused:
        return "refused"
    if grade.not_started:
        return "not started"
    return "pass" if grade.passed else "below pass mark"


def provenance(integrity: Integrity | None) -> list[str]:
    """Say what the grade was given under: the fingerprints, and any edit to tests or rubric."""
    if integrity is None:
        return []
    mark = "!" if integrity.changes else " "
    tools = ", ".join(f"{name} {version}" for name, version in integrity.tools.items())
    pack = f", hidden pack sha256 {integrity.hidden_sha256[:16]}" if integrity.hidden_sha256 else ""
    return [
        f"tests sha256 {integrity.tests_sha256[:16]}, rubric sha256 {integrity.config_sha256[:16]}"
        + pack,
        f"{mark} {integrity.summary}",
        *([f"  graded with {tools}"] if tools else []),
    ]


# --- Terminal -----------------------------------------------------------------------------------


def render_terminal(report: Report) -> str:
    """A table of scores, then every lost point with its reason."""
    header = ["exercise", *CATEGORIES, "total", ""]
    rows = [
        [
            grade.name,
            *(
                fraction(grade.categories[c].score, grade.categories[c].max_score)
                for c in CATEGORIES
            ),
            fraction(grade.score, grade.max_score),
            verdict(grade),
        ]
        for grade in report.grades
    ]
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]

    def line(cells: list[str]) -> str:
        first = cells[0].ljust(widths[0])
        rest = [cell.rjust(width) for cell, width in zip(cells[1:-1], widths[1:-1], strict=True)]
        return "  ".join([first, *rest, cells[-1]]).rstrip()

    out = [f"Graded {report.impl} (pass mark {points(report.pass_mark)} per exercise)"]
    out += [*provenance(report.integrity), ""]
    out += [line(header), line(["-" * w for w in widths[:-1]] + [""])]
    out += [line(row) for row in rows]
    if len(rows) > 1:
        out.append(line(["total", "", "", "", fraction(report.score, report.max_score), ""]))
    if report.hints:
        used = ", ".join(f"{name} {n}/{of}" for name, (n, of) in report.hints.items())
        out += ["", f"hints used: {used}"]
    for grade in report.grades:
        out += _lost_points(grade)
    out += [
        f"\n{grade.name} passes every correctness test. Compare with one possible answer: "
        f"nox -s compare -- {grade.name}"
        for grade in report.grades
        if report.learner and grade.fully_correct
    ]
    return "\n".join(out) + "\n"


def render_compact(grade: ExerciseGrade) -> str:
    """One exercise in two lines at most, for ``watch``: the score, then the first lost point."""
    head = f"{grade.name}: {fraction(grade.score, grade.max_score)} ({verdict(grade)})"
    lost = next(
        (
            f"{name}: {check.name}: {check.message.splitlines()[0] if check.message else ''}"
            for name in CATEGORIES
            for check in grade.categories[name].checks
            if not check.passed
        ),
        grade.problem or "",
    )
    return head + (f"\n  first lost point: {lost[:200]}" if lost else "") + "\n"


def _lost_points(grade: ExerciseGrade) -> list[str]:
    if grade.score == grade.max_score:  # full marks may still come with a note
        return [f"\n{grade.name}: {grade.problem}"] if grade.problem else []
    if grade.not_started:  # one line, not a page of NotImplementedError
        return [f"{grade.name}: {grade.problem}"]
    out = ["", f"{grade.name}: {fraction(grade.score, grade.max_score)} ({verdict(grade)})"]
    kind = kind_named(grade.kind)
    if grade.kind != DEFAULT:
        out.append(f"  a {grade.kind} exercise: {kind.task}")
    if grade.problem:
        out.append(f"  ! {grade.problem}")
    for name in CATEGORIES:
        category = grade.categories[name]
        lost = category.max_score - category.score
        if lost <= 0:
            continue
        failed = [check for check in category.checks if not check.passed]
        summary = category.note or f"{len(failed)} of {len(category.checks)} checks failed"
        out.append(f"  {name} -{points(round(lost, 1))}: {summary}")
        if grade.kind != DEFAULT:
            out.append(f"    ({name} here: {kind.meaning[name]})")
        if category.note:
            continue
        for message_text, names in _group_by_message(failed):
            shown_names = ", ".join(names[:NAMES_SHOWN])
            if len(names) > NAMES_SHOWN:
                shown_names += f" and {len(names) - NAMES_SHOWN} more"
            out.append(f"    x {shown_names}")
            message = message_text.splitlines()
            shown = message[:TERMINAL_MESSAGE_LINES]
            if len(message) > TERMINAL_MESSAGE_LINES:
                shown.append(f"... ({len(message) - TERMINAL_MESSAGE_LINES} more lines in --json)")
            out += [f"        {text}" for text in shown]
    return out


def _group_by_message(checks: list[Check]) -> list[tuple[str, list[str]]]:
    """Failed checks that give the same reason, together: a stub reads as one line, not twenty."""
    groups: dict[str, list[str]] = {}
    for check in checks:
        groups.setdefault(check.message, []).append(check.name)
    return list(groups.items())


# --- JSON ---------------------------------------------------------------------------------------


def to_json(report: Report) -> dict[str, Any]:
    """The report as plain data: ``score``, ``max_score`` and ``exercises`` at the top level."""
    return {
        "score": report.score,
        "max_score": report.max_score,
        "passed": report.passed,
        "pass_mark": report.pass_mark,
        "impl": report.impl,
        "integrity": _integrity_json(report.integrity),
        "exercises": [
            {
                "name": grade.name,
                "title": grade.title,
                "kind": grade.kind,
                "score": grade.score,
                "max_score": grade.max_score,
                "passed": grade.passed,
                "refused": grade.refused,
                "not_started": grade.not_started,
                "problem": grade.problem,
                "hints_used": report.hints.get(grade.name, (0, 0))[0],
                "categories": {
                    name: {
                        **_category_json(grade.categories[name]),
                        "meaning": kind_named(grade.kind).meaning[name],
                    }
                    for name in CATEGORIES
                },
            }
            for grade in report.grades
        ],
    }


def _integrity_json(integrity: Integrity | None) -> dict[str, Any] | None:
    if integrity is None:
        return None
    return {
        "tests_sha256": integrity.tests_sha256,
        "config_sha256": integrity.config_sha256,
        "tools": integrity.tools,
        "hidden_sha256": integrity.hidden_sha256,
        "compared_with_git": integrity.git,
        "changes": list(integrity.changes),
    }


def _category_json(category: CategoryScore) -> dict[str, Any]:
    return {
        "score": category.score,
        "max_score": category.max_score,
        "note": category.note,
        "checks": [
            {"name": check.name, "passed": check.passed, "message": check.message}
            for check in category.checks
        ],
    }


def render_json(report: Report) -> str:
    return json.dumps(to_json(report), indent=2) + "\n"


# --- Gradescope ----------------------------------------------------------------------------------


def to_gradescope(report: Report) -> dict[str, Any]:
    """Gradescope's results.json: one test per exercise and category, with its points and why."""
    tests = []
    for grade in report.grades:
        for name in CATEGORIES:
            category = grade.categories[name]
            failed = [check for check in category.checks if not check.passed]
            lines = [category.note] if category.note else []
            lines += [f"x {check.name}: {check.message}" for check in failed[: NAMES_SHOWN * 5]]
            if grade.problem and name == "correctness":
                lines.insert(0, f"! {grade.problem}")
            tests.append(
                {
                    "name": f"{grade.name}: {name}",
                    "score": category.score,
                    "max_score": category.max_score,
                    "output": "\n".join(line for line in lines if line) or "all checks passed",
                }
            )
    return {
        "score": report.score,
        "max_score": report.max_score,
        "output": f"Graded {report.impl}; pass mark {points(report.pass_mark)} per exercise.",
        "tests": tests,
    }


def render_gradescope(report: Report) -> str:
    return json.dumps(to_gradescope(report), indent=2) + "\n"


# --- Markdown -----------------------------------------------------------------------------------


def render_markdown(report: Report) -> str:
    """A table and, per exercise below full marks, the lost points in a collapsed section."""
    out = [
        f"## Kata grade: {fraction(report.score, report.max_score)}",
        "",
        f"Graded `{report.impl}`; pass mark {points(report.pass_mark)} per exercise.",
        "",
        *(f"{line.strip()}  " for line in provenance(report.integrity)),
        "",
        "| exercise | " + " | ".join(CATEGORIES) + " | total | |",
        "|---|" + "---:|" * (len(CATEGORIES) + 1) + "---|",
    ]
    for grade in report.grades:
        cells = [
            fraction(grade.categories[c].score, grade.categories[c].max_score) for c in CATEGORIES
        ]
        total = fraction(grade.score, grade.max_score)
        mark = "⛔ refused" if grade.refused else "✅" if grade.passed else "❌"
        out.append(f"| {grade.name} | {' | '.join(cells)} | **{total}** | {mark} |")
    for grade in report.grades:
        lost = _lost_points(grade)
        if lost:
            out += [
                "",
                f"<details><summary>{grade.name}: where the points went</summary>",
                "",
                "```",
            ]
            out += lost[2:]
            out += ["```", "", "</details>"]
    return "\n".join(out) + "\n"
