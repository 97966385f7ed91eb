"""The learner's commands: ``hint``, ``list`` and ``compare`` (``python -m grader.learner``).

- ``hint NAME [--all]`` reveals the next hint of an exercise (or all of them) and remembers it;
- ``list`` shows every exercise with its title, difficulty, topics and last known result;
- ``compare NAME`` shows how the learner's module differs from the reference, once the module
  has passed every correctness test (the reference is "one possibility", not the answer).

Errors are one line with exit status 2, like the grader's.
"""

from __future__ import annotations

import difflib
import sys
from collections.abc import Sequence
from pathlib import Path

from grader.cli import USAGE_ERROR, OneLineParser, UsageError, select
from grader.config import Config, ConfigError, Exercise, load_config
from grader.progress import Progress


def main(argv: Sequence[str] | None = None) -> int:
    parser = OneLineParser(prog="python -m grader.learner", description=__doc__)
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="the repository (default: .)")
    commands = parser.add_subparsers(dest="command", required=True)
    hint = commands.add_parser("hint", help="show the next hint for an exercise")
    hint.add_argument("name", metavar="NAME")
    hint.add_argument("--all", action="store_true", help="show every hint")
    commands.add_parser("list", help="list the exercises and your last results")
    compare = commands.add_parser("compare", help="diff your module against the reference")
    compare.add_argument("name", metavar="NAME")
    try:
        args = parser.parse_args(argv)
        config = load_config(args.root.resolve())
        if args.command == "list":
            print(render_list(config, Progress.load(config.root)), end="")
        elif args.command == "hint":
            print(reveal_hints(config, exercise(config, args.name), show_all=args.all), end="")
        else:
            print(compare_with_reference(config, exercise(config, args.name)), end="")
    except (UsageError, ConfigError) as error:
        print(f"error: {error}", file=sys.stderr)
        return USAGE_ERROR
    return 0


def exercise(config: Config, name: str) -> Exercise:
    """The published exercise ``name``; UsageError naming the valid ones if there is none."""
    chosen = select(config, [name])[0]
    if chosen.draft:
        valid = ", ".join(e.name for e in config.published)
        raise UsageError(f"{name!r} is a draft, not published yet; valid names: {valid}")
    return chosen


def reveal_hints(config: Config, chosen: Exercise, *, show_all: bool) -> str:
    """Reveal one more hint (or all), remember how many are revealed, and return them."""
    total = len(chosen.hints)
    if not total:
        return f"{chosen.name} has no hints.\n"
    progress = Progress.load(config.root)
    seen = progress.hints.get(chosen.name, 0)
    shown = total if show_all else min(seen + 1, total)
    progress.hints[chosen.name] = max(seen, shown)
    progress.save(config.root)
    lines = [f"{chosen.name} ({chosen.kind_name}): {chosen.kind.task}, in {_file_of(chosen)}"]
    lines += [
        f"Hint {n} of {total} for {chosen.name}: {chosen.hints[n - 1]}" for n in range(1, shown + 1)
    ]
    if shown == total:
        lines.append(f"That was the last hint for {chosen.name}.")
    else:
        lines.append(f"Next: nox -s hint -- {chosen.name}   (or --all)")
    return "\n".join(lines) + "\n"


def render_list(config: Config, progress: Progress) -> str:
    """Every exercise in catalogue order with its last known result."""
    rows = [["exercise", "kind", "difficulty", "last result", "hints", "title / topics"]]
    for entry in config.published:
        result = progress.results.get(entry.name)
        last = "not graded yet"
        if result:
            verdict = "pass" if result.get("passed") else "below pass mark"
            last = f"{result.get('score', 0):g}/{result.get('max_score', 0):g} {verdict}"
        hints = f"{progress.hints.get(entry.name, 0)}/{len(entry.hints)}"
        topics = ", ".join(entry.topics)
        title = f"{entry.title} ({topics})"
        rows.append([entry.name, entry.kind_name, entry.difficulty, last, hints, title])
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
    out = [
        "  ".join([*(c.ljust(w) for c, w in zip(row, widths, strict=False)), row[-1]]).rstrip()
        for row in rows
    ]
    return "\n".join(out) + "\n"


def _file_of(chosen: Exercise) -> str:
    return f"exercises/{chosen.module_file}"


def compare_with_reference(config: Config, chosen: Exercise) -> str:
    """A unified diff from the reference to the learner's module, once it is fully correct."""
    mine = config.root / "exercises" / chosen.module_file
    reference = config.root / "solutions" / chosen.module_file
    if not reference.is_file():
        raise UsageError(f"there is no reference for {chosen.name} in this copy (solutions/)")
    result = Progress.load(config.root).results.get(chosen.name, {})
    if not result.get("full_correctness"):
        raise UsageError(
            f"{chosen.name} has not passed every correctness test yet; finish it first "
            f"(nox -s grade -- {chosen.name}), then compare"
        )
    diff = difflib.unified_diff(
        reference.read_text(encoding="utf-8").splitlines(keepends=True),
        mine.read_text(encoding="utf-8").splitlines(keepends=True),
        fromfile=f"solutions/{chosen.module_file} (one possibility)",
        tofile=f"exercises/{chosen.module_file} (yours)",
    )
    text = "".join(diff)
    return text if text else f"Your {chosen.module_file} is identical to the reference.\n"


if __name__ == "__main__":
    raise SystemExit(main())
