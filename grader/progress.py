"""The learner's progress, kept in ``.kata/progress.json``: hints revealed and last results.

Only the grader's own folder ``.kata/`` is written; the file is rebuilt if it is missing or
unreadable, so deleting it resets the progress and nothing else.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

PROGRESS = Path(".kata") / "progress.json"


@dataclass
class Progress:
    """How many hints each exercise has revealed, and each exercise's last graded result."""

    hints: dict[str, int] = field(default_factory=dict)
    results: dict[str, dict[str, Any]] = field(default_factory=dict)

    @classmethod
    def load(cls, root: Path) -> Progress:
        try:
            data = json.loads((root / PROGRESS).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls()
        if not isinstance(data, dict):
            return cls()
        return cls(_entries(data.get("hints"), int), _entries(data.get("results"), dict))

    def save(self, root: Path) -> None:
        path = root / PROGRESS
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps({"hints": self.hints, "results": self.results}, indent=2))


def _entries(table: object, kind: type) -> dict[str, Any]:
    """The entries of ``table`` whose values are of ``kind``; none if it is not a table."""
    if not isinstance(table, dict):
        return {}
    return {key: value for key, value in table.items() if isinstance(value, kind)}
