"""``python -m grader.export DEST [--no-hints] [--time TEXT]``: a candidate-ready take-home.

The copy is made from what is committed at HEAD, never from the working tree: a lead who solved
``exercises/lru_cache.py`` in their clone, or keeps ``submissions/`` and ``reports/`` beside it,
ships the stubs as committed and nothing untracked or ignored, and is told what was left behind.

It holds no reference code anywhere: no ``solutions/``, no mutants or alternative designs (each
is a reference with a bug), no benchmarks (they import the references), no draft exercises, no
hidden pack (``[tool.kata] hidden``, when it lies inside the repository), and
a git history of one fresh commit. It keeps the stubs, the tests, the grader and the noxfile,
with a README written for the candidate (what to do, how to grade, the rubric, the time expected
when ``--time`` gives one, and only commands that work there) and a GitHub workflow that grades
each push (for GitHub Classroom). DEST must not exist: nothing is overwritten.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from grader.cli import USAGE_ERROR, OneLineParser, UsageError
from grader.config import CATALOGUE
from grader.kinds import DEFAULT, kind_named

# The hidden correct and buggy versions a learner's tests are graded on (``tests`` kind) are
# references too.
LEFT_OUT = (
    "solutions",
    "tests/mutants",
    "tests/alternatives",
    "tests/chaff",
    "tests/wheat",
    "bench",
    ".github",
)
# Ignored folders every clone has; leaving them behind is no news to a lead.
QUIETLY_IGNORED = {".nox", ".kata", "__pycache__", ".pytest_cache", ".mypy_cache", ".ruff_cache"}
IDENTITY = ("-c", "user.name=kata export", "-c", "user.email=kata@example.invalid")


@dataclass(frozen=True)
class Exported:
    """What was written, and what a lead should know was left behind."""

    files: int
    notes: tuple[str, ...]


def export(root: Path, dest: Path, *, hints: bool, expected_time: str | None = None) -> Exported:
    """Write HEAD's candidate files of ``root`` to ``dest``."""
    if dest.exists():
        raise UsageError(f"{dest} exists already; choose a new folder (nothing was written)")
    tracked = committed_files(root)
    catalogue = tomllib.loads(_show(root, CATALOGUE.as_posix()))["exercise"]
    drafts = {entry["name"] for entry in catalogue if entry.get("draft")}
    pack = _hidden_pack(root)
    chosen = [
        path
        for path in tracked
        if not _left_out(path, drafts) and not (pack and Path(path).is_relative_to(pack))
    ]
    for path in chosen:
        target = dest / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(_show_bytes(root, path))
    published = [entry for entry in catalogue if not entry.get("draft")]
    _drop_missing_mypy_paths(dest / "pyproject.toml")
    _write_catalogue(dest / CATALOGUE, published, hints=hints)
    (dest / "README.md").write_text(candidate_readme(published, hints, expected_time))
    workflow = dest / ".github" / "workflows" / "grade.yml"
    workflow.parent.mkdir(parents=True, exist_ok=True)
    workflow.write_text(CANDIDATE_WORKFLOW)
    _fresh_history(dest)
    return Exported(len(chosen) + 1, tuple(left_behind(root, drafts)))


def _hidden_pack(root: Path) -> Path | None:
    """The committed ``[tool.kata] hidden`` folder, relative to ``root``, if it lies inside."""
    kata = tomllib.loads(_show(root, "pyproject.toml")).get("tool", {}).get("kata", {})
    hidden = kata.get("hidden")
    if not isinstance(hidden, str):
        return None
    folder = (root / hidden).resolve()
    return folder.relative_to(root) if folder.is_relative_to(root) else None


def committed_files(root: Path) -> list[str]:
    """Every file committed at HEAD, relative to ``root``."""
    listed = _git(root, "ls-tree", "-r", "-z", "--name-only", "HEAD")
    if listed is None:
        raise UsageError(
            f"{root} is not a git checkout with a commit: export copies what is committed, "
            "so commit the exercises first"
        )
    return [name for name in listed.split("\0") if name]


def left_behind(root: Path, drafts: set[str]) -> list[str]:
    """Plain sentences on what differs from HEAD and so did not reach the copy."""
    status = _git(root, "status", "--porcelain=v1", "-z", "--ignored", "--untracked-files=normal")
    notes = []
    for entry in (status or "").split("\0"):
        if len(entry) < 4:
            continue
        code, path = entry[:2], entry[3:]
        if code == "??":
            notes.append(f"left out {path}: untracked, so never exported")
        elif code == "!!":
            if not QUIETLY_IGNORED & set(Path(path).parts):
                notes.append(f"left out {path}: ignored by git, so never exported")
        elif not _left_out(path, drafts):
            notes.append(f"{path} differs from HEAD: exported the committed version")
    return notes


def _left_out(path: str, drafts: set[str]) -> bool:
    if any(path == prefix or path.startswith(prefix + "/") for prefix in LEFT_OUT):
        return True
    return any(path in _files_of_draft(name) for name in drafts)


def _files_of_draft(name: str) -> tuple[str, ...]:
    """Every file of an exercise outside the folders left out anyway, whatever its kind."""
    return (
        f"exercises/{name}.py",
        f"exercises/test_{name}.py",
        f"tests/test_{name}.py",
        f"tests/originals/{name}.py",
    )


def _git(root: Path, *args: str) -> str | None:
    try:
        done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, check=False)
    except OSError:
        return None
    return done.stdout.decode("utf-8", errors="replace") if done.returncode == 0 else None


def _show_bytes(root: Path, path: str) -> bytes:
    return subprocess.run(
        ["git", "-C", str(root), "show", f"HEAD:{path}"], capture_output=True, check=True
    ).stdout


def _show(root: Path, path: str) -> str:
    return _show_bytes(root, path).decode("utf-8")


def _drop_missing_mypy_paths(pyproject: Path) -> None:
    """mypy's ``files`` names solutions/ and bench/, and ``hidden`` a pack: the copy has none."""
    lines = pyproject.read_text(encoding="utf-8").splitlines(keepends=True)
    for index, line in enumerate(lines):
        if line.startswith("files = ["):
            kept = [name for name in json.loads(line.split("=", 1)[1]) if name not in LEFT_OUT]
            lines[index] = f"files = {json.dumps(kept)}\n"
        elif line.startswith("hidden = "):
            lines[index] = "# hidden tests: the lead grades with them; they are not in this copy\n"
    pyproject.write_text("".join(lines), encoding="utf-8")


def _write_catalogue(target: Path, entries: list[dict[str, Any]], *, hints: bool) -> None:
    """The published exercises, without hints unless ``hints``."""
    note = "" if hints else " Hints were left out of this copy."
    out = [f"# The catalogue, in order.{note}\n"]
    keys = ("name", "kind", "title", "difficulty", "topics", *(("hints",) if hints else ()))
    for entry in entries:
        out.append("\n[[exercise]]\n")
        out += [
            f"{key} = {json.dumps(entry[key], ensure_ascii=False)}\n"
            for key in keys
            if key in entry
        ]
        if not hints:
            out.append("hints = []\n")
    target.write_text("".join(out), encoding="utf-8")


def kind_of(entry: dict[str, Any]) -> str:
    return str(entry.get("kind", DEFAULT))


def file_of(entry: dict[str, Any]) -> str:
    """The file a candidate writes for a catalogue entry."""
    return f"exercises/{kind_named(kind_of(entry)).learner_file(str(entry['name']))}"


def candidate_readme(entries: list[dict[str, Any]], hints: bool, expected_time: str | None) -> str:
    """A README for the candidate: the task, the commands that work in the copy, the rubric."""
    rows = "\n".join(
        f"| `{file_of(e)}` | {e.get('title', e['name'])} | {kind_named(kind_of(e)).task} |"
        for e in entries
    )
    time_note = f"\nPlan on about **{expected_time}** in all.\n" if expected_time else ""
    hint_line = (
        "nox -s hint -- NAME                 # a hint, one more each call (the report counts)\n"
        if hints
        else ""
    )
    return CANDIDATE_README.format(rows=rows, time=time_note, hint=hint_line)


CANDIDATE_README = """# Take-home exercises

Thank you for taking the time. Each exercise is a file in `exercises/` whose docstring is the
statement: the task, examples, and the limits the timing tests check. Fill in the code where it
says `# TODO` (or, for the kinds below, change what the statement asks), grade it as often as
you like, and commit your work.
{time}
| your file | exercise | what you do |
|---|---|---|
{rows}

Kinds of exercise: **implement** a module from its stub; **tests**: write the tests of a finished
module (they are graded by the hidden buggy versions they catch and must pass on hidden correct
ones, so this copy can only check them against the finished module); **speedup** / **memory**:
make a working module faster or leaner with identical results (measured against the original in
`tests/originals/`); **debug**: fix the bug its docstring's report describes, breaking nothing.

## Grading your work

You need Python 3.11 or newer and nox (`pipx install nox`, or `uv tool install nox`; where
`pip install` works, `python3 -m pip install nox` too). Then:

```sh
nox -s list                          # the exercises and your last results
nox -s grade                         # grade everything (first run builds its environment)
nox -s grade -- NAME                 # grade one exercise
nox -s watch -- NAME                 # re-grade on every save; Ctrl-C quits
nox -s tests -- -k NAME              # plain pytest on your code
{hint}```

## The rubric

Each exercise scores 100 points: **correctness 50** (the share of correctness tests passed),
**performance 30** (the share of timing tests passed, counted once every correctness test
passes; timing is relative to work measured in the same run, never fixed seconds) and
**readability 20** (`ruff check`, `ruff format` and `mypy --strict` on your file). Your module
may compute anything; it may not write files, start programs or import the test machinery, and
the report says so if it does. The report lists every lost point with the call, what came back
and what was expected.
"""

CANDIDATE_WORKFLOW = """\
# Grades each push (GitHub Classroom, or any fork): the report goes to the job summary and the
# JSON report is uploaded. The job fails while an exercise is below the pass mark.
name: grade

on: [push, workflow_dispatch]

jobs:
  grade:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with:
          python-version: "3.11"
      - name: Install nox
        run: python -m pip install nox uv
      - name: Grade
        run: nox -s grade -- --json kata-report.json --markdown kata-report.md
      - name: Job summary
        if: always()
        run: cat kata-report.md >> "$GITHUB_STEP_SUMMARY"
      - name: Upload the JSON report
        if: always()
        uses: actions/upload-artifact@v4
        with:
          name: kata-report
          path: kata-report.json
"""


def _fresh_history(dest: Path) -> None:
    """One commit of the copy, so that ``git log`` shows nothing from the original."""
    for args in (("init", "-q"), ("add", "-A"), ("commit", "-q", "-m", "Take-home exercises")):
        subprocess.run(["git", "-C", str(dest), *IDENTITY, *args], capture_output=True, check=True)


def main(argv: Sequence[str] | None = None) -> int:
    parser = OneLineParser(prog="nox -s export --", description="Write a candidate-ready copy.")
    parser.add_argument("dest", type=Path, metavar="DEST", help="a folder that does not exist yet")
    parser.add_argument("--no-hints", action="store_true", help="leave the hints out")
    parser.add_argument("--time", metavar="TEXT", help='the time you expect, e.g. "3 hours"')
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="the repository (default: .)")
    try:
        args = parser.parse_args(argv)
        done = export(
            args.root.resolve(), args.dest.resolve(), hints=not args.no_hints,
            expected_time=args.time,
        )  # fmt: skip
    except UsageError as error:
        print(f"error: {error}", file=sys.stderr)
        return USAGE_ERROR
    for note in done.notes:
        print(f"note: {note}")
    hints = "without hints" if args.no_hints else "with hints"
    print(
        f"Wrote {done.files} files to {args.dest} ({hints}) from what is committed at HEAD: "
        "no solutions, mutants, benchmarks or drafts."
    )
    print(f"Check it: cd {args.dest} && nox -s grade")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
