"""``python -m grader.watch [NAME ...]``: re-grade an exercise the moment its file is saved.

The file system tells it of a save (watchfiles: inotify, FSEvents or ReadDirectoryChangesW, with
no polling), and the result streams in as the tests run: the first failing check as soon as it
fails, the correctness verdict once the last correctness test is done, then the whole grade with
the timing tests. A save with a syntax error shows as a failed import, and the watch goes on.
Ctrl-C quits.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from watchfiles import watch as file_changes

from grader.cli import USAGE_ERROR, OneLineParser, UsageError, record_results, select
from grader.collect import short_name
from grader.config import ConfigError, Exercise, load_config
from grader.pipeline import Options, grade
from grader.report import render_compact
from grader.timeline import note_grades, time_left

DEBOUNCE_MS = 50  # an editor's save is often several writes in a row


class Stream:
    """Prints one exercise's run as it happens: first failure, then the correctness verdict."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.correctness: set[str] = set()
        self.results: dict[str, bool] = {}
        self.failure_shown = False
        self.lock = threading.Lock()  # an exercise's processes report from threads of their own

    def __call__(self, name: str, event: dict[str, Any]) -> None:
        with self.lock:
            self.hear(event)

    def hear(self, event: dict[str, Any]) -> None:
        kind = event.get("event")
        if kind == "collected":
            tests = event.get("tests", [])
            # Every process of an exercise announces every test.
            self.correctness |= {t["id"] for t in tests if t.get("category") == "correctness"}
        elif kind == "collect_error" and not self.failure_shown:
            self.failure_shown = True
            lines = str(event.get("message", "")).splitlines() or ["no details"]
            say(f"  x cannot import it: {lines[-1]}")
        elif kind == "result" and event.get("id") in self.correctness:
            passed = bool(event.get("passed"))
            self.results[event["id"]] = passed
            if not passed and not self.failure_shown:
                self.failure_shown = True
                first = str(event.get("message", "")).splitlines()[:1]
                say(f"  x {short_name(event['id'])}: {first[0] if first else 'failed'}")
            if set(self.results) == self.correctness:
                passed_count = sum(self.results.values())
                verdict = "all pass" if passed_count == len(self.correctness) else "not yet"
                say(
                    f"  correctness: {passed_count}/{len(self.correctness)} tests pass "
                    f"({verdict}); timing and review follow"
                )


def say(text: str) -> None:
    print(text, flush=True)


def saves(folder: Path, names: set[str], stop: threading.Event) -> Iterator[set[str]]:
    """The exercises saved in ``folder``, a batch per save, until ``stop`` is set."""
    for changes in file_changes(folder, debounce=DEBOUNCE_MS, stop_event=stop):
        saved = {Path(path).stem for _, path in changes if Path(path).suffix == ".py"}
        if saved & names:
            yield saved & names


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
        exercises: dict[str, Exercise] = {e.name: e for e in select(config, args.names)}
    except (UsageError, ConfigError) as error:
        print(f"error: {error}", file=sys.stderr)
        return USAGE_ERROR
    folder = config.root / "exercises"
    watched = ", ".join(f"exercises/{name}.py" for name in exercises)
    say(f"Watching {watched}.\nSave a file to grade it; press Ctrl-C to quit.")
    runs = 0
    stop = threading.Event()
    try:
        if args.runs == 0:
            return 0
        for saved in saves(folder, set(exercises), stop):
            for name in sorted(saved):
                say(f"\n{name}: saved, grading...")
                stream = Stream(name)
                graded = grade(config, exercises[name], folder, Options(on_event=stream))
                record_results(config, (graded,))
                note_grades(config, (graded,))
                print(render_compact(graded), end="", flush=True)
                clock = time_left(config.root)
                if clock:
                    say(clock)
                runs += 1
            if args.runs is not None and runs >= args.runs:
                break
    except KeyboardInterrupt:
        say("\nStopped watching.")
    finally:
        stop.set()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
