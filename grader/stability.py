"""``python -m grader.stability [--runs N] [--impl DIR] [NAME ...]``: is a grade repeatable?

Grades the same code ``--runs`` times (default 20) with a CPU-bound process running beside it, as
on a busy machine, and lists every exercise whose score differs from the first run's. Exit status
0 when nothing differs, 1 otherwise, 2 on usage errors. A difference names the checks that moved.
"""

from __future__ import annotations

import json
import multiprocessing
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from grader.cli import USAGE_ERROR, OneLineParser, UsageError


def burn() -> None:
    """Keep one core busy until terminated."""
    while True:
        pass


def grade_once(names: Sequence[str], impl: str, report: Path) -> dict[str, Any]:
    """Grade once; each exercise's JSON report, by name."""
    command = [sys.executable, "-m", "grader", *names, "--impl", impl, "--json", str(report)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode == USAGE_ERROR or not report.exists():
        raise UsageError(done.stderr.strip().removeprefix("error: ") or done.stdout[-300:])
    data = json.loads(report.read_text())
    return {exercise["name"]: exercise for exercise in data["exercises"]}


def failed_checks(exercise: dict[str, Any]) -> list[str]:
    """``category: check`` for every check the exercise failed, to say what moved."""
    return [
        f"{name}: {check['name']}"
        for name, category in exercise["categories"].items()
        for check in category["checks"]
        if not check["passed"]
    ]


def main(argv: Sequence[str] | None = None) -> int:
    parser = OneLineParser(prog="nox -s stability --", description=__doc__)
    parser.add_argument("names", nargs="*", metavar="NAME", help="exercises (default: all)")
    parser.add_argument("--runs", type=int, default=20, help="how many times to grade (20)")
    parser.add_argument("--impl", default="solutions", help="folder to grade (solutions)")
    try:
        args = parser.parse_args(argv)
        return measure(args.names, args.impl, args.runs)
    except UsageError as error:
        print(f"error: {error}", file=sys.stderr)
        return USAGE_ERROR


def measure(names: Sequence[str], impl: str, runs: int) -> int:
    """Grade ``runs`` times beside a CPU-bound process; return 1 if any score moved."""
    load = multiprocessing.Process(target=burn, daemon=True)
    load.start()
    differences = 0
    try:
        with tempfile.TemporaryDirectory() as scratch:
            first: dict[str, Any] = {}
            for run in range(1, runs + 1):
                graded = grade_once(names, impl, Path(scratch) / f"run{run}.json")
                first = first or graded
                changed = [n for n, e in graded.items() if e["score"] != first[n]["score"]]
                differences += len(changed)
                shown = ", ".join(f"{name} {e['score']:g}" for name, e in graded.items())
                print(f"run {run:2d}/{runs}: {shown}", flush=True)
                for name in changed:  # what moved, against the first run
                    now, then = set(failed_checks(graded[name])), set(failed_checks(first[name]))
                    moved = [f"fails {c}" for c in sorted(now - then)]
                    moved += [f"passes {c}" for c in sorted(then - now)]
                    print(f"  DIFFERS: {name} {graded[name]['score']:g}: {'; '.join(moved)}")
    finally:
        load.terminate()
    print(f"{differences} differences in {runs} runs with a CPU-bound process beside them")
    return 1 if differences else 0


if __name__ == "__main__":
    sys.exit(main())
