"""``python -m grader.scoreboard REPORT.json ... [--csv]``: everyone's scores in one table.

For batch grading: grade each submission folder with ``--json``, then put the reports side by
side, one row per submission (named after its folder), a column per exercise, Markdown or CSV.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from grader.cli import USAGE_ERROR, OneLineParser, UsageError


def read_report(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UsageError(f"{path}: no such report; write one with --json PATH") from None
    except ValueError:
        raise UsageError(f"{path}: not a JSON report of the grader") from None
    if not isinstance(data, dict) or not isinstance(data.get("exercises"), list):
        raise UsageError(f"{path}: not a JSON report of the grader")
    return data


def table(reports: Sequence[dict[str, Any]]) -> list[list[str]]:
    """A header row, then one row per report: submission, each exercise's total, the total."""
    exercises = list(dict.fromkeys(e["name"] for r in reports for e in r["exercises"]))
    rows = [["submission", *exercises, "total", "passed"]]
    for report in reports:
        scores = {e["name"]: e for e in report["exercises"]}
        cells = [f"{scores[name]['score']:g}" if name in scores else "" for name in exercises]
        name = Path(str(report.get("impl", "?")).rstrip("/")).name
        total = f"{report['score']:g}/{report['max_score']:g}"
        rows.append([name, *cells, total, "yes" if report.get("passed") else "no"])
    return rows


def render_markdown(rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(rows[0]) + " |", "|" + "---|" * len(rows[0])]
    lines += ["| " + " | ".join(row) + " |" for row in rows[1:]]
    return "\n".join(lines) + "\n"


def render_csv(rows: list[list[str]]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


def main(argv: Sequence[str] | None = None) -> int:
    parser = OneLineParser(prog="nox -s scoreboard --", description=__doc__)
    parser.add_argument("reports", nargs="+", type=Path, metavar="REPORT.json")
    parser.add_argument("--csv", action="store_true", help="write CSV instead of Markdown")
    try:
        args = parser.parse_args(argv)
        rows = table([read_report(path) for path in args.reports])
    except UsageError as error:
        print(f"error: {error}", file=sys.stderr)
        return USAGE_ERROR
    print(render_csv(rows) if args.csv else render_markdown(rows), end="")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
