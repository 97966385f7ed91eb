"""The readability review of one exercise file: ruff check, ruff format --check and mypy --strict.

Each tool earns a share of the readability points; findings cost a quarter of a share each:

=================  =====  ========================================
check              share  earned
=================  =====  ========================================
ruff check         40%    minus a quarter per finding, down to 0
ruff format        20%    all or nothing
mypy --strict      40%    minus a quarter per error, down to 0
=================  =====  ========================================
"""

from __future__ import annotations

import ast
import fcntl
import os
import subprocess
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

MESSAGE_LINES = 12
COST_PER_FINDING = 0.25


@dataclass(frozen=True)
class ReviewCheck:
    """One tool's verdict: the share of readability points it weighs and the fraction earned."""

    name: str
    share: float
    earned: float
    message: str = ""

    @property
    def passed(self) -> bool:
        return self.earned == 1.0


def review(path: Path, root: Path, cache_dir: Path) -> tuple[ReviewCheck, ...]:
    """Run the three tools on ``path`` with the repository's configuration."""
    return review_many([path], root, cache_dir)[path]


def review_many(
    paths: Sequence[Path], root: Path, cache_dir: Path
) -> dict[Path, tuple[ReviewCheck, ...]]:
    """Review modules of one folder together: one process per tool, findings split per file.

    mypy stops at a file that does not parse, so such a file is reviewed on its own.
    """
    parsing = [path for path in paths if _parses(path)]
    batches = [parsing] if parsing else []
    batches += [[path] for path in paths if path not in parsing]
    found: dict[Path, tuple[ReviewCheck, ...]] = {}
    for batch in batches:
        found.update(_review_batch(batch, root, cache_dir))
    return found


def _review_batch(
    paths: list[Path], root: Path, cache_dir: Path
) -> dict[Path, tuple[ReviewCheck, ...]]:
    config = str(root / "pyproject.toml")
    ruff = [sys.executable, "-m", "ruff"]
    files = [str(path) for path in paths]
    lint = _run([*ruff, "check", "--no-cache", "--config", config, "--output-format=concise",
                 *files], root)  # fmt: skip
    fmt = _run([*ruff, "format", "--no-cache", "--config", config, "--diff", *files], root)
    with _only_user_of(cache_dir):  # mypy's cache is not safe for two processes at once
        types = _run(
            [
                sys.executable, "-m", "mypy", "--strict", "--config-file", config,
                "--cache-dir", str(cache_dir), "--no-error-summary", "--hide-error-context",
                "--no-pretty", *files,
            ],
            root,
            # A learner's tests import the module they test as a plain module from its folder.
            {**os.environ, "MYPYPATH": os.pathsep.join(sorted({str(p.parent) for p in paths}))},
        )  # fmt: skip
    return {
        path: _checks(
            _findings(lint, path, paths),
            _diff_of(fmt, path),
            _findings(types, path, paths, also=": error:"),
        )
        for path in paths
    }


@contextmanager
def _only_user_of(cache_dir: Path) -> Iterator[None]:
    """Hold ``cache_dir`` alone: other graders (a batch's candidates, say) wait their turn."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    with (cache_dir.parent / f"{cache_dir.name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def _checks(
    lint_findings: list[str], format_diff: list[str] | None, type_errors: list[str]
) -> tuple[ReviewCheck, ...]:
    return (
        ReviewCheck("ruff check", 0.4, _earned(lint_findings), _message(lint_findings)),
        ReviewCheck(
            "ruff format",
            0.2,
            1.0 if format_diff is None else 0.0,
            "" if format_diff is None else _message(format_diff),
        ),
        ReviewCheck("mypy --strict", 0.4, _earned(type_errors), _message(type_errors)),
    )


def _parses(path: Path) -> bool:
    try:
        ast.parse(path.read_bytes())
    except (SyntaxError, ValueError, OSError):
        return False
    return True


def _diff_of(result: tuple[int, str], path: Path) -> list[str] | None:
    """The part of ``ruff format --diff`` about ``path``; None when it needs no change."""
    code, output = result
    if code == 0:
        return None
    lines = output.splitlines()
    starts = [i for i, line in enumerate(lines) if line.startswith("--- ")]
    for index, start in enumerate(starts):
        if lines[start].rstrip().endswith(path.name):
            end = starts[index + 1] if index + 1 < len(starts) else len(lines)
            return lines[start:end]
    if any(path.name in line for line in lines):  # an error about this file, not a diff
        return [line for line in lines if path.name in line]
    return None


def _run(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> tuple[int, str]:
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False, env=env)
    return result.returncode, result.stdout + result.stderr


def _findings(
    result: tuple[int, str], path: Path, batch: Sequence[Path], also: str = ""
) -> list[str]:
    """The lines of a tool's output about ``path`` (``.../name.py:12: ...``)."""
    code, output = result
    lines = [line.strip() for line in output.splitlines() if _about(line, path) and also in line]
    if code != 0 and not any(_about(line, p) for line in output.splitlines() for p in batch):
        # The tool itself failed: say so rather than award the points.
        lines = [f"the tool did not run: {output.strip().splitlines()[-1:] or code}"]
    return lines


def _about(line: str, path: Path) -> bool:
    start = line.find(f"{path.name}:")
    return start == 0 or (start > 0 and line[start - 1] in "/\\")


def _earned(findings: list[str]) -> float:
    return max(0.0, 1.0 - COST_PER_FINDING * len(findings))


def _message(lines: list[str]) -> str:
    shown = lines[:MESSAGE_LINES]
    if len(lines) > MESSAGE_LINES:
        shown.append(f"... and {len(lines) - MESSAGE_LINES} more")
    return "\n".join(shown)
