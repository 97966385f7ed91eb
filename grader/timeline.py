"""The state of a timed interview, in ``.kata/``: read by grade and watch, kept by interview.

``nox -s interview`` (:mod:`grader.interview`) starts and finishes one; while it runs, each grade
of the candidate's folder is noted here with a snapshot of their modules. Only ``.kata/`` is
written.
"""

from __future__ import annotations

import json
import shutil
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from grader.config import CATEGORIES, Config
from grader.score import ExerciseGrade

STATE = Path(".kata") / "interview.json"
FOLDER = Path(".kata") / "interview"


def load_state(root: Path) -> dict[str, Any] | None:
    """The running interview, or None."""
    try:
        state = json.loads((root / STATE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return state if isinstance(state, dict) and not state.get("finished_at") else None


def save_state(root: Path, state: dict[str, Any]) -> None:
    (root / STATE).parent.mkdir(parents=True, exist_ok=True)
    (root / STATE).write_text(json.dumps(state, indent=2), encoding="utf-8")


def time_left(root: Path, now: float | None = None) -> str | None:
    """A line for grade and watch: the time left, or how late it is; None when no interview."""
    state = load_state(root)
    if state is None:
        return None
    left = state["started_at"] + 60 * state["minutes"] - (time.time() if now is None else now)
    if left >= 0:
        return f"interview: {left / 60:.0f} min left of {state['minutes']:g}"
    return f"interview: time is up ({-left / 60:.0f} min over); grades now are marked late"


def note_grades(config: Config, grades: Sequence[ExerciseGrade]) -> None:
    """During an interview, keep a snapshot of the candidate's modules and their grade."""
    state = load_state(config.root)
    if state is None:
        return
    now = time.time()
    elapsed = now - state["started_at"]
    index = len(state["timeline"]) + 1
    snapshot = config.root / FOLDER / "snapshots" / f"{index:03d}"
    snapshot.mkdir(parents=True, exist_ok=True)
    for name in state["exercises"]:
        module = config.root / "exercises" / f"{name}.py"
        if module.is_file():
            shutil.copy2(module, snapshot / module.name)
    state["timeline"].append(
        {
            "at": now,
            "elapsed_minutes": round(elapsed / 60, 2),
            "late": elapsed > 60 * state["minutes"],
            "snapshot": str(snapshot.relative_to(config.root)),
            "grades": {
                g.name: {c: g.categories[c].score for c in CATEGORIES} | {"total": g.score}
                for g in grades
                if g.name in state["exercises"]
            },
        }
    )
    save_state(config.root, state)
