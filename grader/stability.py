"""``python -m grader.stability [--runs N] [--impl DIR] [NAME ...]``: is a grade repeatable?

Grades the same code ``--runs`` times (default 20) with a CPU-bound process running beside it, as
on a busy machine, and lists every exercise whose score differs from the first run's. Exit status
0 when nothing differs, 1 otherwise, 2 on usage errors.
"""

from __future__ import annotations

import json
import multiprocessing
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from grader.cli import USAGE_ERROR, OneLineParser, UsageError


def burn() -> None:
    """Keep one core busy until terminated."""
    while True:
        pass


def grade_once(names: Sequence[str], impl: str, report: Path) -> dict[str, float]:
    command = [sys.executable, "-m", "grader", *names, "--impl", impl, "--json", str(report)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode == USAGE_ERROR or not report.exists():
        raise UsageError(done.stderr.strip().removeprefix("error: ") or done.stdout[-300:])
    data = json.loads(report.read_text())
    return {exercise["name"]: exercise["score"] for exercise in data["exercises"]}


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
            first: dict[str, float] = {}
            for run in range(1, runs + 1):
                scores = grade_once(names, impl, Path(scratch) / f"run{run}.json")
                first = first or scores
                changed = {name: s for name, s in scores.items() if s != first.get(name)}
                differences += len(changed)
                shown = ", ".join(f"{name} {score:g}" for name, score in scores.items())
                flag = f"  DIFFERS: {changed}" if changed else ""
                print(f"run {run:2d}/{runs}: {shown}{flag}", flush=True)
    finally:
        load.terminate()
    print(f"{differences} differences in {runs} runs with a CPU-bound process beside them")
    return 1 if differences else 0


if __name__ == "__main__":
    sys.exit(main())
