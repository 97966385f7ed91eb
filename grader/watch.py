"""``python -m grader.watch [NAME ...]``: re-grade an exercise each time its file is saved.

It polls the modification times of the exercise modules twice a second: for a handful of files
that costs nothing and needs no dependency. Each save grades the exercise that changed and
prints one compact result. A save with a syntax error shows as a failed import, and the watch
goes on. Ctrl-C quits.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Sequence
from pathlib import Path

from grader.cli import USAGE_ERROR, OneLineParser, UsageError, record_results, select
from grader.config import Config, ConfigError, Exercise, load_config
from grader.pipeline import grade
from grader.report import render_compact

POLL_SECONDS = 0.5


def modified(config: Config, exercises: Sequence[Exercise]) -> dict[str, float]:
    """Each exercise module's modification time (0 when the file is missing)."""
    times = {}
    for exercise in exercises:
        path = config.root / "exercises" / exercise.module_file
        times[exercise.name] = path.stat().st_mtime if path.exists() else 0.0
    return times


def main(argv: Sequence[str] | None = None) -> int:
    parser = OneLineParser(prog="nox -s watch --", description="Re-grade exercises as you save.")
    parser.add_argument(
        "names", nargs="*", metavar="NAME", help="exercises to watch (default: all)"
    )
    parser.add_argument("--runs", type=int, metavar="N", help="stop after N gradings (for scripts)")
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="the repository (default: .)")
    try:
        args = parser.parse_args(argv)
        config = load_config(args.root.resolve())
        exercises = {e.name: e for e in select(config, args.names)}
    except (UsageError, ConfigError) as error:
        print(f"error: {error}", file=sys.stderr)
        return USAGE_ERROR
    watched = ", ".join(f"exercises/{name}.py" for name in exercises)
    print(f"Watching {watched}.\nSave a file to grade it; press Ctrl-C to quit.", flush=True)
    seen = modified(config, list(exercises.values()))
    runs = 0
    try:
        while args.runs is None or runs < args.runs:
            time.sleep(POLL_SECONDS)
            now = modified(config, list(exercises.values()))
            for name in [name for name in now if now[name] != seen[name]]:
                graded = grade(config, exercises[name], config.root / "exercises")
                record_results(config, (graded,))
                print(render_compact(graded), end="", flush=True)
                runs += 1
            seen = now
    except KeyboardInterrupt:
        print("\nStopped watching.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
