"""``python -m grader.export DEST [--no-hints]``: a candidate-ready copy for a take-home.

The copy holds no reference code anywhere: no ``solutions/``, no mutants or alternative designs
(each is a reference with a bug), no benchmarks (they import the references), and a git history
of one fresh commit. It keeps the stubs, the tests, the grader, the noxfile and the README, and
the hints unless ``--no-hints``. Its ``nox -s grade`` works as here, and its ``nox -s selftest``
leaves out the checks that need the references. DEST must not exist: nothing is overwritten.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tomllib
from collections.abc import Iterator, Sequence
from pathlib import Path

from grader.cli import USAGE_ERROR, OneLineParser, UsageError
from grader.config import CATALOGUE, ConfigError, load_config

LEFT_OUT = ("solutions", "tests/mutants", "tests/alternatives", "bench")
NEVER_COPIED = {
    ".git",
    ".nox",
    ".kata",
    "__pycache__",
    ".pytest_cache",
    ".mypy_cache",
    ".ruff_cache",
}
IDENTITY = ("-c", "user.name=kata export", "-c", "user.email=kata@example.invalid")


def export(root: Path, dest: Path, *, hints: bool) -> int:
    """Copy ``root`` to ``dest`` without reference code; return the number of files copied."""
    if dest.exists():
        raise UsageError(f"{dest} exists already; choose a new folder (nothing was written)")
    config = load_config(root)
    drafts = {e.name for e in config.catalogue if e.draft}
    files = sorted(f for f in candidate_files(root) if not _belongs_to(f, drafts))
    for relative in files:
        target = dest / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(root / relative, target)
    _drop_missing_mypy_paths(dest / "pyproject.toml")
    if not hints or drafts:
        _write_catalogue(dest / CATALOGUE, config.root / CATALOGUE, hints=hints)
    _fresh_history(dest)
    return len(files)


def candidate_files(root: Path) -> Iterator[Path]:
    """The repository's files, relative to ``root``, minus everything that holds a reference."""
    listed = _git_files(root)
    paths = listed if listed is not None else (p.relative_to(root) for p in root.rglob("*"))
    for relative in paths:
        if not (root / relative).is_file() or NEVER_COPIED & set(relative.parts):
            continue
        posix = relative.as_posix()
        if any(posix == prefix or posix.startswith(prefix + "/") for prefix in LEFT_OUT):
            continue
        yield relative


def _git_files(root: Path) -> list[Path] | None:
    """Tracked and untracked-but-not-ignored files, when ``root`` is a git checkout."""
    try:
        done = subprocess.run(
            ["git", "-C", str(root), "ls-files", "--cached", "--others", "--exclude-standard"],
            capture_output=True, text=True, check=False,
        )  # fmt: skip
    except OSError:
        return None
    if done.returncode:
        return None
    return [Path(line) for line in done.stdout.splitlines() if line]


def _drop_missing_mypy_paths(pyproject: Path) -> None:
    """mypy's ``files`` names solutions/ and bench/, which the copy does not have."""
    lines = pyproject.read_text(encoding="utf-8").splitlines(keepends=True)
    for index, line in enumerate(lines):
        if line.startswith("files = ["):
            kept = [name for name in json.loads(line.split("=", 1)[1]) if name not in LEFT_OUT]
            lines[index] = f"files = {json.dumps(kept)}\n"
    pyproject.write_text("".join(lines), encoding="utf-8")


def _belongs_to(relative: Path, drafts: set[str]) -> bool:
    """Whether ``relative`` is a draft exercise's stub or tests: drafts stay behind."""
    posix = relative.as_posix()
    return any(posix in (f"exercises/{name}.py", f"tests/test_{name}.py") for name in drafts)


def _write_catalogue(target: Path, source: Path, *, hints: bool) -> None:
    """The catalogue without its drafts, and without hints unless ``hints``."""
    entries = tomllib.loads(source.read_text(encoding="utf-8"))["exercise"]
    note = "" if hints else " Hints were left out of this copy."
    out = [f"# The catalogue, in order.{note}\n"]
    for entry in entries:
        if entry.get("draft"):
            continue
        out.append("\n[[exercise]]\n")
        out += [
            f"{key} = {json.dumps(entry[key], ensure_ascii=False)}\n"
            for key in ("name", "title", "difficulty", "topics", *(("hints",) if hints else ()))
            if key in entry
        ]
        if not hints:
            out.append("hints = []\n")
    target.write_text("".join(out), encoding="utf-8")


def _fresh_history(dest: Path) -> None:
    """One commit of the copy, so that ``git log`` shows nothing from the original."""
    try:
        for args in (("init", "-q"), ("add", "-A"), ("commit", "-q", "-m", "Take-home exercises")):
            subprocess.run(
                ["git", "-C", str(dest), *IDENTITY, *args], capture_output=True, check=True
            )
    except (OSError, subprocess.CalledProcessError):
        shutil.rmtree(dest / ".git", ignore_errors=True)  # no git: the copy has no history at all


def main(argv: Sequence[str] | None = None) -> int:
    parser = OneLineParser(prog="nox -s export --", description="Write a candidate-ready copy.")
    parser.add_argument("dest", type=Path, metavar="DEST", help="a folder that does not exist yet")
    parser.add_argument("--no-hints", action="store_true", help="leave the hints out")
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="the repository (default: .)")
    try:
        args = parser.parse_args(argv)
        count = export(args.root.resolve(), args.dest.resolve(), hints=not args.no_hints)
    except (UsageError, ConfigError) as error:
        print(f"error: {error}", file=sys.stderr)
        return USAGE_ERROR
    hints = "without hints" if args.no_hints else "with hints"
    print(f"Wrote {count} files to {args.dest} ({hints}): no solutions, mutants or benchmarks.")
    print(f"Check it: cd {args.dest} && nox -s grade")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
