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

import subprocess
import sys
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
    config = str(root / "pyproject.toml")
    ruff = [sys.executable, "-m", "ruff"]
    lint = _run(
        [*ruff, "check", "--no-cache", "--config", config, "--output-format=concise", str(path)],
        root,
    )
    fmt = _run([*ruff, "format", "--no-cache", "--config", config, "--diff", str(path)], root)
    types = _run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--config-file",
            config,
            "--cache-dir",
            str(cache_dir),
            "--no-error-summary",
            "--hide-error-context",
            "--no-pretty",
            str(path),
        ],
        root,
    )
    lint_findings = _findings(lint, marker=f"{path.name}:")
    type_errors = _findings(types, marker=": error:")
    return (
        ReviewCheck("ruff check", 0.4, _earned(lint_findings), _message(lint_findings)),
        ReviewCheck(
            "ruff format",
            0.2,
            1.0 if fmt[0] == 0 else 0.0,
            _message(fmt[1].splitlines()) if fmt[0] else "",
        ),
        ReviewCheck("mypy --strict", 0.4, _earned(type_errors), _message(type_errors)),
    )


def _run(command: list[str], cwd: Path) -> tuple[int, str]:
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)
    return result.returncode, result.stdout + result.stderr


def _findings(result: tuple[int, str], marker: str) -> list[str]:
    code, output = result
    lines = [line.strip() for line in output.splitlines() if marker in line]
    if code != 0 and not lines:  # the tool itself failed: say so rather than award the points
        lines = [f"the tool did not run: {output.strip().splitlines()[-1:] or code}"]
    return lines


def _earned(findings: list[str]) -> float:
    return max(0.0, 1.0 - COST_PER_FINDING * len(findings))


def _message(lines: list[str]) -> str:
    shown = lines[:MESSAGE_LINES]
    if len(lines) > MESSAGE_LINES:
        shown.append(f"... and {len(lines) - MESSAGE_LINES} more")
    return "\n".join(shown)
