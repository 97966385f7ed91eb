"""``python -m grader.batch SUBMISSIONS [NAME ...] [--out DIR] [--jobs N] [--hidden DIR]``.

Grades every submission folder in ``SUBMISSIONS`` (one per candidate, holding their exercise
modules), ``--jobs`` candidates at a time (default: the number of cores), each exercise in its
own test process exactly as ``nox -s grade`` does, so a batch grade equals a single one and a
broken or hostile submission costs only its own grade. It writes ``DIR/<candidate>.json`` for
each (skipping candidates already graded unless ``--force``), then ``DIR/scoreboard.md`` and
``DIR/scoreboard.csv``: everyone's scores, and each check's pass rate across candidates, the
checks most of them fail first.
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from grader.cli import (
    INTERRUPTED,
    USAGE_ERROR,
    OneLineParser,
    UsageError,
    hidden_folder,
    positive_int,
    select,
)
from grader.collect import kill_running
from grader.config import ConfigError, load_config
from grader.integrity import check_integrity
from grader.pipeline import Interrupted, Options, display_path, grade_many
from grader.report import Report, render_json
from grader.scoreboard import read_report, render_csv, render_markdown, table


def build_parser() -> OneLineParser:
    parser = OneLineParser(prog="nox -s batch --", description="Grade every submission folder.")
    parser.add_argument("submissions", type=Path, metavar="SUBMISSIONS")
    parser.add_argument("names", nargs="*", metavar="NAME", help="exercises (default: all)")
    parser.add_argument("--out", type=Path, default=Path("reports"), metavar="DIR")
    parser.add_argument("--jobs", type=positive_int, default=max(1, os.cpu_count() or 1))
    parser.add_argument("--hidden", metavar="DIR", help="a pack of hidden tests")
    parser.add_argument("--force", action="store_true", help="grade again those already graded")
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="the repository (default: .)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)
        config = load_config(args.root.resolve())
        exercises = select(config, args.names)
        candidates = submission_folders(args.submissions)
        hidden = hidden_folder(args.hidden) if args.hidden else config.hidden
        out = prepare_output(args.out)
    except (UsageError, ConfigError) as error:
        print(f"error: {error}", file=sys.stderr)
        return USAGE_ERROR
    todo = [c for c in candidates if args.force or not (out / f"{c.name}.json").exists()]
    skipped = len(candidates) - len(todo)
    print(f"Grading {len(todo)} of {len(candidates)} submissions ({skipped} already graded).")

    stopping = threading.Event()

    def grade_one(folder: Path) -> None:
        if stopping.is_set():
            return
        options = Options(jobs=1, hidden=hidden)
        grades = grade_many(config, exercises, folder.resolve(), options)
        if stopping.is_set():
            return  # its test processes were killed: no report rather than a wrong one
        report = Report(
            grades,
            impl=display_path(folder.resolve(), config.root),
            pass_mark=config.pass_mark,
            integrity=check_integrity(config.root, hidden),
        )
        (out / f"{folder.name}.json").write_text(render_json(report), encoding="utf-8")
        print(f"  {folder.name}: {report.score:g}/{report.max_score:g}", flush=True)

    pool = ThreadPoolExecutor(max_workers=args.jobs)
    try:
        for _ in pool.map(grade_one, todo):
            pass
    except (Interrupted, KeyboardInterrupt):
        stopping.set()
        kill_running()
        pool.shutdown(wait=True, cancel_futures=True)
        print("interrupted: the reports written so far are kept", file=sys.stderr)
        return INTERRUPTED
    pool.shutdown()
    reports = [read_report(out / f"{c.name}.json") for c in candidates]
    write_scoreboard(out, reports)
    print(f"Wrote {len(candidates)} reports and {out / 'scoreboard.md'} (and .csv).")
    return 0


def submission_folders(submissions: Path) -> list[Path]:
    if not submissions.is_dir():
        raise UsageError(f"{submissions}: no such folder; give a folder of submission folders")
    folders = sorted(p for p in submissions.iterdir() if p.is_dir() and not p.name.startswith("."))
    if not folders:
        raise UsageError(f"{submissions} holds no submission folders (one per candidate)")
    return folders


def prepare_output(out: Path) -> Path:
    if out.exists() and not out.is_dir():
        raise UsageError(f"--out {out}: a file is in the way; give a folder")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise UsageError(f"--out {out}: cannot create it ({error.strerror})") from None
    if not os.access(out, os.W_OK):
        raise UsageError(f"--out {out}: not writable; choose another folder")
    return out


def pass_rates(reports: Sequence[dict[str, Any]]) -> list[tuple[str, int, int]]:
    """(exercise / category / check, passed, out of), the least passed first.

    Every candidate counts: one whose module was missing, refused or broken passed none of it.
    """
    passed: dict[str, int] = {}
    for report in reports:
        for exercise in report["exercises"]:
            for category, scored in exercise["categories"].items():
                for check in scored["checks"]:
                    key = f"{exercise['name']} / {category} / {check['name']}"
                    passed[key] = passed.get(key, 0) + bool(check["passed"])
    rows = [(key, count, len(reports)) for key, count in passed.items()]
    return sorted(rows, key=lambda row: (row[1], row[0]))


def write_scoreboard(out: Path, reports: Sequence[dict[str, Any]]) -> None:
    rows = table(reports)
    rates = pass_rates(reports)
    lines = ["# Scoreboard", "", render_markdown(rows), "## Checks by pass rate", ""]
    lines += ["| check | passed | rate |", "|---|---|---|"]
    lines += [f"| {key} | {p}/{t} | {p / t:.0%} |" for key, p, t in rates]
    (out / "scoreboard.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (out / "scoreboard.csv").write_text(render_csv(rows), encoding="utf-8")


if __name__ == "__main__":
    raise SystemExit(main())
