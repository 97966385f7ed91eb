"""``python -m grader.interview NAME ... --minutes M`` and ``--finish``: a timed interview.

Starting records the exercises, the time allowed and the start time in ``.kata/interview.json``.
While it runs, every grade of ``exercises/`` copies the candidate's modules into
``.kata/interview/snapshots/`` and adds the grade to a timeline; ``grade`` and ``watch`` show the
time left. ``--finish`` writes ``.kata/interview/report.md`` (and ``report.json``): the elapsed
time, the final grade, when each category was first earned, and every grade after the time
allowed marked late. It only ever writes under ``.kata/``: the candidate's files are read, never
changed or deleted. It works the same in an exported copy.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from grader.cli import USAGE_ERROR, OneLineParser, UsageError, select
from grader.config import CATEGORIES, Config, ConfigError, load_config
from grader.timeline import FOLDER, load_state, save_state


def start(config: Config, names: Sequence[str], minutes: float) -> str:
    if load_state(config.root) is not None:
        raise UsageError("an interview is running already; finish it first (--finish)")
    if not names:
        raise UsageError("name the exercises of the interview, e.g. retry lru_cache")
    if minutes <= 0:
        raise UsageError("--minutes must be more than 0")
    exercises = [e.name for e in select(config, names)]
    save_state(
        config.root,
        {"exercises": exercises, "minutes": minutes, "started_at": time.time(), "timeline": []},
    )
    ends = time.strftime("%H:%M", time.localtime(time.time() + 60 * minutes))
    return (
        f"Interview started: {', '.join(exercises)}, {minutes:g} minutes (until {ends}).\n"
        f"Grade with nox -s grade (each grade is kept); finish with nox -s interview -- --finish\n"
    )


def finish(config: Config) -> str:
    state = load_state(config.root)
    if state is None:
        raise UsageError("no interview is running; start one with NAME ... --minutes M")
    now = time.time()
    state["finished_at"] = now
    report = render_report(state, now)
    folder = config.root / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "report.md").write_text(report, encoding="utf-8")
    (folder / "report.json").write_text(json.dumps(state, indent=2), encoding="utf-8")
    save_state(config.root, state)
    return report + f"\nWritten to {FOLDER / 'report.md'} and report.json.\n"


def render_report(state: dict[str, Any], now: float) -> str:
    """The interview in Markdown: elapsed time, final grade, first times, the timeline."""
    elapsed = (now - state["started_at"]) / 60
    timeline = state["timeline"]
    lines = [
        "# Interview report",
        "",
        f"- exercises: {', '.join(state['exercises'])}",
        f"- time allowed: {state['minutes']:g} min; elapsed: {elapsed:.1f} min",
        f"- grades recorded: {len(timeline)} ({sum(e['late'] for e in timeline)} late)",
        "",
        "## Final grade",
        "",
    ]
    if not timeline:
        lines.append("No grade was recorded during the interview.")
    else:
        last = timeline[-1]
        late = " (late)" if last["late"] else ""
        for name, scores in last["grades"].items():
            lines.append(f"- {name}: {scores['total']:g}/100{late}")
    lines += ["", "## First earned", ""]
    for name in state["exercises"]:
        for category in CATEGORIES:
            first = next(
                (e for e in timeline if e["grades"].get(name, {}).get(category, 0) > 0), None
            )
            when = f"{first['elapsed_minutes']:.1f} min" if first else "never"
            mark = " (late)" if first and first["late"] else ""
            lines.append(f"- {name} {category}: {when}{mark}")
    lines += ["", "## Timeline", "", "| # | minute | late | " + " | ".join(state["exercises"])]
    lines.append("|---|---|---|" + "---|" * len(state["exercises"]))
    for number, entry in enumerate(timeline, 1):
        cells = [f"{entry['grades'].get(n, {}).get('total', 0):g}" for n in state["exercises"]]
        late = "late" if entry["late"] else ""
        lines.append(
            f"| {number} | {entry['elapsed_minutes']:.1f} | {late} | {' | '.join(cells)} |"
        )
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = OneLineParser(prog="nox -s interview --", description="Run a timed interview.")
    parser.add_argument("names", nargs="*", metavar="NAME", help="the interview's exercises")
    parser.add_argument("--minutes", type=float, metavar="M", help="the time allowed")
    parser.add_argument("--finish", action="store_true", help="end it and write the report")
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="the repository (default: .)")
    try:
        args = parser.parse_args(argv)
        config = load_config(args.root.resolve())
        if args.finish:
            if args.names or args.minutes is not None:
                raise UsageError("--finish takes no exercise names and no --minutes")
            print(finish(config), end="")
        else:
            if args.minutes is None:
                raise UsageError("give the time allowed: --minutes M (or --finish to end it)")
            print(start(config, args.names, args.minutes), end="")
    except (UsageError, ConfigError) as error:
        print(f"error: {error}", file=sys.stderr)
        return USAGE_ERROR
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
